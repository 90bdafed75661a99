/** @jest-environment node */
// The console's CSV upload route as in production: a real next-auth session cookie decoded by
// requireStaff, the file streamed as the request body, the NDJSON answer read line by line.
// Roles without the permission are refused by the server; venue managers act on their own
// venue only (accounts: 会場一般 of their venue; slots: their venue), every line checked.
import { signInAs, signOut } from "../support/staff-session";
import { count, eq } from "drizzle-orm";
import { slots, staffAccounts, staffAccountVenues, venues, vouchers } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import type { StaffActor } from "@/lib/auth/actor";
import type { ImportEvent, ImportOutcome } from "@/lib/import/types";
import { setUpAppDatabase } from "./harness";
import { createStaff, createVenue, setupMunicipality } from "./fixtures";


jest.mock("next/headers", () => jest.requireActual("../support/staff-session").nextHeaders);

// Imported after the mock is in place.
import { POST as upload } from "@/app/api/admin/import/[kind]/route";
import { GET as report } from "@/app/api/admin/import/jobs/[jobId]/report/route";

const t = setUpAppDatabase();


async function post(kind: string, csv: string): Promise<{ status: number; events: ImportEvent[]; outcome?: ImportOutcome; body?: { code: string } }> {
  const response = await upload(
    new Request(`http://localhost/api/admin/import/${kind}`, { method: "POST", body: new TextEncoder().encode(csv), headers: { "content-type": "text/csv", "x-file-name": "test.csv" } }),
    { params: Promise.resolve({ kind }) },
  );
  if (response.headers.get("content-type")?.includes("json") && !response.headers.get("content-type")?.includes("ndjson")) {
    return { status: response.status, events: [], body: await response.json() };
  }
  const events = (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ImportEvent);
  const result = events.find((e) => e.type === "result");
  return { status: response.status, events, outcome: result?.type === "result" ? result.outcome : undefined };
}

const VOUCHERS = "自治体コード,接種券番号,生年月日\n132012,1000000001,1950-04-01\n";

let own: { id: number; code: string };
let admin: StaffActor;
let manager: StaffActor;
beforeEach(async () => {
  await t.reset();
  await setupMunicipality(t.db);
  own = await createVenue(t.db, "OWN");
  await createVenue(t.db, "OTHER");
  admin = await createStaff(t.db, "admin");
  manager = await createStaff(t.db, "venue_manager", [own.id]);
});

async function tableCount(table: typeof vouchers | typeof staffAccounts | typeof slots | typeof venues) {
  const [row] = await t.db.select({ n: count() }).from(table);
  return row!.n;
}

describe("roles without the permission are refused by the route", () => {
  it.each([
    ["vouchers", "call_center"],
    ["vouchers", "venue_manager"],
    ["venues", "venue_manager"],
    ["venues", "call_center"],
    ["accounts", "venue_staff"],
    ["accounts", "call_center"],
    ["slots", "venue_staff"],
    ["slots", "call_center"],
  ] as const)("%s by %s: 403, nothing written", async (kind, role) => {
    await signInAs(await createStaff(t.db, role, role.startsWith("venue") ? [own.id] : []));
    const before = { vouchers: await tableCount(vouchers), venues: await tableCount(venues) };
    const csv = kind === "vouchers" ? VOUCHERS : kind === "venues" ? "会場コード,会場名,種別\nNEW,新会場,集団\n" : kind === "accounts" ? "ログインID,氏名,権限,会場コード\nnew-staff,新人,会場一般,OWN\n" : "会場コード,日付,開始時刻,終了時刻,定員,ワクチン\nOWN,2099-01-05,9:00,9:30,10,ファイザー\n";
    const { status, body } = await post(kind, csv);
    expect(status).toBe(403);
    expect(body).toMatchObject({ code: "forbidden" });
    expect({ vouchers: await tableCount(vouchers), venues: await tableCount(venues) }).toEqual(before);
    expect(await t.db.select().from(staffAccounts).where(eq(staffAccounts.loginId, "new-staff"))).toEqual([]);
    expect(await tableCount(slots)).toBe(0);
  });

  it("without a session: 401", async () => {
    signOut();
    expect((await post("vouchers", VOUCHERS)).status).toBe(401);
  });
});

it("an admin uploads vouchers: progress and result arrive as NDJSON", async () => {
  await signInAs(admin);
  const { status, events, outcome } = await post("vouchers", VOUCHERS);
  expect(status).toBe(200);
  expect(events.some((e) => e.type === "progress" && e.phase === "writing")).toBe(true);
  expect(outcome).toMatchObject({ ok: true, created: 1 });
  expect(await tableCount(vouchers)).toBe(1);
});

describe("accounts CSV", () => {
  const HEADER = "ログインID,氏名,権限,会場コード";

  it("a venue manager's file with a line for another venue is refused on the server: nothing created", async () => {
    await signInAs(manager);
    const { outcome } = await post("accounts", `${HEADER}\nown-staff1,自会場 一郎,会場一般,OWN\nother-staff,他会場 次郎,会場一般,OTHER\n`);
    expect(outcome).toMatchObject({ ok: false, code: "invalid_file", badLines: 1, problems: [{ line: 3, column: "会場コード", reason: expect.stringContaining("担当の会場ではありません") }] });
    expect(await t.db.select().from(staffAccounts).where(eq(staffAccounts.loginId, "own-staff1"))).toEqual([]);
  });

  it("a venue manager may not create a 会場責任者 even for their own venue", async () => {
    await signInAs(manager);
    const { outcome } = await post("accounts", `${HEADER}\nown-manager2,自会場 三郎,会場責任者,OWN\n`);
    expect(outcome).toMatchObject({ ok: false, problems: [{ line: 2, column: "権限", reason: expect.stringContaining("会場一般のアカウントだけ") }] });
  });

  it("a venue manager creates 会場一般 of their venue: passwords returned once, to be changed at first login", async () => {
    await signInAs(manager);
    const { outcome } = await post("accounts", `${HEADER}\nown-staff1,自会場 一郎,会場一般,OWN\nown-staff2,自会場 二郎,会場一般,ＯＷＮ\n`);
    expect(outcome).toMatchObject({ ok: true, created: 2 });
    if (!outcome?.ok) return;
    expect(outcome.passwords).toHaveLength(2);
    const [created] = await t.db.select().from(staffAccounts).where(eq(staffAccounts.loginId, "own-staff1"));
    expect(created).toMatchObject({ role: "venue_staff", mustChangePassword: true, displayName: "自会場 一郎" });
    expect(created!.passwordHash).not.toContain(outcome.passwords![0]!.password);
    expect(await verifyPassword(created!.passwordHash, outcome.passwords!.find((p) => p.loginId === "own-staff1")!.password)).toBe(true);
    expect(await t.db.select().from(staffAccountVenues).where(eq(staffAccountVenues.accountId, created!.id))).toEqual([{ accountId: created!.id, venueId: own.id }]);
  });

  it("an admin's file: any role; a login id in use, a duplicate in the file, an unknown venue are bad lines", async () => {
    await signInAs(admin);
    const existing = await t.db.select({ loginId: staffAccounts.loginId }).from(staffAccounts).where(eq(staffAccounts.id, manager.staffId));
    const { outcome } = await post(
      "accounts",
      `${HEADER}\ncc1,コール 花子,コールセンター一般,\n${existing[0]!.loginId},重複,会場一般,OWN\ncc1,二重,管理者,\nxx1,会場なし,会場一般,NOPE\ncc2,管理,管理者,OWN\n`,
    );
    expect(outcome).toMatchObject({ ok: false, badLines: 4 });
    if (outcome?.ok !== false) return;
    expect(outcome.problems.map((p) => [p.line, p.column])).toEqual([
      [3, "ログインID"],
      [4, "ログインID"],
      [5, "会場コード"],
      [6, "会場コード"],
    ]);
  });
});

describe("slots CSV", () => {
  const HEADER = "会場コード,日付,開始時刻,終了時刻,定員,ワクチン";

  it("a venue manager adds slots to their venue; a line for another venue refuses the whole file", async () => {
    await signInAs(manager);
    const refused = await post("slots", `${HEADER}\nOWN,2099-01-05,9:00,9:30,10,ファイザー\nOTHER,2099-01-05,9:00,9:30,10,ファイザー\n`);
    expect(refused.outcome).toMatchObject({ ok: false, badLines: 1, problems: [{ line: 3, column: "会場コード" }] });
    expect(await tableCount(slots)).toBe(0);
    const ok = await post("slots", `${HEADER}\nOWN,2099/1/5,9:00,9:30,１０,ファイザー\nOWN,2099-01-05,9:30,10:00,10,MODERNA\n`);
    expect(ok.outcome).toMatchObject({ ok: true, created: 2 });
    const again = await post("slots", `${HEADER}\nOWN,2099-01-05,9:00,9:30,20,PFIZER\n`);
    expect(again.outcome).toMatchObject({ ok: false, problems: [{ line: 2, reason: expect.stringContaining("すでに登録されています") }] });
  });
});

describe("venues CSV", () => {
  it("creates new venues and updates existing ones by 会場コード", async () => {
    await signInAs(admin);
    const { outcome } = await post("venues", "会場コード,会場名,種別,住所,電話番号\nOWN,自会場（改名）,個別,八王子市1-1,042-000-0000\nnew1,新しい会場,集団,,\n");
    expect(outcome).toMatchObject({ ok: true, created: 1, updated: 1 });
    const [renamed] = await t.db.select().from(venues).where(eq(venues.id, own.id));
    expect(renamed).toMatchObject({ name: "自会場（改名）", kind: "clinic", phone: "042-000-0000" });
    expect(await t.db.select().from(venues).where(eq(venues.code, "NEW1"))).toHaveLength(1);
  });
});

describe("the bad-line report", () => {
  it("downloads as CSV for the uploader, and is not found for someone else", async () => {
    await signInAs(admin);
    const { outcome } = await post("vouchers", "自治体コード,接種券番号,生年月日\n131017,1000000001,1950-04-01\n");
    expect(outcome?.ok).toBe(false);
    const jobId = outcome!.jobId!;
    const response = await report(new Request(`http://localhost/api/admin/import/jobs/${jobId}/report`), { params: Promise.resolve({ jobId: String(jobId) }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const csv = await response.text();
    expect(csv).toContain('2,"自治体コード"');
    await signInAs(manager);
    const denied = await report(new Request(`http://localhost/api/admin/import/jobs/${jobId}/report`), { params: Promise.resolve({ jobId: String(jobId) }) });
    expect(denied.status).toBe(404);
  });
});
