import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

const common = {
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1" },
};

// Three projects: pure unit tests, database/service tests (PGlite by default,
// real PostgreSQL when TEST_DATABASE_URL is set) and React component tests.
// End-to-end tests run apart (scripts/e2e.ts) against `next start`.
const projects = await Promise.all([
  createJestConfig({
    ...common,
    displayName: "unit",
    testEnvironment: "node",
    testMatch: ["<rootDir>/lib/**/*.test.ts", "<rootDir>/scripts/**/*.test.ts"],
  })(),
  createJestConfig({
    ...common,
    displayName: "db",
    testEnvironment: "node",
    testMatch: ["<rootDir>/tests/db/**/*.test.ts"],
  })(),
  createJestConfig({
    ...common,
    displayName: "components",
    testEnvironment: "jsdom",
    setupFilesAfterEnv: ["<rootDir>/tests/setup-dom.ts"],
    testMatch: ["<rootDir>/components/**/*.test.tsx", "<rootDir>/tests/components/**/*.test.tsx"],
  })(),
  createJestConfig({
    ...common,
    displayName: "e2e",
    testEnvironment: "node",
    testMatch: ["<rootDir>/tests/e2e/**/*.e2e.test.ts"],
  })(),
]);

const config = { projects, testTimeout: 60000 };
export default config;
