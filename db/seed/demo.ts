// Demo data for trying the system out: 八王子市 with three venues, four weeks of
// slots, 1,000 vouchers and one account per role. Deterministic (a seeded PRNG,
// never Math.random) and idempotent: every row has a natural key and goes in with
// ON CONFLICT, so a second run leaves the same data.
import holidayJp from "@holiday-jp/holiday_jp";
import { seedDemoFaq } from "@/lib/chatbot/demo-faq";
import { count, eq, inArray, sql } from "drizzle-orm";
import type { StaffRole } from "@/lib/auth/roles";
import { hashPassword } from "@/lib/auth/password";
import { addDays, addMonths, ageOn, isValidIsoDate, weekday, type IsoDate } from "@/lib/domain/dates";
import type { Db } from "../client";
import { municipality, slots, staffAccounts, staffAccountVenues, venues, vouchers } from "../schema";
import { initMunicipality } from "./reference";

export const DEMO_MUNICIPALITY = { code: "132012", name: "八王子市" } as const;
/** 千代田区: the issuer of the demo 住所地外 voucher. */
export const DEMO_OUT_OF_AREA_MUNICIPALITY = { code: "131016", name: "千代田区" } as const;

export const DEMO_SETTINGS = {
  // A fictional number: 0120-000-xxx is not assigned.
  callCenterPhone: "0120-000-000",
  callCenterHours: "毎日 9:00〜17:00（土日祝も受付）",
  notices:
    "これはデモ環境です。表示されている会場・接種券・予約はすべて架空のものです。\n" +
    "予約の変更・キャンセルは接種日の前日17時までにお願いします。当日は接種券と本人確認書類をお持ちください。",
} as const;

export const DEMO_PASSWORD = "demo-password-2026";
export const DEMO_SLOT_DAYS = 28;
/** Generated vouchers plus the demo vouchers of our municipality: 1,000 in all. */
export const DEMO_VOUCHER_TOTAL = 1000;

export interface DemoVenue {
  code: string;
  name: string;
  kind: "mass" | "clinic";
  address: string;
  phone: string;
}

// Fictional: a Japanese local number never has 0 right after the area code (042-000-…).
export const DEMO_VENUES: readonly DemoVenue[] = [
  { code: "M01", name: "市民体育館 集団接種会場", kind: "mass", address: "東京都八王子市元本郷町1-2-3", phone: "042-000-1001" },
  { code: "C01", name: "たかお内科クリニック", kind: "clinic", address: "東京都八王子市高尾町4-5-6", phone: "042-000-2001" },
  { code: "C02", name: "みなみ野内科・小児科クリニック", kind: "clinic", address: "東京都八王子市みなみ野7-8-9", phone: "042-000-2002" },
];

export interface DemoAccount {
  loginId: string;
  displayName: string;
  role: StaffRole;
  venueCodes: readonly string[];
  password: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { loginId: "admin", displayName: "管理者（デモ）", role: "admin", venueCodes: [], password: DEMO_PASSWORD },
  { loginId: "callcenter", displayName: "コールセンター（デモ）", role: "call_center", venueCodes: [], password: DEMO_PASSWORD },
  { loginId: "m01-manager", displayName: "集団接種会場 責任者（デモ）", role: "venue_manager", venueCodes: ["M01"], password: DEMO_PASSWORD },
  { loginId: "m01-staff", displayName: "集団接種会場 受付（デモ）", role: "venue_staff", venueCodes: ["M01"], password: DEMO_PASSWORD },
  { loginId: "c01-staff", displayName: "たかお内科クリニック 受付（デモ）", role: "venue_staff", venueCodes: ["C01"], password: DEMO_PASSWORD },
];

/** The previous dose of a demo voucher, relative to `today` so the story stays true whenever the seed runs. */
interface RelativeDose {
  daysAgo?: number;
  monthsAgo?: number;
  productCode: string;
}

export interface DemoVoucherSpec {
  municipalityCode: string;
  voucherNumber: string;
  birthDate: IsoDate;
  priorDoseCount: number;
  lastDose: RelativeDose | null;
  description: string;
}

export const DEMO_VOUCHERS: readonly DemoVoucherSpec[] = [
  {
    municipalityCode: "132012",
    voucherNumber: "1000000001",
    birthDate: "1950-04-01",
    priorDoseCount: 0,
    lastDose: null,
    description: "65歳以上・未接種。1回目をすぐに予約できます。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000002",
    birthDate: "1985-07-15",
    priorDoseCount: 1,
    lastDose: { daysAgo: 30, productCode: "PFIZER" },
    description: "30日前に1回目（ファイザー）を接種済み。2回目（ファイザー）を予約できます。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000003",
    birthDate: "1990-01-20",
    priorDoseCount: 1,
    lastDose: { daysAgo: 10, productCode: "PFIZER" },
    description: "10日前に1回目（ファイザー）を接種済み。2回目は1回目の21日後から：それより前の枠は予約できません。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000004",
    birthDate: "2016-05-05",
    priorDoseCount: 0,
    lastDose: null,
    description: "5〜11歳の子ども・未接種。ファイザー（5〜11歳用）の枠だけ予約できます（土曜のC02）。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000005",
    birthDate: "1960-11-11",
    priorDoseCount: 3,
    lastDose: { monthsAgo: 4, productCode: "MODERNA" },
    description: "3回接種済み（最終は4か月前・モデルナ）。4回目（追加接種）を予約できます。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000006",
    birthDate: "1978-03-03",
    priorDoseCount: 2,
    lastDose: { monthsAgo: 1, productCode: "PFIZER" },
    description: "2回接種済み（最終は1か月前）。追加接種は前回の3か月後からのため、まだ予約できません。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000007",
    birthDate: "1975-08-08",
    priorDoseCount: 0,
    lastDose: null,
    description: "未接種の成人。予約のあと、変更・キャンセルを試せます。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000008",
    birthDate: "1982-02-02",
    priorDoseCount: 0,
    lastDose: null,
    description: "未接種の成人。1回目と2回目のセット予約を試せます。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000009",
    birthDate: "1980-09-09",
    priorDoseCount: 0,
    lastDose: null,
    description: "未接種の成人（家族の1人目）。1000000010 と同時予約を試せます。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000010",
    birthDate: "1983-10-10",
    priorDoseCount: 0,
    lastDose: null,
    description: "未接種の成人（家族の2人目）。1000000009 と同時予約を試せます。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000011",
    birthDate: "1955-12-12",
    priorDoseCount: 0,
    lastDose: null,
    description: "65歳以上・未接種。英語表示（English）で予約を試せます。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000012",
    birthDate: "1999-12-31",
    priorDoseCount: 0,
    lastDose: null,
    description: "未接種の成人。生年月日を5回間違えるとロックされる様子を確認できます。",
  },
  {
    municipalityCode: "132012",
    voucherNumber: "1000000013",
    birthDate: "1972-03-13",
    priorDoseCount: 0,
    lastDose: null,
    description: "未接種の成人。LINE（LIFF）で接種券を連携して予約を試せます。",
  },
  {
    municipalityCode: "131016",
    voucherNumber: "2000000001",
    birthDate: "1970-06-06",
    priorDoseCount: 0,
    lastDose: null,
    description: "住所地外接種：千代田区（131016）発行の接種券・未接種。コールセンターが登録した想定です。",
  },
];

export interface DemoVoucherSummary {
  municipalityCode: string;
  voucherNumber: string;
  birthDate: IsoDate;
  priorDoseCount: number;
  priorLastDoseDate: IsoDate | null;
  priorLastProductCode: string | null;
  description: string;
}

export interface DemoSummary {
  today: IsoDate;
  municipality: { code: string; name: string };
  slotDays: { from: IsoDate; to: IsoDate };
  vouchers: DemoVoucherSummary[];
  accounts: DemoAccount[];
  /** Rows in the database after seeding (all rows, not only demo ones). */
  counts: { venues: number; slots: number; vouchers: number; staffAccounts: number };
}

const BATCH_SIZE = 500;

/** A small fast PRNG (mulberry32): the same seed gives the same demo data on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a PRNG seed from a key, so a slot's capacity depends on its venue and date, not on `today`. */
function hashSeed(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pickWeighted<T>(random: () => number, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((acc, [, w]) => acc + w, 0);
  let r = random() * total;
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

function chunks<T>(rows: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(":").map(Number);
  const total = (h ?? 0) * 60 + (m ?? 0) + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** Half-hour start times from `from` up to (not including) `until`. */
function halfHours(from: string, until: string): string[] {
  const out: string[] = [];
  for (let t = from; t < until; t = addMinutes(t, 30)) out.push(t);
  return out;
}

type SlotRow = typeof slots.$inferInsert;
type VoucherRow = typeof vouchers.$inferInsert;

// 集団接種会場: 9:30–16:00 every 30 minutes with a lunch break 12:00–13:00.
const MASS_PFIZER_TIMES = [...halfHours("09:30", "12:00"), ...halfHours("13:00", "16:00")];
const MASS_MODERNA_TIMES = halfHours("13:00", "16:00");
const CLINIC_TIMES = halfHours("14:00", "15:30");
const CLINIC_PEDIATRIC_TIMES = halfHours("10:00", "11:30");

/** Slots for `days` days from `today`: no slot on a public holiday; clinics also close on Sundays. */
export function demoSlotRows(venueIds: ReadonlyMap<string, number>, today: IsoDate, days = DEMO_SLOT_DAYS): SlotRow[] {
  const rows: SlotRow[] = [];
  const venueId = (code: string) => {
    const id = venueIds.get(code);
    if (id === undefined) throw new Error(`venue ${code} is missing`);
    return id;
  };
  const add = (code: string, date: IsoDate, times: readonly string[], productCode: string, capacity: (random: () => number) => number) => {
    const random = mulberry32(hashSeed(`${code}|${date}|${productCode}`));
    for (const startTime of times) {
      rows.push({ venueId: venueId(code), date, startTime, endTime: addMinutes(startTime, 30), productCode, capacity: capacity(random) });
    }
  };

  for (let i = 0; i < days; i++) {
    const date = addDays(today, i);
    if (holidayJp.isHoliday(date)) continue;
    const dow = weekday(date);

    add("M01", date, MASS_PFIZER_TIMES, "PFIZER", () => 20);
    // Moderna on Wednesday and Saturday afternoons.
    if (dow === 3 || dow === 6) add("M01", date, MASS_MODERNA_TIMES, "MODERNA", () => 10);

    if (dow === 0) continue;
    add("C01", date, CLINIC_TIMES, "PFIZER", (r) => intBetween(r, 3, 6));
    add("C02", date, CLINIC_TIMES, "PFIZER", (r) => intBetween(r, 3, 6));
    // 小児接種: Saturday mornings at the pediatric clinic.
    if (dow === 6) add("C02", date, CLINIC_PEDIATRIC_TIMES, "PFIZER_PED", (r) => intBetween(r, 3, 6));
  }
  return rows;
}

function demoVoucherRow(spec: DemoVoucherSpec, today: IsoDate): VoucherRow {
  const dose = spec.lastDose;
  const lastDate = dose
    ? dose.monthsAgo !== undefined
      ? addMonths(today, -dose.monthsAgo)
      : addDays(today, -(dose.daysAgo ?? 0))
    : null;
  return {
    municipalityCode: spec.municipalityCode,
    voucherNumber: spec.voucherNumber,
    birthDate: spec.birthDate,
    priorDoseCount: spec.priorDoseCount,
    priorLastDoseDate: lastDate,
    priorLastProductCode: dose?.productCode ?? null,
  };
}

type AgeGroup = "child" | "teen" | "adult" | "elderly";

/**
 * The generated vouchers "0000000001"… with a spread of ages and dose histories.
 * Dates are relative to `today`, so ages and intervals read the same whenever the demo is seeded.
 */
export function generatedVoucherRows(today: IsoDate, n: number): VoucherRow[] {
  const random = mulberry32(20210503); // 横浜市's booking opening day: any fixed seed will do
  const rows: VoucherRow[] = [];
  for (let i = 1; i <= n; i++) {
    const group = pickWeighted<AgeGroup>(random, [
      ["child", 12],
      ["teen", 10],
      ["adult", 48],
      ["elderly", 30],
    ]);
    const age =
      group === "child" ? intBetween(random, 5, 11)
      : group === "teen" ? intBetween(random, 12, 19)
      : group === "adult" ? intBetween(random, 20, 64)
      : intBetween(random, 65, 95);
    // Exactly `age` years old today: born `age` years ago, up to 364 days earlier.
    const birthDate = addDays(addMonths(today, -12 * age), -intBetween(random, 0, 364));

    const doses = pickWeighted<number>(
      random,
      group === "child"
        ? [[0, 55], [1, 15], [2, 20], [3, 10]]
        : [[0, 20], [1, 15], [2, 25], [3, 20], [4, 10], [5, 6], [6, 4]],
    );
    let priorDoseCount = doses;
    let priorLastDoseDate: IsoDate | null = null;
    let priorLastProductCode: string | null = null;
    if (doses > 0) {
      priorLastDoseDate =
        doses === 1 ? addDays(today, -intBetween(random, 21, 60))
        : doses === 2 ? addDays(today, -intBetween(random, 60, 420))
        : addDays(today, -intBetween(random, 30, 360));
      priorLastProductCode =
        group === "child" ? "PFIZER_PED"
        : pickWeighted<string>(random, [["PFIZER", 65], ["MODERNA", 30], ["NOVAVAX", 5]]);
      // A child can only have been vaccinated from age 5.
      if (group === "child" && ageOn(birthDate, priorLastDoseDate) < 5) {
        priorDoseCount = 0;
        priorLastDoseDate = null;
        priorLastProductCode = null;
      }
    }
    rows.push({
      municipalityCode: DEMO_MUNICIPALITY.code,
      voucherNumber: String(i).padStart(10, "0"),
      birthDate,
      priorDoseCount,
      priorLastDoseDate,
      priorLastProductCode,
    });
  }
  return rows;
}

export async function seedDemo(db: Db, options: { today: string }): Promise<DemoSummary> {
  const { today } = options;
  if (!isValidIsoDate(today)) throw new Error(`today は YYYY-MM-DD 形式の日付で指定してください: ${today}`);

  // Hash outside the transaction (argon2 is deliberately slow), and only for accounts not there yet.
  const loginIds = DEMO_ACCOUNTS.map((a) => a.loginId);
  const existing = await db
    .select({ loginId: staffAccounts.loginId })
    .from(staffAccounts)
    .where(inArray(staffAccounts.loginId, loginIds));
  const existingIds = new Set(existing.map((r) => r.loginId));
  const missing = DEMO_ACCOUNTS.filter((a) => !existingIds.has(a.loginId));
  const hashes = await Promise.all(missing.map((a) => hashPassword(a.password)));

  await db.transaction(async (tx) => {
    await initMunicipality(tx, DEMO_MUNICIPALITY.code, DEMO_MUNICIPALITY.name);
    await tx.update(municipality).set(DEMO_SETTINGS).where(eq(municipality.id, 1));

    await tx
      .insert(venues)
      .values(DEMO_VENUES.map((v) => ({ ...v })))
      .onConflictDoNothing({ target: venues.code });
    const venueRows = await tx
      .select({ id: venues.id, code: venues.code })
      .from(venues)
      .where(inArray(venues.code, DEMO_VENUES.map((v) => v.code)));
    const venueIds = new Map(venueRows.map((v) => [v.code, v.id]));

    if (missing.length > 0) {
      await tx
        .insert(staffAccounts)
        .values(
          missing.map((a, i) => ({
            loginId: a.loginId,
            displayName: a.displayName,
            role: a.role,
            passwordHash: hashes[i]!,
            mustChangePassword: false,
          })),
        )
        .onConflictDoNothing({ target: staffAccounts.loginId });
    }
    const accountRows = await tx
      .select({ id: staffAccounts.id, loginId: staffAccounts.loginId })
      .from(staffAccounts)
      .where(inArray(staffAccounts.loginId, loginIds));
    const accountIds = new Map(accountRows.map((a) => [a.loginId, a.id]));
    const scopeRows = DEMO_ACCOUNTS.flatMap((a) =>
      a.venueCodes.map((code) => ({ accountId: accountIds.get(a.loginId)!, venueId: venueIds.get(code)! })),
    );
    if (scopeRows.length > 0) await tx.insert(staffAccountVenues).values(scopeRows).onConflictDoNothing();

    for (const batch of chunks(demoSlotRows(venueIds, today))) {
      await tx
        .insert(slots)
        .values(batch)
        .onConflictDoNothing({ target: [slots.venueId, slots.date, slots.startTime, slots.productCode], where: sql`not offer_only` });
    }

    const generated = generatedVoucherRows(today, DEMO_VOUCHER_TOTAL - DEMO_VOUCHERS.filter((v) => v.municipalityCode === DEMO_MUNICIPALITY.code).length);
    for (const batch of chunks(generated)) {
      await tx
        .insert(vouchers)
        .values(batch)
        .onConflictDoNothing({ target: [vouchers.municipalityCode, vouchers.voucherNumber] });
    }

    // The demo vouchers are reset to their story (dates relative to today) on every run.
    const callCenterId = accountIds.get("callcenter") ?? null;
    const demoRows = DEMO_VOUCHERS.map((spec) => ({
      ...demoVoucherRow(spec, today),
      registeredBy: spec.municipalityCode === DEMO_MUNICIPALITY.code ? null : callCenterId,
    }));
    await tx
      .insert(vouchers)
      .values(demoRows)
      .onConflictDoUpdate({
        target: [vouchers.municipalityCode, vouchers.voucherNumber],
        set: {
          birthDate: sql`excluded.birth_date`,
          priorDoseCount: sql`excluded.prior_dose_count`,
          priorLastDoseDate: sql`excluded.prior_last_dose_date`,
          priorLastProductCode: sql`excluded.prior_last_product_code`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`(${vouchers.birthDate}, ${vouchers.priorDoseCount}, ${vouchers.priorLastDoseDate}, ${vouchers.priorLastProductCode})
          is distinct from (excluded.birth_date, excluded.prior_dose_count, excluded.prior_last_dose_date, excluded.prior_last_product_code)`,
      });
  });

  // The demo FAQ for the chatbot (replaced as a whole on every run, like the rest of the demo).
  await seedDemoFaq(db);

  const [venueCount, slotCount, voucherCount, accountCount] = await Promise.all([
    db.select({ n: count() }).from(venues),
    db.select({ n: count() }).from(slots),
    db.select({ n: count() }).from(vouchers),
    db.select({ n: count() }).from(staffAccounts),
  ]);

  return {
    today,
    municipality: { ...DEMO_MUNICIPALITY },
    slotDays: { from: today, to: addDays(today, DEMO_SLOT_DAYS - 1) },
    vouchers: DEMO_VOUCHERS.map((spec) => {
      const row = demoVoucherRow(spec, today);
      return {
        municipalityCode: spec.municipalityCode,
        voucherNumber: spec.voucherNumber,
        birthDate: spec.birthDate,
        priorDoseCount: spec.priorDoseCount,
        priorLastDoseDate: row.priorLastDoseDate ?? null,
        priorLastProductCode: row.priorLastProductCode ?? null,
        description: spec.description,
      };
    }),
    accounts: DEMO_ACCOUNTS.map((a) => ({ ...a })),
    counts: {
      venues: venueCount[0]?.n ?? 0,
      slots: slotCount[0]?.n ?? 0,
      vouchers: voucherCount[0]?.n ?? 0,
      staffAccounts: accountCount[0]?.n ?? 0,
    },
  };
}
