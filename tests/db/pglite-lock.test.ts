/** @jest-environment node */
// PGlite has no lock between processes; ours keeps a second opener (a CLI command while the
// server runs) away from a data directory in use, and clears a lock left by a dead process.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatabaseInUseError, openDatabase, type Database } from "@/db/client";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-lock-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it("refuses a second opener of the same directory, in this process or another", async () => {
  const dataDir = path.join(dir, "pglite");
  const first: Database = await openDatabase({ dataDir });
  try {
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DatabaseInUseError);
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [require.resolve("tsx/cli"), "scripts/cli.ts", "db", "migrate"],
        { env: { ...process.env, PGLITE_DATA_DIR: dataDir, DATABASE_URL: "", NODE_OPTIONS: "" } },
        (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("使用中");
  } finally {
    await first.close();
  }
  // Released on close: the directory opens again.
  const again = await openDatabase({ dataDir });
  await again.close();
});

it("takes over a lock left behind by a process that is gone", async () => {
  const dataDir = path.join(dir, "pglite");
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dir, "pglite.lock"), "2147483646");
  const database = await openDatabase({ dataDir });
  expect(fs.readFileSync(path.join(dir, "pglite.lock"), "utf8")).toBe(String(process.pid));
  await database.close();
  expect(fs.existsSync(path.join(dir, "pglite.lock"))).toBe(false);
});
