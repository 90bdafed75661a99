/** @jest-environment node */
// Residents' queries run on a pool of their own (db/client.ts getResidentDatabase), so under a
// rush they queue in the app behind each other and never in front of the staff console's.
import { sql } from "drizzle-orm";
import { openResidentDatabase, type Database } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "./harness";

let t: TestDatabase;
let residents: Database;
beforeAll(async () => {
  t = await createTestDatabase();
  residents = await openResidentDatabase(t, { url: t.url, poolMax: 1 });
});
afterAll(async () => {
  if (residents !== t) await residents.close();
  await t.close();
});

const timed = async (work: Promise<unknown>) => {
  const t0 = performance.now();
  await work;
  return performance.now() - t0;
};

describe("the residents' pool", () => {
  it(process.env.TEST_DATABASE_URL ? "queues residents behind each other while staff are answered at once" : "is the app's one database on PGlite", async () => {
    if (t.kind === "pglite") {
      // One process, one connection: there is nothing to separate.
      expect(residents).toBe(t);
      return;
    }
    expect(residents).not.toBe(t);
    const first = timed(residents.db.execute(sql`select pg_sleep(0.8)`));
    const second = timed(residents.db.execute(sql`select 1`));
    const staff = await timed(t.db.execute(sql`select 1`));
    expect(staff).toBeLessThan(500);
    // The pool holds one connection: the second resident query waited for the first.
    expect(await second).toBeGreaterThan(700);
    expect(await first).toBeGreaterThan(700);
  });
});
