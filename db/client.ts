// One module picks the database: postgres.js when DATABASE_URL is set, otherwise
// embedded PGlite in .data/ (or in memory for tests). Same schema, same migrations,
// same queries on both.
import fs from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data directory, or "memory" for an in-memory database. */
  dataDir?: string;
  /** postgres.js pool size. Under a hot slot more connections only queue on the row lock. */
  poolMax?: number;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function defaultDataDir(): string {
  return process.env.PGLITE_DATA_DIR || path.join(process.cwd(), ".data", "pglite");
}

export class DatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `組み込みデータベース ${dataDir} は別のプロセス (pid ${pid}) が使用中です。` +
        `サーバーを停止してから実行するか、DATABASE_URL で PostgreSQL を使ってください。`,
    );
    this.name = "DatabaseInUseError";
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no lock between processes, and two processes on one data directory
 * corrupt it silently. A lock file with our pid guards the directory.
 */
function acquirePgliteLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number(fs.readFileSync(lockFile, "utf8"));
      if (Number.isInteger(holder) && holder > 0 && pidAlive(holder)) {
        throw new DatabaseInUseError(dataDir, holder);
      }
      fs.unlinkSync(lockFile); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(options.url, {
      max: options.poolMax ?? 10,
      onnotice: () => {},
      // Japanese dates stay plain 'YYYY-MM-DD' strings; never shifted by the server's time zone.
      connection: { TimeZone: "Asia/Tokyo" },
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = options.dataDir ?? defaultDataDir();
  const inMemory = dataDir === "memory";
  const release = inMemory ? () => {} : acquirePgliteLock(dataDir);
  try {
    const client = await PGlite.create(inMemory ? undefined : dataDir);
    await client.exec("set time zone 'Asia/Tokyo'");
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(database.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(database.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

export function optionsFromEnv(): OpenOptions {
  return {
    url: process.env.DATABASE_URL || undefined,
    poolMax: process.env.DB_POOL_MAX ? Number(process.env.DB_POOL_MAX) : undefined,
  };
}

// The app's process-wide database, opened and migrated once (kept on globalThis so
// Next's module reloading in development does not open a second PGlite).
const globalForDb = globalThis as unknown as { __appDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  if (!globalForDb.__appDatabase) {
    globalForDb.__appDatabase = (async () => {
      const database = await openDatabase(optionsFromEnv());
      await migrateDatabase(database);
      return database;
    })();
    globalForDb.__appDatabase.catch(() => {
      globalForDb.__appDatabase = undefined;
    });
  }
  return globalForDb.__appDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

const globalForResidents = globalThis as unknown as { __residentDatabase?: Promise<Database> };

/** DB_RESIDENT_POOL_MAX, by default 2 fewer than the main pool (at least 1). */
function residentPoolMax(): number {
  const main = optionsFromEnv().poolMax ?? 10;
  const n = Number(process.env.DB_RESIDENT_POOL_MAX);
  return Number.isInteger(n) && n > 0 ? n : Math.max(1, main - 2);
}

/**
 * The residents' own connection pool (resident pages and actions, the waiting room, LIFF). Under
 * a booking rush residents' queries wait in this pool's queue, in the app and in arrival order,
 * and never in front of the staff console's, the venues', the phone line's or LINE's, which keep
 * the main pool. Small on purpose: under a hot slot more connections only queue on its row lock.
 * On PGlite (one process, one connection) and in tests it is the app's database itself.
 */
export function getResidentDatabase(): Promise<Database> {
  if (!globalForResidents.__residentDatabase) {
    globalForResidents.__residentDatabase = (async () => {
      const options = optionsFromEnv();
      return openResidentDatabase(await getDatabase(), { ...options, poolMax: residentPoolMax() });
    })();
    globalForResidents.__residentDatabase.catch(() => {
      globalForResidents.__residentDatabase = undefined;
    });
  }
  return globalForResidents.__residentDatabase;
}

/** A second pool on `main`'s PostgreSQL database (`options.url`, already migrated); `main` itself on PGlite. */
export async function openResidentDatabase(main: Database, options: OpenOptions): Promise<Database> {
  if (main.kind !== "postgres" || !options.url) return main;
  return openDatabase(options);
}

export async function getResidentDb(): Promise<Db> {
  return (await getResidentDatabase()).db;
}

/** Makes `database` the app's process-wide database (tests and the CLI that already opened one). */
export function setAppDatabase(database: Database): void {
  globalForDb.__appDatabase = Promise.resolve(database);
  globalForResidents.__residentDatabase = Promise.resolve(database);
}
