// The phone booking flow (new bookings only): 接種券番号 → 生年月日 → venue → date → time →
// confirm → book → reservation number twice → optional SMS. Each webhook runs one step: it
// reads the call's state, acts on the keys pressed, stores the next step and answers TwiML.
// Every decision is the booking core's: verifyVoucherCredentials (the web's lockout),
// loadResidentStatus, slotOptionsFor (what this caller may book) and bookSlot.
import { asc, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { venues } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { VOUCHER_LOCK_MINUTES } from "@/lib/auth/login-throttle";
import { verifyVoucherCredentials } from "@/lib/auth/resident-login";
import { recordAudit } from "@/lib/audit/record-audit";
import { bookSlot } from "@/lib/booking/book";
import { loadSettings, type MunicipalitySettings } from "@/lib/booking/context";
import { addDays, formatDateJa, hhmm, isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { slotOptionsFor, type SlotOption } from "@/lib/resident/slot-search";
import { loadResidentStatus } from "@/lib/resident/status";
import { endCall, loadCall, purgeExpiredCalls, saveCall, type CallRecord, type CallState, type Step, type VenueChoice } from "./call-state";
import { callerNumber } from "./caller";
import type { IvrConfig } from "./config";
import { ivrMessages as say, type CallCenter, type SlotSummary } from "./messages";
import { sendSms, smsReachable } from "./sms";
import { speakDate, speakText } from "./speech";
import { askTwiml, hangupTwiml } from "./twiml";

/** Wrong or missing input this many times at one step ends the call with the call-center number. */
export const MAX_FAILURES = 3;
/** Keys 1–9 choose; 0 reads the next page. */
export const PAGE_SIZE = 9;
export const GATHER_PATH = "/api/ivr/gather";

export interface CallInput {
  callSid: string;
  /** The caller's number as Twilio gives it (E.164), when known. */
  from: string | null;
  /** The municipality's number the caller dialled. */
  to: string | null;
  digits: string | null;
}

interface Ctx {
  db: Db;
  config: IvrConfig;
  settings: MunicipalitySettings;
  input: CallInput;
  now: Date;
}

type Next =
  | { kind: "ask"; step: Step; state: CallState; say: string[]; failures?: number }
  | { kind: "end"; say: string[] };

const ask = (step: Step, state: CallState, lines: string[] = [], failures?: number): Next => ({ kind: "ask", step, state, say: lines, failures });
const end = (lines: string[]): Next => ({ kind: "end", say: lines });

function callCenter(settings: MunicipalitySettings): CallCenter {
  return { municipalityName: settings.name, phone: settings.callCenterPhone, hours: settings.callCenterHours };
}

/** Ends the call pointing to the call center, after `lines`. */
function endWithCallCenter(ctx: Ctx, lines: string[]): Next {
  return end([...lines, say.callCenter(callCenter(ctx.settings)), say.goodbye]);
}

/** Wrong or no input: say why and ask again, or after the third time give the call-center number. */
function retry(ctx: Ctx, call: CallRecord, reason: string): Next {
  const failures = call.failures + 1;
  if (failures < MAX_FAILURES) return ask(call.step, call.state, [reason], failures);
  // The booking is already made when the SMS question goes unanswered: just say goodbye.
  if (call.step === "sms") return end([say.goodbye]);
  return endWithCallCenter(ctx, [reason, say.tooManyFailures]);
}

function ivrActor(ctx: Ctx, voucherId: number): Actor {
  return { kind: "ivr", callSid: ctx.input.callSid, voucherId };
}

function today(ctx: Ctx): string {
  return tokyoDate(ctx.now);
}

function summary(state: CallState): SlotSummary {
  return {
    venueName: state.venue!.name,
    date: state.date!,
    startTime: state.slot!.startTime,
    endTime: state.slot!.endTime,
    productName: state.slot!.productName,
  };
}

// ---- what is read out at each step ----

function prompt(step: Step, state: CallState): { lines: string[]; numDigits?: number; timeout: number } {
  const page = state.page ?? 0;
  const menu = (lines: string[]) => ({ lines, numDigits: 1, timeout: 8 });
  switch (step) {
    case "voucher":
      return { lines: [say.askVoucherNumber], timeout: 10 };
    case "birth_date":
      return { lines: [say.askBirthDate], timeout: 10 };
    case "venue":
      return menu(say.menu(say.venueIntro, (state.venues ?? []).map((v) => v.name), page, PAGE_SIZE, "会場"));
    case "date":
      return menu(say.menu(say.dateIntro(state.venue!.name), (state.dates ?? []).map(speakDate), page, PAGE_SIZE, "日にち"));
    case "time": {
      const times = state.times ?? [];
      const severalProducts = new Set(times.map((t) => t.productName)).size > 1;
      const labels = times.map((t) => say.timeLabel(t.startTime, t.endTime, severalProducts ? t.productName : null));
      return menu(say.menu(say.timeIntro(state.date!), labels, page, PAGE_SIZE, "時間"));
    }
    case "confirm":
      return menu(say.confirm(summary(state), state.doseNumber ?? 1));
    case "sms":
      return menu([say.offerSms]);
  }
}

async function render(ctx: Ctx, call: CallRecord, next: Next): Promise<string> {
  if (next.kind === "end") {
    await endCall(ctx.db, call.callSid);
    return hangupTwiml(ctx.config.voice, next.say);
  }
  const failures = next.failures ?? (next.step === call.step ? call.failures : 0);
  await saveCall(ctx.db, { callSid: call.callSid, step: next.step, state: next.state, failures }, ctx.now);
  const p = prompt(next.step, next.state);
  return askTwiml(ctx.config.voice, [...next.say, ...p.lines], {
    action: `${GATHER_PATH}?step=${next.step}`,
    timeout: p.timeout,
    numDigits: p.numDigits,
  });
}

// ---- the lists the caller chooses from (recomputed from the booking core each time) ----

/** The slot options this voucher could book now, within the residents' booking window. */
function bookableOptions(ctx: Ctx, voucherId: number, filter: { venueId?: number; date?: string } = {}): Promise<SlotOption[]> {
  const from = filter.date ?? today(ctx);
  const to = filter.date ?? addDays(today(ctx), ctx.settings.bookingWindowDays);
  return slotOptionsFor(ctx.db, voucherId, { from, to, venueId: filter.venueId }, ctx.now);
}

/** Why nothing can be booked, when one reason holds for every slot; otherwise the plain fact. */
function whyNothingBookable(options: readonly SlotOption[]): string[] {
  const voucherWide = options.find((o) => o.code === "active_reservation" || o.code === "not_open_yet" || o.code === "interval" || o.code === "no_booster_rule");
  if (voucherWide) return [say.noSlots, refusalSpeech(voucherWide)];
  if (options.some((o) => o.code === "slot_full")) return [say.allFull];
  return [say.noSlots];
}

function refusalSpeech(refused: { code: string | null; reason: string | null; params?: Record<string, string | number> }): string {
  switch (refused.code) {
    case "slot_full":
      return say.slotJustFilled;
    case "slot_closed":
    case "slot_past":
    case "slot_started":
    case "same_day_closed":
    case "outside_window":
      return say.slotNoLongerOpen;
    case "active_reservation":
      return say.alreadyBooked;
    case "interval":
      // The screen's wording says 「…以降の日を選んでください」; on the phone the date is what matters.
      if (typeof refused.params?.date === "string") {
        return `${refused.params.dose ?? "次"}回目の接種は、${refused.params.date.slice(0, 4)}年${speakDate(refused.params.date)}以降に受けられます。`;
      }
      return speakText(refused.reason ?? "");
    default:
      return speakText(refused.reason ?? "");
  }
}

async function enterVenues(ctx: Ctx, state: CallState, preface: string[]): Promise<Next> {
  const voucherId = state.voucherId!;
  const options = await bookableOptions(ctx, voucherId);
  const ids = [...new Set(options.filter((o) => o.bookable).map((o) => o.venueId))];
  if (ids.length === 0) return endWithCallCenter(ctx, [...preface, ...whyNothingBookable(options)]);
  // The web's venue list order (venue code), so the numbers stay the same from call to call.
  const list: VenueChoice[] = await ctx.db
    .select({ id: venues.id, name: venues.name })
    .from(venues)
    .where(inArray(venues.id, ids))
    .orderBy(asc(venues.code));
  return ask("venue", { voucherId, doseNumber: state.doseNumber, venues: list, page: 0 }, preface);
}

async function enterDates(ctx: Ctx, state: CallState, venue: VenueChoice, preface: string[]): Promise<Next> {
  const voucherId = state.voucherId!;
  const options = await bookableOptions(ctx, voucherId, { venueId: venue.id });
  const dates = [...new Set(options.filter((o) => o.bookable).map((o) => o.date))].sort();
  if (dates.length === 0) return enterVenues(ctx, state, [...preface, say.venueGone(venue.name)]);
  return ask("date", { voucherId, doseNumber: state.doseNumber, venue, dates, page: 0 }, preface);
}

async function enterTimes(ctx: Ctx, state: CallState, venue: VenueChoice, date: string, preface: string[]): Promise<Next> {
  const voucherId = state.voucherId!;
  const options = await bookableOptions(ctx, voucherId, { venueId: venue.id, date });
  const times = options
    .filter((o) => o.bookable)
    .map((o) => ({ slotId: o.slotId, startTime: hhmm(o.startTime), endTime: hhmm(o.endTime), productName: o.productName }));
  if (times.length === 0) return enterDates(ctx, state, venue, [...preface, say.dateGone(date)]);
  return ask("time", { voucherId, doseNumber: state.doseNumber, venue, date, times, page: 0 }, preface);
}

/** A key pressed in a menu: the item, the next page (0), or a retry. */
function choose<T>(ctx: Ctx, call: CallRecord, items: readonly T[], digits: string): { item: T } | { next: Next } {
  const page = call.state.page ?? 0;
  if (digits === "0") {
    const nextPage = (page + 1) * PAGE_SIZE < items.length ? page + 1 : 0;
    return { next: ask(call.step, { ...call.state, page: nextPage }) };
  }
  const item = /^[1-9]$/.test(digits) ? items[page * PAGE_SIZE + Number(digits) - 1] : undefined;
  if (item === undefined) return { next: retry(ctx, call, say.noSuchNumber) };
  return { item };
}

// ---- the steps ----

type StepHandler = (ctx: Ctx, call: CallRecord, digits: string) => Promise<Next>;

const steps: Record<Step, StepHandler> = {
  async voucher(ctx, call, digits) {
    if (!/^[0-9]{10}$/.test(digits)) return retry(ctx, call, say.badVoucherNumber);
    return ask("birth_date", { loginFailures: call.state.loginFailures, voucherNumber: digits });
  },

  async birth_date(ctx, call, digits) {
    const m = /^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(digits);
    const birthDate = m ? `${m[1]}-${m[2]}-${m[3]}` : "";
    if (!isValidIsoDate(birthDate) || birthDate > today(ctx)) return retry(ctx, call, say.badBirthDate);
    const voucherNumber = call.state.voucherNumber;
    if (!voucherNumber) return ask("voucher", {});
    const login = await verifyVoucherCredentials(ctx.db, {
      voucherNumber,
      birthDate,
      // The caller's number groups one phone's attempts (as the IP address does on the web); a
      // withheld number is shared by every such caller, so those count per call instead.
      clientKey: `ivr:${callerNumber(ctx.input.from) ?? ctx.input.callSid}`,
      channel: "ivr",
      now: ctx.now,
    });
    if (!login.ok) {
      const until = String(login.params?.time ?? "");
      if (login.code === "locked") return endWithCallCenter(ctx, [say.locked(until)]);
      if (login.code === "client_blocked") return endWithCallCenter(ctx, [say.clientBlocked(until)]);
      if (login.code === "invalid_input") return retry(ctx, call, say.badBirthDate);
      const loginFailures = (call.state.loginFailures ?? 0) + 1;
      if (loginFailures >= MAX_FAILURES) return endWithCallCenter(ctx, [say.loginWrong, say.tooManyFailures]);
      // The web's lockout counts these too: warn when it is close.
      const remaining = typeof login.params?.remaining === "number" ? login.params.remaining : null;
      const warning = remaining !== null && remaining <= 2 ? [say.lockWarning(remaining, VOUCHER_LOCK_MINUTES)] : [];
      return ask("voucher", { loginFailures }, [say.loginWrong, ...warning, say.tryAgainFromVoucher]);
    }

    const voucherId = login.voucherId;
    await recordAudit(ctx.db, ivrActor(ctx, voucherId), {
      action: "resident.login",
      entity: "voucher",
      entityId: voucherId,
      voucherId,
      after: { channel: "ivr" },
    });
    const status = await loadResidentStatus(ctx.db, voucherId);
    if (!status) return endWithCallCenter(ctx, []);
    if (status.reservations.length > 0) {
      // Changes and cancellations are the call center's: read the booking back and hand over.
      return endWithCallCenter(
        ctx,
        say.existingBookings(
          status.reservations.map((r) => ({
            doseNumber: r.doseNumber,
            reservationNumber: r.reservationNumber,
            venueName: r.venueName,
            date: r.date,
            startTime: hhmm(r.startTime),
            endTime: hhmm(r.endTime),
            productName: r.productName,
          })),
        ),
      );
    }
    return enterVenues(ctx, { voucherId, doseNumber: status.nextDose }, []);
  },

  async venue(ctx, call, digits) {
    const chosen = choose(ctx, call, call.state.venues ?? [], digits);
    if ("next" in chosen) return chosen.next;
    return enterDates(ctx, call.state, chosen.item, []);
  },

  async date(ctx, call, digits) {
    const chosen = choose(ctx, call, call.state.dates ?? [], digits);
    if ("next" in chosen) return chosen.next;
    return enterTimes(ctx, call.state, call.state.venue!, chosen.item, []);
  },

  async time(ctx, call, digits) {
    const chosen = choose(ctx, call, call.state.times ?? [], digits);
    if ("next" in chosen) return chosen.next;
    const { voucherId, doseNumber, venue, date } = call.state;
    return ask("confirm", { voucherId, doseNumber, venue, date, slot: chosen.item });
  },

  async confirm(ctx, call, digits) {
    const state = call.state;
    if (digits === "2") return enterVenues(ctx, state, [say.startOver]);
    if (digits !== "1") return retry(ctx, call, say.noSuchNumber);
    const voucherId = state.voucherId!;
    const result = await bookSlot(ctx.db, {
      voucherId,
      slotId: state.slot!.slotId,
      actor: ivrActor(ctx, voucherId),
      channel: "ivr",
      now: ctx.now,
    });
    if (!result.ok) {
      // Refused by the rules (the slot just filled, …): say why and let the caller choose again.
      return enterTimes(ctx, state, state.venue!, state.date!, [refusalSpeech(result)]);
    }
    const reservation = result.reservation;
    const lines = say.booked(reservation.reservationNumber, summary(state));
    const booked: CallState = { ...state, doseNumber: reservation.doseNumber, booked: { reservationNumber: reservation.reservationNumber } };
    if (ctx.config.smsEnabled && ctx.config.accountSid && smsReachable(ctx.input.from)) return ask("sms", booked, lines);
    return end([...lines, say.goodbye]);
  },

  async sms(ctx, call, digits) {
    if (digits === "2") return end([say.goodbye]);
    if (digits !== "1") return retry(ctx, call, say.noSuchNumber);
    const state = call.state;
    const slot = summary(state);
    const from = ctx.config.smsFrom ?? ctx.input.to;
    const sent =
      smsReachable(ctx.input.from) &&
      !!from &&
      (await sendSms(ctx.config, {
        to: ctx.input.from,
        from,
        body: say.smsBody(
          ctx.settings.name,
          state.booked!.reservationNumber,
          {
            venue: slot.venueName,
            date: formatDateJa(slot.date),
            time: `${slot.startTime}〜${slot.endTime}`,
            product: slot.productName,
            dose: state.doseNumber ?? 1,
          },
          ctx.settings.callCenterPhone,
        ),
      }));
    return end([sent ? say.smsSent : say.smsFailed, say.goodbye]);
  },
};

// ---- the webhooks ----

async function context(db: Db, config: IvrConfig, input: CallInput, now: Date): Promise<Ctx> {
  return { db, config, settings: await loadSettings(db), input, now };
}

/** POST /api/ivr/voice: a new call. Greets and asks for the 接種券番号. */
export async function startCall(db: Db, config: IvrConfig, input: CallInput, now: Date): Promise<string> {
  await purgeExpiredCalls(db, now);
  const ctx = await context(db, config, input, now);
  const fresh: CallRecord = { callSid: input.callSid, step: "voucher", state: {}, failures: 0 };
  return render(ctx, fresh, ask("voucher", {}, [say.greeting(ctx.settings.name)]));
}

/** POST /api/ivr/gather?step=…: the keys pressed at a step (none: the caller stayed silent). */
export async function continueCall(db: Db, config: IvrConfig, input: CallInput, urlStep: string | null, now: Date): Promise<string> {
  const ctx = await context(db, config, input, now);
  const call = await loadCall(db, input.callSid, now);
  if (!call) {
    // Expired (or never started): begin again rather than drop the caller.
    const fresh: CallRecord = { callSid: input.callSid, step: "voucher", state: {}, failures: 0 };
    return render(ctx, fresh, ask("voucher", {}, [say.sessionExpired]));
  }
  // A late or repeated request for a step already left: ask the current step again.
  if (urlStep !== call.step) return render(ctx, call, ask(call.step, call.state));
  const digits = (input.digits ?? "").trim();
  if (digits === "") return render(ctx, call, retry(ctx, call, say.noInput));
  return render(ctx, call, await steps[call.step](ctx, call, digits));
}

const FINAL_CALL_STATUSES = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

/** POST /api/ivr/status: Twilio's call status callback. A finished call's state is deleted. */
export async function callStatusChanged(db: Db, callSid: string, callStatus: string | undefined, now: Date): Promise<void> {
  if (callStatus && FINAL_CALL_STATUSES.has(callStatus)) await endCall(db, callSid);
  await purgeExpiredCalls(db, now);
}
