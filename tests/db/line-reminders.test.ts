/** @jest-environment node */
// Day-before reminders: LINE pushes recorded by the fake LINE Platform, e-mail caught by a
// local SMTP server (smtp-server), SMS by a fake Twilio — once per reservation and address
// even when the job runs twice or twice at the same time; failures are retried next run.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { setAppDatabase } from "@/db/client";
import { lineLinks, lineUsers, reminderDeliveries } from "@/db/schema";
import { POST as cronPost } from "@/app/api/cron/reminders/route";
import { bookSlot } from "@/lib/booking/book";
import { cancelReservation } from "@/lib/booking/manage";
import { sendersFromEnv, sendReminders } from "@/lib/reminders/send-reminders";
import { runRemindersSend } from "@/scripts/cli/reminders";
import { fakeLineUserId, startFakeLine, type FakeLine } from "../support/fake-line";
import { createSlot, createVenue, createVoucher, NOW, setupMunicipality } from "./fixtures";
import { setUpTestDatabase } from "./harness";

const TOKEN = "test-channel-access-token";
const DATE = "2026-12-10";

const t = setUpTestDatabase((db) => setupMunicipality(db, { reminderEmailEnabled: true, reminderSmsEnabled: true }));
let line: FakeLine;
let smtp: SMTPServer;
const mails: { to: string[]; raw: string }[] = [];
let twilio: http.Server;
const smsSent: Record<string, string>[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  line = await startFakeLine({ channelAccessToken: TOKEN });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  twilio = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      smsSent.push(Object.fromEntries(new URLSearchParams(body)));
      res.writeHead(201, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ sid: "SM0" }));
    });
  });
  await new Promise<void>((resolve) => twilio.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    LINE_API_BASE_URL: line.url,
    LIFF_ID: "1657000000-AbCdEfGh",
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    REMINDER_EMAIL_FROM: "vaccine@city.example.jp",
    TWILIO_ACCOUNT_SID: `AC${"1".repeat(32)}`,
    TWILIO_AUTH_TOKEN: "twilio-token",
    TWILIO_API_BASE_URL: `http://127.0.0.1:${(twilio.address() as AddressInfo).port}`,
    TWILIO_SMS_FROM: "+815000000000",
    CRON_SECRET: "cron-secret-0123456789",
  });
});
beforeEach(() => {
  setAppDatabase(t);
  line.reset();
  mails.length = 0;
  smsSent.length = 0;
});
afterAll(async () => {
  process.env = savedEnv;
  await line?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  twilio.closeAllConnections();
  await new Promise<void>((resolve) => twilio.close(() => resolve()));
});

/** A resident with a booking on DATE, linked to `lineUsers` (following unless said otherwise). */
async function bookedResident(options: { lineUsers?: string[]; email?: string | null; phone?: string | null; date?: string } = {}) {
  const venue = await createVenue(t.db);
  const slot = await createSlot(t.db, { venueId: venue.id, date: options.date ?? DATE });
  const voucher = await createVoucher(t.db, { email: options.email ?? null, phone: options.phone ?? null });
  const booked = await bookSlot(t.db, { voucherId: voucher.id, slotId: slot.id, actor: { kind: "resident", voucherId: voucher.id, channel: "line" }, channel: "line", now: NOW });
  if (!booked.ok) throw new Error(booked.reason);
  for (const lineUserId of options.lineUsers ?? []) {
    await t.db.insert(lineUsers).values({ lineUserId }).onConflictDoNothing();
    await t.db.insert(lineLinks).values({ lineUserId, voucherId: voucher.id });
  }
  return { voucher, reservation: booked.reservation };
}

const pushes = () => line.callsTo("/v2/bot/message/push").map((c) => ({ body: c.body as { to: string; messages: { text: string }[] }, retryKey: c.headers["x-line-retry-key"] }));

describe("sendReminders", () => {
  it("pushes the day-before reminder to each linked, following LINE user, with the booking and a LIFF link", async () => {
    const { reservation } = await bookedResident({ lineUsers: [fakeLineUserId(1), fakeLineUserId(2)] });
    await bookedResident({ date: "2026-12-11", lineUsers: [fakeLineUserId(3)] }); // another day: not reminded
    const summary = await sendReminders(t.db, { date: DATE, senders: sendersFromEnv() });
    expect(summary).toMatchObject({ reservations: 1, sent: { line: 2, email: 0, sms: 0 }, skipped: 0 });
    const sent = pushes();
    expect(sent.map((p) => p.body.to).sort()).toEqual([fakeLineUserId(1), fakeLineUserId(2)]);
    const text = sent[0]!.body.messages[0]!.text;
    expect(text).toContain("明日");
    expect(text).toContain("12月10日");
    expect(text).toContain("10:00");
    expect(text).toContain(reservation.reservationNumber);
    expect(text).toContain("https://liff.line.me/1657000000-AbCdEfGh/reservations");
    expect(sent[0]!.retryKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends each reminder once when run twice, and when two runs race", async () => {
    for (let i = 0; i < 3; i++) await bookedResident({ lineUsers: [fakeLineUserId(10 + i)], email: `r${i}@example.jp`, phone: "090-1234-567" + i });
    const first = await sendReminders(t.db, { date: DATE, senders: sendersFromEnv() });
    expect(first.sent).toEqual({ line: 3, email: 3, sms: 3 });
    const second = await sendReminders(t.db, { date: DATE, senders: sendersFromEnv() });
    expect(second.sent).toEqual({ line: 0, email: 0, sms: 0 });
    expect(second.skipped).toBe(9);

    for (let i = 0; i < 3; i++) await bookedResident({ date: "2026-12-11", lineUsers: [fakeLineUserId(20 + i)], email: `s${i}@example.jp` });
    const raced = await Promise.all([0, 1, 2].map(() => sendReminders(t.db, { date: "2026-12-11", senders: sendersFromEnv() })));
    expect(raced.reduce((n, s) => n + s.sent.line, 0)).toBe(3);
    expect(raced.reduce((n, s) => n + s.sent.email, 0)).toBe(3);

    expect(pushes()).toHaveLength(6);
    expect(new Set(pushes().map((p) => p.body.to)).size).toBe(6);
    expect(mails).toHaveLength(6);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(["r0@example.jp", "r1@example.jp", "r2@example.jp", "s0@example.jp", "s1@example.jp", "s2@example.jp"]);
    expect(smsSent.map((s) => s.To).sort()).toEqual(["+819012345670", "+819012345671", "+819012345672"]);
    expect(smsSent[0]!.From).toBe("+815000000000");
  });

  it("pushes nothing to a LINE user who unfollowed, nor for a cancelled reservation", async () => {
    await bookedResident({ lineUsers: [fakeLineUserId(30)] });
    await t.db.update(lineUsers).set({ following: false }).where(eq(lineUsers.lineUserId, fakeLineUserId(30)));
    const { voucher, reservation } = await bookedResident({ lineUsers: [fakeLineUserId(31)] });
    const cancelled = await cancelReservation(t.db, { reservationId: reservation.id, actor: { kind: "resident", voucherId: voucher.id, channel: "line" }, now: NOW });
    expect(cancelled.ok).toBe(true);
    const summary = await sendReminders(t.db, { date: DATE, senders: sendersFromEnv() });
    expect(summary.sent.line).toBe(0);
    expect(pushes()).toHaveLength(0);
  });

  it("sends e-mail and SMS only when the municipality enabled them, and SMS only to mobile numbers", async () => {
    await setupMunicipality(t.db, { reminderEmailEnabled: false, reminderSmsEnabled: true });
    await bookedResident({ email: "a@example.jp", phone: "0426001234" }); // a landline
    await bookedResident({ email: "b@example.jp", phone: "08011112222" });
    const summary = await sendReminders(t.db, { date: DATE, senders: sendersFromEnv() });
    expect(summary.sent).toEqual({ line: 0, email: 0, sms: 1 });
    expect(mails).toHaveLength(0);
    expect(smsSent.map((s) => s.To)).toEqual(["+818011112222"]);
  });

  it("records a failed push and sends it on the next run, with the same retry key", async () => {
    await bookedResident({ lineUsers: [fakeLineUserId(40)] });
    line.failPushes(1);
    const failed = await sendReminders(t.db, { date: DATE, senders: sendersFromEnv() });
    expect(failed.failed.line).toBe(1);
    const [row] = await t.db.select().from(reminderDeliveries);
    expect(row).toMatchObject({ status: "failed", attempts: 1, lastError: "line 500" });
    line.failPushes(0);
    const retried = await sendReminders(t.db, { date: DATE, senders: sendersFromEnv() });
    expect(retried.sent.line).toBe(1);
    const [after] = await t.db.select().from(reminderDeliveries);
    expect(after).toMatchObject({ status: "sent", attempts: 2 });
    const keys = pushes().map((p) => p.retryKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[0]).toBe(row!.retryKey);
  });

  it("runs from the CLI command", async () => {
    await bookedResident({ lineUsers: [fakeLineUserId(50)] });
    const out: string[] = [];
    await runRemindersSend(t.db, { date: DATE }, (line) => out.push(line));
    expect(out.join("\n")).toContain("送信 LINE 1件");
    await runRemindersSend(t.db, { date: DATE }, (line) => out.push(line));
    expect(out.join("\n")).toContain("送信済みのためスキップ 1件");
    expect(pushes()).toHaveLength(1);
  });
});

describe("POST /api/cron/reminders", () => {
  const call = (authorization: string | null, body?: object) =>
    cronPost(
      new Request("http://localhost/api/cron/reminders", {
        method: "POST",
        headers: authorization ? { authorization } : {},
        body: body ? JSON.stringify(body) : undefined,
      }),
    );

  it("refuses a missing or wrong secret and sends nothing", async () => {
    await bookedResident({ lineUsers: [fakeLineUserId(60)] });
    expect((await call(null, { date: DATE })).status).toBe(401);
    expect((await call("Bearer wrong-secret-0123456789", { date: DATE })).status).toBe(401);
    expect(pushes()).toHaveLength(0);
  });

  it("sends the reminders for the given date once, however often it is called", async () => {
    await bookedResident({ lineUsers: [fakeLineUserId(61)] });
    const res = await call("Bearer cron-secret-0123456789", { date: DATE });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ date: DATE, sent: { line: 1 } });
    expect((await (await call("Bearer cron-secret-0123456789", { date: DATE })).json()).sent.line).toBe(0);
    expect((await call("Bearer cron-secret-0123456789", { date: "2026-13-01" })).status).toBe(400);
    expect(pushes()).toHaveLength(1);
  });
});
