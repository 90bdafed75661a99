"use server";
// The resident's waitlist doors (web and LIFF: the LIFF session adds contact 'line'): join in two
// steps (review, then confirm) and leave. The rules are lib/waitlist/join.ts's.
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getResidentDb } from "@/db/client";
import type { OneButtonFormState } from "@/components/resident/one-button-form";
import { isValidIsoDate } from "@/lib/domain/dates";
import { refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { currentLineUser } from "@/lib/line/current-line-user";
import { isDatabaseUnavailable } from "@/lib/rush/unavailable";
import { wantsFieldsBack } from "@/lib/resident/back-to-fields";
import { currentResident } from "@/lib/resident/session";
import { joinWaitlist, leaveWaitlist } from "@/lib/waitlist/join";

export interface WaitlistValues {
  venueId: string;
  dateFrom: string;
  dateTo: string;
  contact: "line" | "sms" | "email" | "";
}

export type WaitlistFormState =
  /** `values`: the choices again, back from the confirmation without JavaScript (「入力に戻る」). */
  | { stage: "input"; message?: string; fieldErrors?: Partial<Record<keyof WaitlistValues, string>>; values?: WaitlistValues }
  | { stage: "confirm"; values: WaitlistValues; message?: string };

const joinForm = z.object({
  venueId: z.union([z.literal(""), z.coerce.number().int().positive()]),
  dateFrom: z.string().max(20),
  dateTo: z.string().max(20),
  contact: z.enum(["line", "sms", "email"]).optional(),
});

async function failure(scope: string, e: unknown): Promise<string> {
  const { m } = await getMessages();
  const requestId = randomUUID().slice(0, 8);
  console.error(`[${scope} ${requestId}]`, e);
  return isDatabaseUnavailable(e) ? refusalText(m, { code: "db_unavailable", reason: "ただいまシステムに接続できません。しばらくしてからもう一度お試しください。" }) : m.manage.error(requestId);
}

export async function joinWaitlistAction(_prev: WaitlistFormState, form: FormData): Promise<WaitlistFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { m } = await getMessages();
  const parsed = joinForm.safeParse({
    venueId: form.get("venueId") ?? "",
    dateFrom: form.get("dateFrom") ?? "",
    dateTo: form.get("dateTo") ?? "",
    contact: form.get("contact") || undefined,
  });
  if (!parsed.success) return { stage: "input", message: m.common.checkInput };
  const { venueId, dateFrom, dateTo, contact } = parsed.data;
  const fieldErrors: Partial<Record<keyof WaitlistValues, string>> = {};
  if (!isValidIsoDate(dateFrom)) fieldErrors.dateFrom = m.common.checkInput;
  if (!isValidIsoDate(dateTo)) fieldErrors.dateTo = m.common.checkInput;
  if (!contact) fieldErrors.contact = m.waitlist.contact;
  if (Object.keys(fieldErrors).length > 0) return { stage: "input", message: m.common.checkInput, fieldErrors };
  const values: WaitlistValues = { venueId: venueId === "" ? "" : String(venueId), dateFrom, dateTo, contact: contact! };
  if (wantsFieldsBack(form)) return { stage: "input", values };
  if (form.get("step") !== "confirm") return { stage: "confirm", values };

  let result: Awaited<ReturnType<typeof joinWaitlist>>;
  try {
    const lineUserId = contact === "line" && session.channel === "line" ? await currentLineUser() : null;
    result = await joinWaitlist(await getResidentDb(), {
      actor: { kind: "resident", voucherId: session.voucherId, channel: session.channel },
      voucherId: session.voucherId,
      venueId: venueId === "" ? null : venueId,
      dateFrom,
      dateTo,
      contact: contact!,
      lineUserId,
    });
  } catch (e) {
    return { stage: "confirm", values, message: await failure("waitlist-join", e) };
  }
  // Pressed twice: the first press joined, so the second lands on My page too.
  if (!result.ok && result.code !== "already_waiting") {
    const details = result.details as { fieldErrors?: Partial<Record<keyof WaitlistValues, string>> } | undefined;
    // invalid_input names each field (its code means something else at the login).
    return { stage: "input", message: result.code === "invalid_input" ? m.common.checkInput : refusalText(m, result), fieldErrors: details?.fieldErrors };
  }
  redirect("/mypage?waitlisted=1");
}

const leaveForm = z.object({ entryId: z.coerce.number().int().positive() });

export async function leaveWaitlistAction(_prev: OneButtonFormState, form: FormData): Promise<OneButtonFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { m } = await getMessages();
  const parsed = leaveForm.safeParse({ entryId: form.get("entryId") });
  if (!parsed.success) return { message: m.common.checkInput };
  try {
    const result = await leaveWaitlist(await getResidentDb(), {
      actor: { kind: "resident", voucherId: session.voucherId, channel: session.channel },
      entryId: parsed.data.entryId,
    });
    // Already over (left in another tab, booked through the offer): My page shows where it stands.
    if (!result.ok && result.code !== "not_live") return { message: refusalText(m, result) };
  } catch (e) {
    return { message: await failure("waitlist-leave", e) };
  }
  redirect("/mypage?waitlistLeft=1");
}
