/** @jest-environment node */
import { setAppDatabase } from "@/db/client";
import { GET } from "@/app/api/health/route";
import { createTestDatabase } from "./harness";

it("answers 200 while the database answers, 503 once it does not", async () => {
  const database = await createTestDatabase();
  setAppDatabase(database);
  const up = await GET();
  expect(up.status).toBe(200);
  expect(await up.json()).toEqual({ status: "ok", database: database.kind });

  await database.close(); // the database goes away under the running app
  const errors = jest.spyOn(console, "error").mockImplementation(() => {});
  const down = await GET();
  errors.mockRestore();
  expect(down.status).toBe(503);
  expect(await down.json()).toMatchObject({ status: "unavailable" });
});
