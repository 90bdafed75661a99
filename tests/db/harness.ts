// A database per test file: in-memory PGlite by default, or a fresh database on the
// real PostgreSQL server named by TEST_DATABASE_URL (CI runs the suite both ways).
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, setAppDatabase, type Database, type Db } from "@/db/client";

export interface TestDatabase extends Database {
  reset: () => Promise<void>;
  /** The database's postgres:// URL on the real server; absent on PGlite. */
  url?: string;
}

const TABLES = [
  "audit_log",
  "dose_records",
  "line_links",
  "line_users",
  "line_webhook_events",
  "reminder_deliveries",
  "reservations",
  "slots",
  "staff_account_venues",
  "staff_accounts",
  "vouchers",
  "venues",
  "booster_interval_rules",
  "vaccine_products",
  "booking_openings",
  "municipality",
  "ivr_calls",
  "faq_entries",
  "login_failures",
  "chatbot_unanswered",
  "rate_limits",
  "import_problems",
  "import_jobs",
  "venue_lots",
  "dose_corrections",
  "vrs_exports",
  "admission_gate",
  "idempotency_keys",
  "seat_offers",
  "leftover_releases",
  "leftover_opt_ins",
  "waitlist_entries",
];

export async function truncateAll(db: Db): Promise<void> {
  await db.execute(sql.raw(`truncate table ${TABLES.map((t) => `"${t}"`).join(", ")} restart identity cascade`));
  await db.execute(sql.raw("alter sequence admission_ticket_seq restart"));
}

export async function createTestDatabase(options: { poolMax?: number } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({ dataDir: "memory" });
    await migrateDatabase(database);
    return { ...database, reset: () => truncateAll(database.db) };
  }
  const { default: postgres } = await import("postgres");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolMax: options.poolMax ?? 20 });
  await migrateDatabase(database);
  return {
    ...database,
    url: url.toString(),
    reset: () => truncateAll(database.db),
    close: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * The usual lifecycle for a service test file: one database per file, emptied and given a
 * municipality before each test (`prepare`). The returned object is filled in by beforeAll.
 */
export function setUpTestDatabase(prepare?: (db: Db) => Promise<void>): TestDatabase {
  const database = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(database, await createTestDatabase());
  });
  afterAll(async () => {
    await database.close?.();
  });
  beforeEach(async () => {
    await database.reset();
    await prepare?.(database.db);
  });
  return database;
}

/**
 * One database per test file that the app's own code uses as well (server actions and routes reach it
 * through getDb()); not emptied between tests. The returned object is filled in by beforeAll.
 */
export function setUpAppDatabase(): TestDatabase {
  const database = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(database, await createTestDatabase());
    setAppDatabase(database);
  });
  afterAll(async () => {
    await database.close?.();
  });
  return database;
}
