"use server";
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getResidentDb } from "@/db/client";
import { bookGroup, type MemberOutcome } from "@/lib/booking/book";
import { loadSettings } from "@/lib/booking/context";
import { refusalText, type Messages } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { findSameGroup, parseFamilyForm, refusedByRow, verifyFamilyMembers, voucherNumberOf, type FamilyMember } from "@/lib/resident/group-booking";
import { clientAddress, currentResident } from "@/lib/resident/session";

export type FamilyFormState =
  | {
      stage: "input";
      message?: string;
      /** By field name (`member0.voucherNumber`, …). */
      fieldErrors?: Record<string, string>;
      /** Why a person cannot be booked: "self" or the family row index. */
      memberReasons?: Record<string, string>;
    }
  | { stage: "confirm"; members: FamilyMember[] };

const slotIdField = z.coerce.number().int().positive();

/** The family rows, checked against the group size and the resident's own number. */
async function readMembers(form: FormData, voucherId: number, m: Messages) {
  const db = await getResidentDb();
  const [settings, ownVoucherNumber] = await Promise.all([loadSettings(db), voucherNumberOf(db, voucherId)]);
  if (!ownVoucherNumber) redirect("/login");
  const parsed = parseFamilyForm(form, { maxMembers: settings.maxGroupSize - 1, ownVoucherNumber }, m.group);
  return { db, settings, ownVoucherNumber, parsed };
}

/**
 * A member's reason from bookGroup, in the resident's language (the domain's text in Japanese).
 * MemberOutcome has no refusal code yet, so other languages can only say that this person cannot be booked.
 */
function memberReason(m: Messages, outcome: MemberOutcome & { code?: string; params?: Record<string, string | number> }): string {
  if (!outcome.code && !m.refusals.useDomainText) return m.group.memberUnknownReason;
  return m.group.memberCannotBook(refusalText(m, { code: outcome.code ?? "", reason: outcome.reason ?? "", params: outcome.params }));
}

/** Step 1 → 2: check the rows and show everyone and the slot for confirmation. */
async function reviewFamilyAction(form: FormData): Promise<FamilyFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { m } = await getMessages();
  const { parsed } = await readMembers(form, session.voucherId, m);
  if (!parsed.ok) return { stage: "input", message: parsed.message ?? m.common.checkInput, fieldErrors: parsed.fieldErrors };
  return { stage: "confirm", members: parsed.members };
}

/**
 * Step 2 → done: every family member passes the login check (wrong birth dates count as failed
 * logins), then bookGroup books everyone or no one. A repeat of a booking that went through counts as done.
 */
async function confirmFamilyAction(form: FormData): Promise<FamilyFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { m } = await getMessages();
  const slotId = slotIdField.safeParse(form.get("slotId"));
  if (!slotId.success) return { stage: "input", message: m.group.badSlot };
  const { db, settings, ownVoucherNumber, parsed } = await readMembers(form, session.voucherId, m);
  if (!parsed.ok) return { stage: "input", message: parsed.message ?? m.common.checkInput, fieldErrors: parsed.fieldErrors };
  const { members } = parsed;

  let done: string;
  try {
    const checks = await verifyFamilyMembers(db, members, { clientKey: await clientAddress(), channel: session.channel });
    const memberReasons: Record<string, string> = {};
    checks.forEach((check, index) => {
      if (!check.ok) memberReasons[String(index)] = m.group.memberCannotBook(refusalText(m, check));
    });
    if (Object.keys(memberReasons).length > 0) return { stage: "input", message: m.group.notBooked, memberReasons };

    const result = await bookGroup(db, {
      members: [{ voucherId: session.voucherId }, ...members],
      slotId: slotId.data,
      actor: { kind: "resident", voucherId: session.voucherId, channel: session.channel },
      channel: session.channel,
    });
    if (result.ok) {
      const own = result.reservations.find((r) => r.voucherId === session.voucherId);
      if (!own) throw new Error("bookGroup booked the group without the resident");
      done = own.reservationNumber;
    } else {
      const repeated = await findSameGroup(db, session.voucherId, slotId.data, [ownVoucherNumber, ...members.map((x) => x.voucherNumber)]);
      if (!repeated) {
        if (result.code !== "member_refused" || !Array.isArray(result.details)) return { stage: "input", message: refusalText(m, result) };
        for (const [row, outcome] of refusedByRow(result.details as MemberOutcome[], ownVoucherNumber, members)) {
          memberReasons[row] = memberReason(m, outcome);
        }
        return { stage: "input", message: refusalText(m, result), memberReasons };
      }
      done = repeated;
    }
  } catch (e) {
    const id = randomUUID().slice(0, 8);
    console.error(`[book-family ${id}]`, e);
    return { stage: "input", message: m.group.unexpected(settings.callCenterPhone, id) };
  }
  redirect(`/reservations/${done}?done=1`);
}

/** The form's one action: the hidden `step` field says which step was submitted. */
export async function familyBookingFormAction(_prev: FamilyFormState, form: FormData): Promise<FamilyFormState> {
  return form.get("step") === "confirm" ? confirmFamilyAction(form) : reviewFamilyAction(form);
}
