/** @jest-environment node */
// Whole phone calls against the IVR's route handlers, played the way Twilio plays them:
// signed form POSTs, the TwiML read back, <Gather action> followed with the keys pressed and
// the <Redirect> after it followed on silence — on a real database, with the real services.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { getExpectedTwilioSignature } from "twilio";
import { setAppDatabase } from "@/db/client";
import { auditLog, ivrCalls, loginFailures, reservations, slots } from "@/db/schema";
import { POST as voicePost } from "@/app/api/ivr/voice/route";
import { POST as gatherPost } from "@/app/api/ivr/gather/route";
import { POST as statusPost } from "@/app/api/ivr/status/route";
import { residentLogin } from "@/lib/auth/resident-login";
import { bookSlot } from "@/lib/booking/book";
import { addDays, tokyoDate } from "@/lib/domain/dates";
import { readTwiml, type GatherVerb } from "@/lib/ivr/twiml-reader";
import { simulateCall } from "@/scripts/ivr-simulate";
import { createSlot, createVenue, createVoucher, setupMunicipality } from "./fixtures";
import { setUpTestDatabase } from "./harness";

const t = setUpTestDatabase((db) => setupMunicipality(db, { callCenterHours: "平日 9:00〜17:00" }));

const TOKEN = "test-twilio-auth-token";
const PUBLIC = "https://ivr.example.jp";
// What a route handler sees as request.url behind the reverse proxy: not what Twilio signed.
const INTERNAL = "http://localhost:3000";
const CALL_CENTER_SPOKEN = "0、1、2、0の、0、0、0の、0、0、0";

const savedEnv = { ...process.env };
beforeAll(() => {
  process.env.TWILIO_AUTH_TOKEN = TOKEN;
  process.env.PUBLIC_BASE_URL = PUBLIC;
  delete process.env.IVR_SMS_ENABLED;
  delete process.env.TWILIO_SMS_FROM;
});
beforeEach(() => setAppDatabase(t));
afterAll(() => {
  process.env = savedEnv;
});

// Dates relative to the real clock: the handlers book "now".
const today = tokyoDate(new Date());
const day1 = addDays(today, 3);
const day2 = addDays(today, 5);

/** 〇月〇日〇曜日, worked out here independently of lib/ivr. */
function spokenDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日${"日月火水木金土"[d.getUTCDay()]}曜日`;
}

function handlerFor(path: string): (request: Request) => Promise<Response> {
  if (path.startsWith("/api/ivr/voice")) return voicePost;
  if (path.startsWith("/api/ivr/gather")) return gatherPost;
  if (path.startsWith("/api/ivr/status")) return statusPost;
  throw new Error(`no handler for ${path}`);
}

function signed(path: string, params: Record<string, string>, options: { signature?: string | null; body?: Record<string, string> } = {}) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  const signature = options.signature === undefined ? getExpectedTwilioSignature(TOKEN, PUBLIC + path, params) : options.signature;
  if (signature !== null) headers.set("X-Twilio-Signature", signature);
  const request = new Request(INTERNAL + path, { method: "POST", headers, body: new URLSearchParams(options.body ?? params).toString() });
  return handlerFor(path)(request);
}

interface Turn {
  text: string;
  gather: GatherVerb | null;
  redirect: string | null;
  hangup: boolean;
  languages: (string | null)[];
}

let callSeq = 0;

/** One phone call, step by step, as Twilio would make the requests. */
class PhoneCall {
  readonly sid = `CA${String(++callSeq).padStart(32, "0")}`;
  private path = "/api/ivr/voice";
  last!: Turn;

  constructor(
    readonly from = "+819012345678",
    readonly to = "+815012345678",
  ) {}

  params(extra: Record<string, string> = {}): Record<string, string> {
    return {
      CallSid: this.sid,
      AccountSid: `AC${"0".repeat(32)}`,
      From: this.from,
      To: this.to,
      CallStatus: "in-progress",
      Direction: "inbound",
      ApiVersion: "2010-04-01",
      ...extra,
    };
  }

  dial() {
    return this.request("/api/ivr/voice", this.params({ CallStatus: "ringing" }));
  }

  /** Keys pressed at the <Gather> (the finishing # is not sent, as with Twilio). */
  press(digits: string) {
    const gather = this.last.gather;
    if (!gather?.action) throw new Error(`nothing to press: ${this.last.text}`);
    return this.request(this.resolve(gather.action), this.params({ Digits: digits }));
  }

  /** The caller presses nothing: the <Gather> times out and Twilio goes on to the next verb. */
  silence() {
    if (!this.last.redirect) throw new Error(`no redirect after the gather: ${this.last.text}`);
    return this.request(this.resolve(this.last.redirect), this.params());
  }

  async hangUp() {
    const response = await signed("/api/ivr/status", this.params({ CallStatus: "completed" }));
    expect(response.status).toBe(204);
  }

  private resolve(url: string): string {
    const resolved = new URL(url, PUBLIC + this.path);
    expect(resolved.origin).toBe(PUBLIC);
    return resolved.pathname + resolved.search;
  }

  private async request(path: string, params: Record<string, string>): Promise<Turn> {
    const response = await signed(path, params);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/xml/);
    this.path = path;
    const verbs = readTwiml(await response.text());
    const texts: string[] = [];
    const languages: (string | null)[] = [];
    let gather: GatherVerb | null = null;
    let redirect: string | null = null;
    let hangup = false;
    for (const verb of verbs) {
      if (verb.verb === "Say") {
        texts.push(verb.text);
        languages.push(verb.language);
      } else if (verb.verb === "Gather") {
        gather = verb;
        texts.push(...verb.says);
        languages.push(...verb.says.map(() => "ja-JP"));
      } else if (verb.verb === "Redirect") {
        redirect = verb.url;
      } else if (verb.verb === "Hangup") {
        hangup = true;
      }
    }
    this.last = { text: texts.join("\n"), gather, redirect, hangup, languages };
    if (!gather && redirect) return this.request(this.resolve(redirect), this.params());
    return this.last;
  }
}

async function reservationsOf(voucherId: number) {
  return t.db.select().from(reservations).where(eq(reservations.voucherId, voucherId));
}

async function callRow(sid: string) {
  const [row] = await t.db.select().from(ivrCalls).where(eq(ivrCalls.callSid, sid));
  return row ?? null;
}

/** Logs in by phone: dial, 接種券番号, 生年月日. */
async function login(call: PhoneCall, voucherNumber: string, birthDate = "19700101") {
  await call.dial();
  await call.press(voucherNumber);
  return call.press(birthDate);
}

describe("a call that books", () => {
  it("books a new reservation with the keypad: venue, date, time, confirm, the number read twice", async () => {
    const a = await createVenue(t.db, "A1");
    const b = await createVenue(t.db, "B1");
    const early = await createSlot(t.db, { venueId: a.id, date: day1, startTime: "09:30", endTime: "10:00" });
    await createSlot(t.db, { venueId: a.id, date: day1, startTime: "10:00", endTime: "10:30" });
    await createSlot(t.db, { venueId: a.id, date: day2, startTime: "14:00", endTime: "14:30" });
    await createSlot(t.db, { venueId: b.id, date: day1 });
    const voucher = await createVoucher(t.db);
    const call = new PhoneCall();

    let turn = await call.dial();
    expect(turn.text).toContain("八王子市");
    expect(turn.text).toContain("10桁の接種券番号");
    expect(turn.gather).toMatchObject({ input: "dtmf", finishOnKey: "#", method: "POST" });
    expect(turn.gather!.timeout).toBeGreaterThan(0);
    expect(turn.redirect).toBe(turn.gather!.action);

    turn = await call.press(voucher.voucherNumber);
    expect(turn.text).toContain("生年月日");

    turn = await call.press("19700101");
    expect(turn.text).toContain("1番、会場A1。");
    expect(turn.text).toContain("2番、会場B1。");
    expect(turn.gather).toMatchObject({ numDigits: 1, finishOnKey: "#" });
    // The birth date is never kept in the call's state.
    expect(JSON.stringify((await callRow(call.sid))!.state)).not.toContain("1970");

    turn = await call.press("1");
    expect(turn.text).toContain(`1番、${spokenDate(day1)}。`);
    expect(turn.text).toContain(`2番、${spokenDate(day2)}。`);

    turn = await call.press("1");
    expect(turn.text).toContain("1番、9時30分から10時まで。");
    expect(turn.text).toContain("2番、10時から10時30分まで。");

    turn = await call.press("1");
    expect(turn.text).toContain("会場は、会場A1。");
    expect(turn.text).toContain(`日にちは、${spokenDate(day1)}。`);
    expect(turn.text).toContain("時間は、9時30分から10時まで。");
    expect(turn.text).toContain("ファイザー、コミナティで、1回目の接種です。");
    expect(turn.text).toContain("予約する場合は1を、最初から選び直す場合は2を");
    expect(await reservationsOf(voucher.id)).toHaveLength(0);

    turn = await call.press("1");
    const [reservation, ...others] = await reservationsOf(voucher.id);
    expect(others).toHaveLength(0);
    expect(reservation).toMatchObject({ slotId: early.id, channel: "ivr", status: "booked", doseNumber: 1 });
    expect(turn.text).toContain("ご予約が完了しました。");
    const spokenNumber = [...reservation!.reservationNumber].join("、");
    expect(turn.text.split(`予約番号は、${spokenNumber}です。`)).toHaveLength(3); // read twice
    expect(turn.text).not.toContain("ショートメッセージ");
    expect(turn.hangup).toBe(true);
    expect(turn.gather).toBeNull();
    expect(turn.languages.every((l) => l === "ja-JP")).toBe(true);

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.voucherId, voucher.id));
    expect(audit.map((r) => [r.action, r.actorKind, r.actorId])).toEqual([
      ["resident.login", "ivr", `call:${call.sid}`],
      ["reservation.book", "ivr", `call:${call.sid}`],
    ]);
    expect(audit[1]!.entityId).toBe(String(reservation!.id));
    // The call is over: its state is gone.
    expect(await callRow(call.sid)).toBeNull();
  });

  it("starts over on 2 at the confirmation, and books what was chosen the second time", async () => {
    const a = await createVenue(t.db, "A1");
    const b = await createVenue(t.db, "B1");
    await createSlot(t.db, { venueId: a.id, date: day1 });
    const other = await createSlot(t.db, { venueId: b.id, date: day2, startTime: "13:15", endTime: "13:45" });
    const voucher = await createVoucher(t.db);
    const call = new PhoneCall();
    await login(call, voucher.voucherNumber);
    await call.press("1");
    await call.press("1");
    await call.press("1");
    let turn = await call.press("2");
    expect(turn.text).toContain("最初から選び直します。");
    expect(turn.text).toContain("2番、会場B1。");
    await call.press("2");
    await call.press("1");
    turn = await call.press("1");
    expect(turn.text).toContain("時間は、13時15分から13時45分まで。");
    await call.press("1");
    expect(await reservationsOf(voucher.id)).toEqual([expect.objectContaining({ slotId: other.id, channel: "ivr" })]);
  });

  it("explains a slot filled between choosing and confirming, and lets the caller choose again", async () => {
    const venue = await createVenue(t.db, "A1");
    const last = await createSlot(t.db, { venueId: venue.id, date: day1, startTime: "10:00", endTime: "10:30", capacity: 1 });
    const later = await createSlot(t.db, { venueId: venue.id, date: day1, startTime: "11:00", endTime: "11:30" });
    const caller = await createVoucher(t.db);
    const someoneElse = await createVoucher(t.db);
    const call = new PhoneCall();
    await login(call, caller.voucherNumber);
    await call.press("1");
    await call.press("1");
    let turn = await call.press("1");
    expect(turn.text).toContain("時間は、10時から10時30分まで。");

    // Meanwhile the last seat goes on the web.
    const web = await bookSlot(t.db, {
      voucherId: someoneElse.id,
      slotId: last.id,
      actor: { kind: "resident", voucherId: someoneElse.id, channel: "web" },
      channel: "web",
    });
    expect(web.ok).toBe(true);

    turn = await call.press("1");
    expect(turn.text).toContain("ほかの方のご予約で満員になりました。");
    expect(turn.text).toContain("1番、11時から11時30分まで。");
    expect(turn.text).not.toContain("10時から10時30分まで");
    expect(turn.hangup).toBe(false);
    expect(await reservationsOf(caller.id)).toHaveLength(0);

    await call.press("1");
    turn = await call.press("1");
    expect(turn.text).toContain("ご予約が完了しました。");
    expect(await reservationsOf(caller.id)).toEqual([expect.objectContaining({ slotId: later.id, channel: "ivr" })]);
    const [full] = await t.db.select().from(slots).where(eq(slots.id, last.id));
    expect(full!.bookedCount).toBe(1);
  });

  it("reads venues 9 at a time, 0 for more", async () => {
    for (let i = 1; i <= 11; i++) {
      const venue = await createVenue(t.db, `V${String(i).padStart(2, "0")}`);
      await createSlot(t.db, { venueId: venue.id, date: day1 });
    }
    const voucher = await createVoucher(t.db);
    const call = new PhoneCall();
    let turn = await login(call, voucher.voucherNumber);
    expect(turn.text).toContain("1番、会場V01。");
    expect(turn.text).toContain("9番、会場V09。");
    expect(turn.text).not.toContain("会場V10");
    expect(turn.text).toContain("ほかの会場を聞くには、0を押してください。");

    turn = await call.press("0");
    expect(turn.text).toContain("1番、会場V10。");
    expect(turn.text).toContain("2番、会場V11。");
    expect(turn.text).not.toContain("会場V01");
    expect(turn.text).toContain("もう一度最初から聞くには、0を押してください。");

    turn = await call.press("3");
    expect(turn.text).toContain("その番号はありません。");
    expect(turn.text).toContain("1番、会場V10。");

    turn = await call.press("2");
    expect(turn.text).toContain("会場V11で、予約できる日を申し上げます。");

    // And 0 on the last page goes back to the first.
    const again = new PhoneCall();
    await login(again, voucher.voucherNumber);
    await again.press("0");
    turn = await again.press("0");
    expect(turn.text).toContain("1番、会場V01。");
  });
});

describe("calls that end at the call center", () => {
  it("hangs up after 3 wrong birth dates, with the call-center number; the failures count toward the web's lockout", async () => {
    const venue = await createVenue(t.db);
    await createSlot(t.db, { venueId: venue.id, date: day1 });
    const voucher = await createVoucher(t.db);
    const call = new PhoneCall();
    await call.dial();
    for (let attempt = 1; attempt <= 2; attempt++) {
      await call.press(voucher.voucherNumber);
      const turn = await call.press("19700102");
      expect(turn.text).toContain("接種券番号または生年月日が正しくありません。");
      expect(turn.text).toContain("もう一度、接種券番号から入力してください。");
      expect(turn.gather!.action).toContain("step=voucher");
    }
    await call.press(voucher.voucherNumber);
    const turn = await call.press("19700102");
    expect(turn.text).toContain("接種券番号または生年月日が正しくありません。");
    expect(turn.text).toContain(`コールセンターの電話番号は、${CALL_CENTER_SPOKEN}です。`);
    expect(turn.text).toContain("受付時間は、平日 9時から17時です。");
    expect(turn.hangup).toBe(true);
    expect(turn.gather).toBeNull();
    expect(await callRow(call.sid)).toBeNull();

    const [failures] = await t.db.select().from(loginFailures).where(eq(loginFailures.key, `voucher:${voucher.voucherNumber}`));
    expect(failures!.failures).toBe(3);
    // Two more wrong tries on the web lock the voucher (5 in all), even with the right birth date after.
    const web = (birthDate: string) =>
      residentLogin(t.db, { voucherNumber: voucher.voucherNumber, birthDate, clientKey: "203.0.113.7", channel: "web", sleep: async () => {} });
    expect(await web("1970-01-03")).toMatchObject({ ok: false, code: "invalid", params: { remaining: 1 } });
    expect(await web("1970-01-03")).toMatchObject({ ok: false, code: "locked" });
    expect(await web("1970-01-01")).toMatchObject({ ok: false, code: "locked" });

    // A locked voucher on the phone: told so, and the call center.
    const locked = new PhoneCall("+819011112222");
    const lockedTurn = await login(locked, voucher.voucherNumber);
    expect(lockedTurn.text).toContain("受付ができません");
    expect(lockedTurn.text).toContain(CALL_CENTER_SPOKEN);
    expect(lockedTurn.hangup).toBe(true);
    expect(await reservationsOf(voucher.id)).toHaveLength(0);
  });

  it("reads back an existing booking and gives the call-center number instead of booking again", async () => {
    const venue = await createVenue(t.db, "A1");
    const slot = await createSlot(t.db, { venueId: venue.id, date: day2, startTime: "09:30", endTime: "10:00" });
    await createSlot(t.db, { venueId: venue.id, date: day1 });
    const voucher = await createVoucher(t.db);
    const booked = await bookSlot(t.db, {
      voucherId: voucher.id,
      slotId: slot.id,
      actor: { kind: "resident", voucherId: voucher.id, channel: "web" },
      channel: "web",
    });
    if (!booked.ok) throw new Error(booked.reason);

    const call = new PhoneCall();
    const turn = await login(call, voucher.voucherNumber);
    expect(turn.text).toContain("すでに、次のご予約があります。");
    expect(turn.text).toContain(`1回目、${spokenDate(day2)}、9時30分から10時まで、会場A1。`);
    expect(turn.text).toContain(`予約番号は、${[...booked.reservation.reservationNumber].join("、")}です。`);
    expect(turn.text).toContain("予約の変更や取り消しは、コールセンターで承ります。");
    expect(turn.text).toContain(CALL_CENTER_SPOKEN);
    expect(turn.hangup).toBe(true);
    expect(await reservationsOf(voucher.id)).toHaveLength(1);
  });

  it("repeats the prompt on silence and hangs up after the third time", async () => {
    const call = new PhoneCall();
    await call.dial();
    let turn = await call.silence();
    expect(turn.text).toContain("入力が確認できませんでした。");
    expect(turn.text).toContain("10桁の接種券番号");
    turn = await call.silence();
    expect(turn.text).toContain("入力が確認できませんでした。");
    expect(turn.hangup).toBe(false);
    turn = await call.silence();
    expect(turn.text).toContain("お電話での受付を終了します");
    expect(turn.text).toContain(CALL_CENTER_SPOKEN);
    expect(turn.hangup).toBe(true);
    expect(await callRow(call.sid)).toBeNull();
  });

  it("counts wrong keys and silence together at a menu, and a new step starts a new count", async () => {
    const venue = await createVenue(t.db);
    await createSlot(t.db, { venueId: venue.id, date: day1 });
    const voucher = await createVoucher(t.db);
    const call = new PhoneCall();
    await call.dial();
    await call.press("12345"); // not 10 digits
    let turn = await call.press(voucher.voucherNumber);
    expect(turn.text).toContain("生年月日");
    turn = await call.press("19701301"); // no 13th month
    expect(turn.text).toContain("生年月日は、西暦の8桁の数字です。");
    turn = await call.press("19700101");
    expect(turn.text).toContain("1番、会場");
    await call.press("7");
    await call.silence();
    turn = await call.press("8");
    expect(turn.text).toContain("その番号はありません。");
    expect(turn.text).toContain(CALL_CENTER_SPOKEN);
    expect(turn.hangup).toBe(true);
  });

  it("says why nothing can be booked (dose 2 not yet due) and gives the call-center number", async () => {
    const venue = await createVenue(t.db);
    await createSlot(t.db, { venueId: venue.id, date: day1 });
    const voucher = await createVoucher(t.db, { priorDoseCount: 1, priorLastDoseDate: addDays(today, -2), priorLastProductCode: "PFIZER" });
    const call = new PhoneCall();
    const turn = await login(call, voucher.voucherNumber);
    const due = addDays(today, 19);
    expect(turn.text).toContain(`2回目の接種は、${due.slice(0, 4)}年${spokenDate(due)}以降に受けられます。`);
    expect(turn.text).toContain(CALL_CENTER_SPOKEN);
    expect(turn.hangup).toBe(true);
  });
});

describe("Twilio's signature", () => {
  it("refuses a forged, missing or wrongly placed signature with 403 and keeps no state", async () => {
    const call = new PhoneCall();
    const params = call.params({ CallStatus: "ringing" });
    const forged = getExpectedTwilioSignature("someone-else's-token", PUBLIC + "/api/ivr/voice", params);
    expect((await signed("/api/ivr/voice", params, { signature: forged })).status).toBe(403);
    expect((await signed("/api/ivr/voice", params, { signature: null })).status).toBe(403);
    // Signed for the internal URL the handler sees, not the public one Twilio calls.
    const internal = getExpectedTwilioSignature(TOKEN, INTERNAL + "/api/ivr/voice", params);
    expect((await signed("/api/ivr/voice", params, { signature: internal })).status).toBe(403);
    expect(await callRow(call.sid)).toBeNull();

    // A real call, then a request whose keys were changed after signing.
    await call.dial();
    const path = "/api/ivr/gather?step=voucher";
    const signature = getExpectedTwilioSignature(TOKEN, PUBLIC + path, call.params({ Digits: "0000000001" }));
    const tampered = await signed(path, call.params({ Digits: "0000000001" }), { signature, body: call.params({ Digits: "0000000002" }) });
    expect(tampered.status).toBe(403);
    expect((await callRow(call.sid))!.step).toBe("voucher");
    const statusForged = await signed("/api/ivr/status", call.params({ CallStatus: "completed" }), { signature: forged });
    expect(statusForged.status).toBe(403);
    expect(await callRow(call.sid)).not.toBeNull();

    const previous = process.env.TWILIO_AUTH_TOKEN;
    delete process.env.TWILIO_AUTH_TOKEN; // not configured: nothing is accepted, and the log says why
    const errors = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await signed("/api/ivr/voice", params)).status).toBe(403);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("TWILIO_AUTH_TOKEN"));
    } finally {
      errors.mockRestore();
      process.env.TWILIO_AUTH_TOKEN = previous;
    }
  });
});

describe("call state", () => {
  it("lives in ivr_calls per CallSid until the status callback, and an expired one starts over", async () => {
    const voucher = await createVoucher(t.db);
    const stale = new PhoneCall();
    await stale.dial();
    await t.db.update(ivrCalls).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(ivrCalls.callSid, stale.sid));

    const call = new PhoneCall();
    await call.dial();
    expect(await callRow(stale.sid)).toBeNull(); // purged when the next call came in
    await call.press(voucher.voucherNumber);
    const row = await callRow(call.sid);
    expect(row).toMatchObject({ step: "birth_date", failures: 0 });
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    await call.hangUp();
    expect(await callRow(call.sid)).toBeNull();

    // A call whose state expired mid-way is asked to start again (nothing is looked up).
    const slow = new PhoneCall();
    await slow.dial();
    await slow.press(voucher.voucherNumber);
    await t.db.update(ivrCalls).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(ivrCalls.callSid, slow.sid));
    const turn = await slow.press("19700101");
    expect(turn.text).toContain("最初からお願いします");
    expect(turn.text).toContain("10桁の接種券番号");
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, "resident.login"), eq(auditLog.voucherId, voucher.id)))).toHaveLength(0);
  });
});

describe("SMS confirmation", () => {
  let server: http.Server;
  let received: { method?: string; url?: string; authorization?: string; body: URLSearchParams }[];
  let refuse = false;
  const sid = `AC${"1".repeat(32)}`;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body: new URLSearchParams(body) });
        res.writeHead(refuse ? 400 : 201, { "Content-Type": "application/json" });
        res.end(JSON.stringify(refuse ? { code: 21614, message: "not a mobile number", status: 400 } : { sid: `SM${"2".repeat(32)}`, status: "queued" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received = [];
    refuse = false;
    process.env.IVR_SMS_ENABLED = "true";
    process.env.TWILIO_ACCOUNT_SID = sid;
    process.env.TWILIO_API_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    delete process.env.IVR_SMS_ENABLED;
    delete process.env.TWILIO_ACCOUNT_SID;
    delete process.env.TWILIO_API_BASE_URL;
  });

  async function bookByPhone(call: PhoneCall) {
    const venue = await createVenue(t.db, "A1");
    await createSlot(t.db, { venueId: venue.id, date: day1, startTime: "09:30", endTime: "10:00" });
    const voucher = await createVoucher(t.db);
    await login(call, voucher.voucherNumber);
    await call.press("1");
    await call.press("1");
    await call.press("1");
    const turn = await call.press("1");
    const [reservation] = await reservationsOf(voucher.id);
    return { turn, reservation: reservation! };
  }

  it("offers an SMS to a mobile caller when enabled and sends it through the Twilio API", async () => {
    const call = new PhoneCall("+819012345678", "+815012345678");
    const { turn, reservation } = await bookByPhone(call);
    expect(turn.text).toContain("ご予約が完了しました。");
    expect(turn.text).toContain("ショートメッセージでお送りできます");
    expect(turn.hangup).toBe(false);
    expect(received).toHaveLength(0);

    const done = await call.press("1");
    expect(done.text).toContain("ショートメッセージをお送りしました。");
    expect(done.hangup).toBe(true);
    expect(received).toHaveLength(1);
    const sms = received[0]!;
    expect(sms.method).toBe("POST");
    expect(sms.url).toBe(`/2010-04-01/Accounts/${sid}/Messages.json`);
    expect(sms.authorization).toBe(`Basic ${Buffer.from(`${sid}:${TOKEN}`).toString("base64")}`);
    expect(sms.body.get("To")).toBe("+819012345678");
    expect(sms.body.get("From")).toBe("+815012345678");
    expect(sms.body.get("Body")).toContain(reservation.reservationNumber);
    expect(sms.body.get("Body")).toContain("会場A1");
    expect(sms.body.get("Body")).toContain("09:30〜10:00");
  });

  it("sends nothing when the caller says no", async () => {
    const call = new PhoneCall("+818011112222");
    await bookByPhone(call);
    const declined = await call.press("2");
    expect(declined.text).toContain("お電話ありがとうございました。");
    expect(declined.hangup).toBe(true);
    expect(received).toHaveLength(0);
  });

  it("tells the caller when Twilio refuses the message", async () => {
    refuse = true;
    const call = new PhoneCall("+819055556666");
    await bookByPhone(call);
    const errors = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      const turn = await call.press("1");
      expect(turn.text).toContain("ショートメッセージをお送りできませんでした。予約番号をお控えください。");
      expect(turn.hangup).toBe(true);
      expect(received).toHaveLength(1);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("SMS refused"), 400, 21614);
    } finally {
      errors.mockRestore();
    }
  });

  it("does not offer it to a landline (no SMS there)", async () => {
    const call = new PhoneCall("+81312345678");
    const { turn } = await bookByPhone(call);
    expect(turn.text).toContain("ご予約が完了しました。");
    expect(turn.text).not.toContain("ショートメッセージ");
    expect(turn.hangup).toBe(true);
    expect(received).toHaveLength(0);
  });
});

describe("npm run cli -- ivr simulate", () => {
  it("plays a whole call over HTTP, signing for the public URL, with keys typed as in the terminal", async () => {
    // The route handlers behind a plain HTTP server: the simulator talks to it as to `next start`.
    const server = http.createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      const request = new Request(`${INTERNAL}${req.url}`, {
        method: req.method,
        headers: {
          "Content-Type": String(req.headers["content-type"]),
          ...(req.headers["x-twilio-signature"] ? { "X-Twilio-Signature": String(req.headers["x-twilio-signature"]) } : {}),
        },
        body,
      });
      const response = await handlerFor(req.url ?? "")(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(await response.text());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const venue = await createVenue(t.db, "A1");
      const slot = await createSlot(t.db, { venueId: venue.id, date: day1 });
      const voucher = await createVoucher(t.db);
      const keys = ["", `${voucher.voucherNumber}#`, "19700101#", "1", "1", "1", "1"];
      const typed: (number | null)[] = [];
      const printed: string[] = [];
      const end = await simulateCall({
        serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        publicUrl: PUBLIC,
        authToken: TOKEN,
        from: "+81312345678",
        keypad: async (gather) => {
          typed.push(gather.numDigits);
          return keys.shift() ?? null;
        },
        print: (line) => printed.push(line),
      });
      expect(end).toBe("hangup");
      expect(keys).toHaveLength(0);
      expect(typed).toEqual([null, null, null, 1, 1, 1, 1]);
      expect(printed.join("\n")).toContain("入力が確認できませんでした。");
      expect(printed.join("\n")).toContain("ご予約が完了しました。");
      expect(await reservationsOf(voucher.id)).toEqual([expect.objectContaining({ slotId: slot.id, channel: "ivr" })]);

      // Without the right token the server refuses, and the simulator says why.
      const refused: string[] = [];
      const outcome = await simulateCall({
        serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        publicUrl: PUBLIC,
        authToken: "wrong-token",
        keypad: async () => null,
        print: (line) => refused.push(line),
      });
      expect(outcome).toBe("refused");
      expect(refused.join("\n")).toContain("403");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
