import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema.ts and committed; they run on start-up
// (instrumentation.ts) and with `npm run db:migrate`, on PostgreSQL and PGlite alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  strict: true,
});
