// The whole product's schema, in one place. Rules that must never break are
// constraints here (capacity, one active reservation per voucher, one voucher
// per issuing municipality); the services turn their violations into refusals.
// `text` + CHECK rather than char(n): char(n) compared with a text parameter
// skips its index (measured: 0.1 ms → 80 ms on a million vouchers).
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** The one municipality this deployment serves, and its settings (a single row, id = 1). */
export const municipality = pgTable(
  "municipality",
  {
    id: integer("id").primaryKey().default(1),
    code: text("code").notNull(),
    name: text("name").notNull(),
    // Resident fields: 'off' | 'optional' | 'required'
    fieldKanaName: text("field_kana_name").notNull().default("required"),
    fieldPhone: text("field_phone").notNull().default("required"),
    fieldEmail: text("field_email").notNull().default("optional"),
    bookingWindowDays: integer("booking_window_days").notNull().default(28),
    // Change/cancel is possible until `cancelDeadlineDaysBefore` days before the slot date at `cancelDeadlineTime`.
    cancelDeadlineDaysBefore: integer("cancel_deadline_days_before").notNull().default(1),
    cancelDeadlineTime: text("cancel_deadline_time").notNull().default("17:00"),
    sameDayBooking: boolean("same_day_booking").notNull().default(true),
    callCenterPhone: text("call_center_phone").notNull().default(""),
    callCenterHours: text("call_center_hours").notNull().default(""),
    maxGroupSize: integer("max_group_size").notNull().default(4),
    // Day-before reminders by e-mail / SMS besides LINE (issue 4; lib/line/reminders.ts).
    reminderEmailEnabled: boolean("reminder_email_enabled").notNull().default(false),
    reminderSmsEnabled: boolean("reminder_sms_enabled").notNull().default(false),
    notices: text("notices").notNull().default(""),
    // Call center (issue 10): may staff change/cancel past the deadline (always with a reason, audit-logged)?
    staffDeadlineOverride: boolean("staff_deadline_override").notNull().default(true),
    // No dose wasted (issue 8; lib/waitlist, lib/leftover): the waitlist and how long an offered seat is held.
    waitlistEnabled: boolean("waitlist_enabled").notNull().default(true),
    offerHoldMinutes: integer("offer_hold_minutes").notNull().default(30),
    // Same-day leftover doses (余剰ワクチン): on/off, who may opt in (null: any eligible age), how far ahead of
    // the dose time venue staff may declare them.
    leftoverEnabled: boolean("leftover_enabled").notNull().default(false),
    leftoverMinAge: integer("leftover_min_age"),
    leftoverLeadMinutes: integer("leftover_lead_minutes").notNull().default(180),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("municipality_singleton", sql`${t.id} = 1`),
    check("municipality_code_format", sql`${t.code} ~ '^[0-9]{6}$'`),
    check("municipality_field_kana", sql`${t.fieldKanaName} in ('off','optional','required')`),
    check("municipality_field_phone", sql`${t.fieldPhone} in ('off','optional','required')`),
    check("municipality_field_email", sql`${t.fieldEmail} in ('off','optional','required')`),
    check("municipality_window", sql`${t.bookingWindowDays} between 0 and 366`),
    check("municipality_deadline_time", sql`${t.cancelDeadlineTime} ~ '^[0-2][0-9]:[0-5][0-9]$'`),
    check("municipality_group", sql`${t.maxGroupSize} between 1 and 20`),
    check("municipality_offer_hold", sql`${t.offerHoldMinutes} between 5 and 1440`),
    check("municipality_leftover_age", sql`${t.leftoverMinAge} is null or ${t.leftoverMinAge} between 0 and 120`),
    check("municipality_leftover_lead", sql`${t.leftoverLeadMinutes} between 15 and 720`),
  ],
);

/** When booking opens for a target group (e.g. 65歳以上 from 2021-05-03 09:00). No rows: always open. */
export const bookingOpenings = pgTable("booking_openings", {
  id: serial("id").primaryKey(),
  label: text("label").notNull(),
  minAge: integer("min_age"),
  maxAge: integer("max_age"),
  doseNumber: integer("dose_number"),
  opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
});

export const vaccineProducts = pgTable(
  "vaccine_products",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    // The maker name as VRS expects it (ファイザー / 武田/モデルナ / …).
    vrsMakerName: text("vrs_maker_name").notNull(),
    minAge: integer("min_age").notNull(),
    maxAge: integer("max_age"),
    // Primary series: minimum days from dose 1 to dose 2.
    dose2IntervalDays: integer("dose2_interval_days").notNull(),
    boosterAllowed: boolean("booster_allowed").notNull().default(true),
    // Doses one vial gives (Pfizer 6): an opened vial must be used the same day (issue 8, vial-aware capacity).
    dosesPerVial: integer("doses_per_vial").notNull().default(1),
    active: boolean("active").notNull().default(true),
    sortOrder: integer("sort_order").notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("vaccine_interval_positive", sql`${t.dose2IntervalDays} > 0`),
    check("vaccine_doses_per_vial", sql`${t.dosesPerVial} between 1 and 50`),
    check("vaccine_ages", sql`${t.minAge} >= 0 and (${t.maxAge} is null or ${t.maxAge} >= ${t.minAge})`),
  ],
);

/** Booster (dose ≥ 3) intervals in months, dated: the rule in force on the slot date applies. */
export const boosterIntervalRules = pgTable(
  "booster_interval_rules",
  {
    id: serial("id").primaryKey(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    // null: every booster dose; otherwise only this dose number.
    doseNumber: integer("dose_number"),
    intervalMonths: integer("interval_months").notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [
    check("booster_months_positive", sql`${t.intervalMonths} > 0`),
    check("booster_dose_number", sql`${t.doseNumber} is null or ${t.doseNumber} >= 3`),
  ],
);

export const venues = pgTable(
  "venues",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(), // 'mass' (集団) | 'clinic' (個別)
    address: text("address").notNull().default(""),
    phone: text("phone").notNull().default(""),
    active: boolean("active").notNull().default(true),
    // Overbooking (issue 8): extra seats per slot as a share of its capacity, off (0) by default. A trigger
    // (migration 0011) keeps slots.overbook_seats = floor(capacity × percent / 100) for the venue's slots.
    overbookPercent: integer("overbook_percent").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("venues_code_unique").on(t.code),
    check("venues_kind", sql`${t.kind} in ('mass','clinic')`),
    check("venues_overbook_percent", sql`${t.overbookPercent} between 0 and 20`),
  ],
);

export const staffAccounts = pgTable(
  "staff_accounts",
  {
    id: serial("id").primaryKey(),
    loginId: text("login_id").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role").notNull(), // admin | call_center | venue_manager | venue_staff
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(true),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("staff_login_id_unique").on(t.loginId),
    check("staff_role", sql`${t.role} in ('admin','call_center','venue_manager','venue_staff')`),
    check("staff_login_id_format", sql`${t.loginId} ~ '^[A-Za-z0-9._@-]{3,64}$'`),
  ],
);

/** Venue scope of venue_manager / venue_staff accounts. */
export const staffAccountVenues = pgTable(
  "staff_account_venues",
  {
    accountId: integer("account_id")
      .notNull()
      .references(() => staffAccounts.id),
    venueId: integer("venue_id")
      .notNull()
      .references(() => venues.id),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.venueId] })],
);

export const slots = pgTable(
  "slots",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    venueId: integer("venue_id")
      .notNull()
      .references(() => venues.id),
    date: date("date", { mode: "string" }).notNull(),
    startTime: time("start_time").notNull(),
    endTime: time("end_time").notNull(),
    productCode: text("product_code")
      .notNull()
      .references(() => vaccineProducts.code),
    capacity: integer("capacity").notNull(),
    // Seats held by reservations that are booked, checked in, vaccinated or screened only.
    bookedCount: integer("booked_count").notNull().default(0),
    // Seats held for a waitlist offer until it is accepted, declined or expires (lib/waitlist).
    heldCount: integer("held_count").notNull().default(0),
    // Seats beyond the capacity the venue's overbooking allows (kept by a trigger from venues.overbook_percent).
    overbookSeats: integer("overbook_seats").notNull().default(0),
    // Seats anyone may still take: what every reader shows as 残り.
    seatsLeft: integer("seats_left")
      .notNull()
      .generatedAlwaysAs(sql`capacity + overbook_seats - booked_count - held_count`),
    // A same-day leftover-dose slot (余剰ワクチン): booked only through its offers, never listed to residents.
    offerOnly: boolean("offer_only").notNull().default(false),
    status: text("status").notNull().default("open"), // open | closed
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("slots_capacity_nonnegative", sql`${t.capacity} >= 0`),
    // The last line of defence: seats taken and held can never pass the capacity (plus the allowed overbooking).
    check(
      "slots_capacity_never_exceeded",
      sql`${t.bookedCount} >= 0 and ${t.heldCount} >= 0 and ${t.overbookSeats} >= 0 and ${t.bookedCount} + ${t.heldCount} <= ${t.capacity} + ${t.overbookSeats}`,
    ),
    check("slots_time_order", sql`${t.startTime} < ${t.endTime}`),
    check("slots_status", sql`${t.status} in ('open','closed')`),
    uniqueIndex("slots_unique_time").on(t.venueId, t.date, t.startTime, t.productCode).where(sql`not offer_only`),
    index("slots_date_venue").on(t.date, t.venueId),
  ],
);

export const vouchers = pgTable(
  "vouchers",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // Issuing municipality: differs from ours for 住所地外 vouchers.
    municipalityCode: text("municipality_code").notNull(),
    voucherNumber: text("voucher_number").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    // Prior-dose history given at registration (doses not recorded in this system).
    priorDoseCount: integer("prior_dose_count").notNull().default(0),
    priorLastDoseDate: date("prior_last_dose_date", { mode: "string" }),
    priorLastProductCode: text("prior_last_product_code").references(() => vaccineProducts.code),
    // Personal fields the municipality enabled, given at booking.
    kanaName: text("kana_name"),
    phone: text("phone"),
    email: text("email"),
    registeredBy: integer("registered_by").references(() => staffAccounts.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("vouchers_issuer_number_unique").on(t.municipalityCode, t.voucherNumber),
    index("vouchers_number").on(t.voucherNumber),
    // Caller search (lib/callers/find-callers.ts) compares the kana name without its spaces, and the phone as
    // stored. Partial: most vouchers have neither until their holder books, and a bulk import of a million
    // vouchers then maintains two indexes fewer.
    index("vouchers_kana_search").on(sql`replace(${t.kanaName}, '　', '')`).where(sql`${t.kanaName} is not null`),
    index("vouchers_phone").on(t.phone).where(sql`${t.phone} is not null`),
    check("vouchers_municipality_code", sql`${t.municipalityCode} ~ '^[0-9]{6}$'`),
    check("vouchers_number_format", sql`${t.voucherNumber} ~ '^[0-9]{10}$'`),
    check("vouchers_prior_count", sql`${t.priorDoseCount} between 0 and 20`),
    check(
      "vouchers_prior_consistent",
      sql`(${t.priorDoseCount} = 0) = (${t.priorLastDoseDate} is null)`,
    ),
  ],
);

export const reservations = pgTable(
  "reservations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // What the resident reads out on the phone and reception scans (QR).
    reservationNumber: text("reservation_number").notNull(),
    voucherId: bigint("voucher_id", { mode: "number" })
      .notNull()
      .references(() => vouchers.id),
    slotId: bigint("slot_id", { mode: "number" })
      .notNull()
      .references(() => slots.id),
    doseNumber: integer("dose_number").notNull(),
    productCode: text("product_code")
      .notNull()
      .references(() => vaccineProducts.code),
    // booked | checked_in | vaccinated | screened_only | no_show | cancelled
    status: text("status").notNull().default("booked"),
    // Reservations made together (set booking, family booking, bulk batch) share a group id.
    bookingGroupId: uuid("booking_group_id"),
    // Dose 2 of a set booking: follows the dose-1 reservation `setLeaderId`.
    setLeaderId: bigint("set_leader_id", { mode: "number" }),
    channel: text("channel").notNull(), // web | line | ivr | operator | bulk
    createdByStaffId: integer("created_by_staff_id").references(() => staffAccounts.id),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("reservations_number_unique").on(t.reservationNumber),
    // One active reservation per voucher (the set booking's dose 2 is counted apart).
    uniqueIndex("reservations_one_active_per_voucher")
      .on(t.voucherId)
      .where(sql`status in ('booked','checked_in') and set_leader_id is null`),
    uniqueIndex("reservations_one_active_set_follower")
      .on(t.voucherId)
      .where(sql`status in ('booked','checked_in') and set_leader_id is not null`),
    index("reservations_slot").on(t.slotId, t.status),
    index("reservations_voucher").on(t.voucherId),
    index("reservations_group").on(t.bookingGroupId),
    check(
      "reservations_status",
      sql`${t.status} in ('booked','checked_in','vaccinated','screened_only','no_show','cancelled')`,
    ),
    check("reservations_dose_positive", sql`${t.doseNumber} >= 1`),
    check("reservations_channel", sql`${t.channel} in ('web','line','ivr','operator','bulk')`),
  ],
);

export const doseRecords = pgTable(
  "dose_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    voucherId: bigint("voucher_id", { mode: "number" })
      .notNull()
      .references(() => vouchers.id),
    reservationId: bigint("reservation_id", { mode: "number" }).references(() => reservations.id),
    doseNumber: integer("dose_number").notNull(),
    productCode: text("product_code")
      .notNull()
      .references(() => vaccineProducts.code),
    lotNumber: text("lot_number").notNull(),
    venueId: integer("venue_id")
      .notNull()
      .references(() => venues.id),
    administeredOn: date("administered_on", { mode: "string" }).notNull(),
    doctorName: text("doctor_name").notNull().default(""),
    recordedByStaffId: integer("recorded_by_staff_id").references(() => staffAccounts.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    // Last correction by the venue manager/admin (lib/venue/dose-correction.ts); a correction
    // after a VRS export that covered the record flags it for re-export (lib/export/vrs.ts).
    correctedAt: timestamp("corrected_at", { withTimezone: true }),
    // A mistaken 接種済み taken back (revertStatus): the row is kept, marked void, and every
    // reader ignores it; a void after a VRS export flags it for re-export. Nothing is deleted.
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidedByStaffId: integer("voided_by_staff_id").references(() => staffAccounts.id),
    voidReason: text("void_reason"),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One live dose per voucher and number, and per reservation: a voided row does not count.
    uniqueIndex("dose_records_voucher_dose").on(t.voucherId, t.doseNumber).where(sql`voided_at is null`),
    uniqueIndex("dose_records_reservation").on(t.reservationId).where(sql`voided_at is null`),
    index("dose_records_date").on(t.administeredOn),
    check("dose_records_lot", sql`length(${t.lotNumber}) between 1 and 20`),
    check("dose_records_void", sql`(${t.voidedAt} is null) = (${t.voidReason} is null)`),
  ],
);

// ── Venue operations (issue 10): lots of the day, dose corrections, VRS exports ──────────
/** A venue's vaccine lots of one day, preset by the venue manager/admin: one tap at reception. */
export const venueLots = pgTable(
  "venue_lots",
  {
    id: serial("id").primaryKey(),
    venueId: integer("venue_id")
      .notNull()
      .references(() => venues.id),
    date: date("date", { mode: "string" }).notNull(),
    productCode: text("product_code")
      .notNull()
      .references(() => vaccineProducts.code),
    lotNumber: text("lot_number").notNull(),
    expiresOn: date("expires_on", { mode: "string" }),
    createdByStaffId: integer("created_by_staff_id").references(() => staffAccounts.id),
    createdAt: createdAt(),
    // Taken off the day's list (kept for the record).
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("venue_lots_unique_active").on(t.venueId, t.date, t.productCode, t.lotNumber).where(sql`removed_at is null`),
    check("venue_lots_lot", sql`${t.lotNumber} ~ '^[A-Z0-9-]{1,20}$'`),
  ],
);

/**
 * Corrections of recorded doses, with the required reason and the state before and after.
 * A reverted 接種済み moves its dose record here (`before` holds the whole row): nothing is lost.
 */
export const doseCorrections = pgTable(
  "dose_corrections",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(), // edit (product/lot/date) | revert (a mistaken status)
    reservationId: bigint("reservation_id", { mode: "number" }).references(() => reservations.id),
    doseRecordId: bigint("dose_record_id", { mode: "number" }),
    voucherId: bigint("voucher_id", { mode: "number" })
      .notNull()
      .references(() => vouchers.id),
    reason: text("reason").notNull(),
    before: jsonb("before").notNull(),
    after: jsonb("after").notNull(),
    // The dose had already been sent to VRS: it must be exported again (or fixed in VRS by hand).
    afterExport: boolean("after_export").notNull().default(false),
    staffId: integer("staff_id").references(() => staffAccounts.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("dose_corrections_voucher").on(t.voucherId, t.at),
    check("dose_corrections_kind", sql`${t.kind} in ('edit','revert')`),
    check("dose_corrections_reason", sql`length(btrim(${t.reason})) between 1 and 500`),
  ],
);

/**
 * One row per finished VRS export. A dose record counts as exported when a finished export's
 * filter (dates, venue) covers it and started (`asOf`) after the record was last written; a
 * correction after that flags it for re-export. No per-row write: a million-dose export stays fast.
 */
export const vrsExports = pgTable(
  "vrs_exports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    asOf: timestamp("as_of", { withTimezone: true }).notNull(),
    dateFrom: date("date_from", { mode: "string" }),
    dateTo: date("date_to", { mode: "string" }),
    venueId: integer("venue_id").references(() => venues.id),
    onlyPending: boolean("only_pending").notNull().default(false),
    encoding: text("encoding").notNull(), // utf8 | sjis
    rows: integer("rows"),
    doses: integer("doses"),
    staffId: integer("staff_id").references(() => staffAccounts.id),
    actor: text("actor").notNull(), // staff:<id> | cli
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("vrs_exports_finished").on(t.finishedAt),
    check("vrs_exports_encoding", sql`${t.encoding} in ('utf8','sjis')`),
  ],
);

export const lineUsers = pgTable("line_users", {
  lineUserId: text("line_user_id").primaryKey(),
  // false after unfollow: links are kept but nothing is pushed.
  following: boolean("following").notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const lineLinks = pgTable(
  "line_links",
  {
    id: serial("id").primaryKey(),
    lineUserId: text("line_user_id")
      .notNull()
      .references(() => lineUsers.lineUserId),
    voucherId: bigint("voucher_id", { mode: "number" })
      .notNull()
      .references(() => vouchers.id),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("line_links_user_voucher").on(t.lineUserId, t.voucherId),
    index("line_links_voucher").on(t.voucherId),
  ],
);

// ── LINE (issue 4): webhook events seen, day-before reminders ───────────────────────────
/** Webhook events already handled, by webhookEventId: LINE redelivers on timeouts. Purged after a few days. */
export const lineWebhookEvents = pgTable(
  "line_webhook_events",
  {
    webhookEventId: text("webhook_event_id").primaryKey(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("line_webhook_events_received").on(t.receivedAt)],
);

/**
 * One row per reminder to send: a reservation, by one channel, to one address (LINE user id,
 * e-mail address or phone number). The unique key is claimed before sending, so two runs —
 * even concurrent ones — never send the same reminder twice; failed sends are retried later.
 */
export const reminderDeliveries = pgTable(
  "reminder_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    reservationId: bigint("reservation_id", { mode: "number" })
      .notNull()
      .references(() => reservations.id),
    channel: text("channel").notNull(), // line | email | sms
    target: text("target").notNull(),
    status: text("status").notNull().default("sending"), // sending | sent | failed
    attempts: integer("attempts").notNull().default(1),
    // Sent as X-Line-Retry-Key: LINE accepts a retried push with the same key only once.
    retryKey: uuid("retry_key").notNull().defaultRandom(),
    lastError: text("last_error"),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("reminder_deliveries_once").on(t.reservationId, t.channel, t.target),
    index("reminder_deliveries_status").on(t.status),
    check("reminder_deliveries_channel", sql`${t.channel} in ('line','email','sms')`),
    check("reminder_deliveries_status", sql`${t.status} in ('sending','sent','failed')`),
  ],
);

/** IVR call state per Twilio CallSid: app servers stay stateless. */
export const ivrCalls = pgTable(
  "ivr_calls",
  {
    callSid: text("call_sid").primaryKey(),
    step: text("step").notNull(),
    state: jsonb("state").notNull().default({}),
    failures: integer("failures").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("ivr_calls_expires").on(t.expiresAt)],
);

export const faqEntries = pgTable("faq_entries", {
  id: text("id").primaryKey(),
  question: text("question").notNull(),
  answer: text("answer").notNull(),
  alternatives: jsonb("alternatives").$type<string[]>().notNull().default([]),
  category: text("category").notNull().default(""),
  // The answer in English for residents who ask in English (optional CSV column 回答(英語)).
  answerEn: text("answer_en"),
  updatedAt: updatedAt(),
});

/**
 * Questions the chatbot handed off or answered with low confidence, for the admin to turn
 * into phrasings of an entry. Stored without personal data: digit runs (phone, voucher
 * numbers) and e-mail addresses are removed first. One open row per normalised message.
 */
export const chatbotUnanswered = pgTable(
  "chatbot_unanswered",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    message: text("message").notNull(),
    messageKey: text("message_key").notNull(),
    channel: text("channel").notNull(), // web | line
    occurrences: integer("occurrences").notNull().default(1),
    bestFaqId: text("best_faq_id"),
    bestConfidence: real("best_confidence").notNull(),
    handedOff: boolean("handed_off").notNull(),
    firstAskedAt: timestamp("first_asked_at", { withTimezone: true }).notNull().defaultNow(),
    lastAskedAt: timestamp("last_asked_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolution: text("resolution"), // phrasing_added | dismissed
    resolvedFaqId: text("resolved_faq_id"),
  },
  (t) => [
    uniqueIndex("chatbot_unanswered_open_key").on(t.messageKey).where(sql`resolved_at is null`),
    index("chatbot_unanswered_recent").on(t.lastAskedAt, t.id),
    check("chatbot_unanswered_channel", sql`${t.channel} in ('web','line')`),
    check("chatbot_unanswered_confidence", sql`${t.bestConfidence} between 0 and 1`),
    check("chatbot_unanswered_resolution", sql`${t.resolution} is null or ${t.resolution} in ('phrasing_added','dismissed')`),
  ],
);

/** Request counters per key and fixed window (e.g. 'chatbot:<client address>'), shared by every app instance. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [index("rate_limits_window").on(t.windowStartedAt)],
);

/** Who did what, when, with the state before and after. Append-only. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorKind: text("actor_kind").notNull(), // staff | resident | system | ivr | line
    actorId: text("actor_id").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    voucherId: bigint("voucher_id", { mode: "number" }),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    index("audit_log_at").on(t.at),
    index("audit_log_actor").on(t.actorKind, t.actorId, t.at),
    index("audit_log_voucher").on(t.voucherId, t.at),
    // The audit viewer pages by id, newest first, under each filter (lib/audit/list-audit.ts).
    index("audit_log_actor_id").on(t.actorKind, t.actorId, t.id),
    index("audit_log_voucher_id").on(t.voucherId, t.id),
    index("audit_log_entity_id").on(t.entity, t.id),
    index("audit_log_action_id").on(t.action, t.id),
    check("audit_actor_kind", sql`${t.actorKind} in ('staff','resident','system','ivr','line')`),
  ],
);

/**
 * Failure counters for logins: key 'voucher:<number>' (lockout) or 'client:<ip>' (slow-down),
 * and 'staff:<loginId>'. Kept in PostgreSQL so every app instance sees the same counts.
 */
export const loginFailures = pgTable("login_failures", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  updatedAt: updatedAt(),
});

// ── Booking rush (issue 7) ────────────────────────────────────────────────────────────────
/**
 * The waiting room's gate, one row shared by every app instance: a token bucket admits new
 * residents at `rate` per second (up to `burst` at once); when it runs dry, arrivals take a
 * ticket from admission_ticket_seq and are let in strictly in ticket order (`serving`).
 */
export const admissionTicketSeq = pgSequence("admission_ticket_seq");

/** One row: renewed by a trigger on every write to the settings and rule tables (migration 0009). */
export const settingsVersion = pgTable("settings_version", {
  id: integer("id").primaryKey().default(1),
  token: text("token").notNull(),
});

export const admissionGate = pgTable(
  "admission_gate",
  {
    id: integer("id").primaryKey().default(1),
    tokens: real("tokens").notNull(),
    refilledAt: timestamp("refilled_at", { withTimezone: true }).notNull().defaultNow(),
    serving: bigint("serving", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("admission_gate_single_row", sql`${t.id} = 1`)],
);

/**
 * One-time keys of confirmation forms: a double click, a retry after a timeout or a reload
 * finds the first attempt's outcome here instead of booking again.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    key: text("key").primaryKey(),
    scope: text("scope").notNull(),
    outcome: jsonb("outcome"),
    createdAt: createdAt(),
  },
  (t) => [index("idempotency_keys_created").on(t.createdAt)],
);

// ── No dose wasted (issue 8): waitlist, seat offers, same-day leftover doses ─────────────
/**
 * A resident waiting for a seat at a venue (null: any venue) between two dates. Served strictly in
 * id order (arrival): when a seat frees up, the first waiting entry the seat fits is offered it.
 * One live entry per voucher.
 */
export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    voucherId: bigint("voucher_id", { mode: "number" })
      .notNull()
      .references(() => vouchers.id),
    venueId: integer("venue_id").references(() => venues.id),
    dateFrom: date("date_from", { mode: "string" }).notNull(),
    dateTo: date("date_to", { mode: "string" }).notNull(),
    channel: text("channel").notNull(), // web | line | operator
    // How the offer reaches them: line (push to lineUserId) | sms | email | phone (the call center calls).
    contact: text("contact").notNull(),
    lineUserId: text("line_user_id"),
    // waiting | offered | booked | left (withdrew) | lapsed (missed offers, or the dates passed) | closed (booked elsewhere, no longer eligible)
    status: text("status").notNull().default("waiting"),
    missedOffers: integer("missed_offers").notNull().default(0),
    createdByStaffId: integer("created_by_staff_id").references(() => staffAccounts.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("waitlist_one_live_per_voucher").on(t.voucherId).where(sql`status in ('waiting','offered')`),
    index("waitlist_live_order").on(t.status, t.id),
    check("waitlist_dates", sql`${t.dateFrom} <= ${t.dateTo}`),
    check("waitlist_channel", sql`${t.channel} in ('web','line','operator')`),
    check("waitlist_contact", sql`${t.contact} in ('line','sms','email','phone')`),
    check("waitlist_status", sql`${t.status} in ('waiting','offered','booked','left','lapsed','closed')`),
    check("waitlist_line_user", sql`(${t.contact} = 'line') = (${t.lineUserId} is not null)`),
  ],
);

/** A resident's standing opt-in for same-day leftover doses (余剰ワクチン): venues they can reach at short notice. */
export const leftoverOptIns = pgTable(
  "leftover_opt_ins",
  {
    voucherId: bigint("voucher_id", { mode: "number" })
      .primaryKey()
      .references(() => vouchers.id),
    // The venues they can reach (empty: any venue of the municipality).
    venueIds: integer("venue_ids").array().notNull().default(sql`'{}'::integer[]`),
    contact: text("contact").notNull(), // line | sms | email
    lineUserId: text("line_user_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [
    check("leftover_opt_ins_contact", sql`${t.contact} in ('line','sms','email')`),
    check("leftover_opt_ins_line_user", sql`(${t.contact} = 'line') = (${t.lineUserId} is not null)`),
  ],
);

/** Venue staff's "N doses left today at HH:MM": an offer-only slot of N seats, offered to opted-in residents. */
export const leftoverReleases = pgTable(
  "leftover_releases",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    venueId: integer("venue_id")
      .notNull()
      .references(() => venues.id),
    slotId: bigint("slot_id", { mode: "number" })
      .notNull()
      .references(() => slots.id),
    doses: integer("doses").notNull(),
    note: text("note").notNull().default(""),
    declaredByStaffId: integer("declared_by_staff_id").references(() => staffAccounts.id),
    createdAt: createdAt(),
    // Withdrawn by the venue (the doses were used otherwise); seats already accepted stay booked.
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("leftover_releases_slot").on(t.slotId),
    index("leftover_releases_venue").on(t.venueId, t.createdAt),
    check("leftover_releases_doses", sql`${t.doses} between 1 and 100`),
  ],
);

/**
 * An offer of a seat, reached by a link with a secret token (only its SHA-256 is stored).
 * - waitlist: one resident, one seat held (slots.held_count) until `expiresAt`; then the next in line.
 * - leftover: sent to several opted-in residents at once; no seat is held, the first to accept takes it.
 */
export const seatOffers = pgTable(
  "seat_offers",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(), // waitlist | leftover
    slotId: bigint("slot_id", { mode: "number" })
      .notNull()
      .references(() => slots.id),
    voucherId: bigint("voucher_id", { mode: "number" })
      .notNull()
      .references(() => vouchers.id),
    waitlistEntryId: bigint("waitlist_entry_id", { mode: "number" }).references(() => waitlistEntries.id),
    leftoverReleaseId: bigint("leftover_release_id", { mode: "number" }).references(() => leftoverReleases.id),
    tokenHash: text("token_hash").notNull(),
    // open | accepted | declined | expired | withdrawn (the seat went away) | taken (leftover: others were first)
    status: text("status").notNull().default("open"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    contact: text("contact").notNull(), // line | sms | email | phone
    target: text("target"),
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
    notifyError: text("notify_error"),
    reservationId: bigint("reservation_id", { mode: "number" }).references(() => reservations.id),
    createdAt: createdAt(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("seat_offers_token").on(t.tokenHash),
    // Never the same seat twice to one waiting resident, and one open offer per entry.
    uniqueIndex("seat_offers_entry_slot").on(t.waitlistEntryId, t.slotId).where(sql`waitlist_entry_id is not null`),
    uniqueIndex("seat_offers_one_open_per_entry").on(t.waitlistEntryId).where(sql`status = 'open' and waitlist_entry_id is not null`),
    uniqueIndex("seat_offers_release_voucher").on(t.leftoverReleaseId, t.voucherId).where(sql`leftover_release_id is not null`),
    index("seat_offers_open_expiry").on(t.status, t.expiresAt),
    index("seat_offers_voucher").on(t.voucherId, t.createdAt),
    index("seat_offers_unnotified").on(t.id).where(sql`notified_at is null`),
    check("seat_offers_kind", sql`${t.kind} in ('waitlist','leftover')`),
    check("seat_offers_status", sql`${t.status} in ('open','accepted','declined','expired','withdrawn','taken')`),
    check("seat_offers_contact", sql`${t.contact} in ('line','sms','email','phone')`),
    check(
      "seat_offers_source",
      sql`(${t.kind} = 'waitlist' and ${t.waitlistEntryId} is not null and ${t.leftoverReleaseId} is null) or (${t.kind} = 'leftover' and ${t.leftoverReleaseId} is not null and ${t.waitlistEntryId} is null)`,
    ),
  ],
);

// ── CSV imports (issue 9; lib/import/) ────────────────────────────────────────────────────
/**
 * One CSV import (console upload or CLI): its progress while it runs (polled by the console)
 * and its outcome. `staffId` null: the command line.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(), // vouchers | venues | accounts | slots
    status: text("status").notNull().default("running"), // running | succeeded | rejected | failed
    phase: text("phase").notNull().default("reading"), // reading | checking | writing | done
    staffId: integer("staff_id").references(() => staffAccounts.id),
    fileName: text("file_name").notNull().default(""),
    linesRead: integer("lines_read").notNull().default(0),
    bytesRead: bigint("bytes_read", { mode: "number" }).notNull().default(0),
    rowsImported: integer("rows_imported").notNull().default(0),
    badLines: integer("bad_lines").notNull().default(0),
    message: text("message").notNull().default(""),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("import_jobs_staff").on(t.staffId, t.startedAt),
    check("import_jobs_kind", sql`${t.kind} in ('vouchers','venues','accounts','slots')`),
    check("import_jobs_status", sql`${t.status} in ('running','succeeded','rejected','failed')`),
  ],
);

/** Every bad line of an import (line number, column, reason): the downloadable report. */
export const importProblems = pgTable(
  "import_problems",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: bigint("job_id", { mode: "number" })
      .notNull()
      .references(() => importJobs.id),
    line: integer("line").notNull(),
    column: text("column").notNull().default(""),
    reason: text("reason").notNull(),
  },
  (t) => [index("import_problems_job_line").on(t.jobId, t.line, t.id)],
);
