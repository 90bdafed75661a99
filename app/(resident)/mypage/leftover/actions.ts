"use server";
// 余剰ワクチンの当日のご案内: opt in / change / withdraw, one service call each (lib/leftover/opt-in.ts).
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { getResidentDb } from "@/db/client";
import { getMessages } from "@/lib/i18n/server";
import type { Messages } from "@/lib/i18n";
import { saveOptIn, withdrawOptIn } from "@/lib/leftover/opt-in";
import { currentLineUser } from "@/lib/line/current-line-user";
import { currentResident } from "@/lib/resident/session";

export interface OptInFormState {
  message: string | null;
  fieldErrors?: { venueIds?: string; contact?: string };
}

function refusalText(m: Messages, locale: string, refused: { code: string; reason: string; params?: Record<string, string | number> }): string {
  if (locale === "ja") return refused.reason;
  return m.leftover.refusals[refused.code]?.(refused.params ?? {}) ?? m.leftover.refusals.invalid!({});
}

export async function saveOptInAction(_prev: OptInFormState, form: FormData): Promise<OptInFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { locale, m } = await getMessages();
  const scope = form.get("scope");
  const venueIds = scope === "chosen" ? form.getAll("venueIds").map(String) : [];
  const contact = String(form.get("contact") ?? "");
  const fieldErrors: OptInFormState["fieldErrors"] = {};
  if (scope === "chosen" && venueIds.length === 0) fieldErrors.venueIds = m.leftover.chooseVenue;
  if (!contact) fieldErrors.contact = m.leftover.chooseContact;
  if (fieldErrors.venueIds || fieldErrors.contact) return { message: m.leftover.refusals.invalid!({}), fieldErrors };
  let result: Awaited<ReturnType<typeof saveOptIn>>;
  try {
    result = await saveOptIn(await getResidentDb(), { kind: "resident", voucherId: session.voucherId, channel: session.channel }, {
      venueIds,
      contact,
      lineUserId: session.channel === "line" ? await currentLineUser() : null,
    });
  } catch (e) {
    const requestId = randomUUID().slice(0, 8);
    console.error(`[leftover-opt-in ${requestId}]`, e);
    return { message: m.leftover.error(requestId) };
  }
  if (result.ok) redirect("/mypage/leftover?saved=1");
  const details = (result.details ?? {}) as OptInFormState["fieldErrors"];
  const text = refusalText(m, locale, result);
  return { message: text, fieldErrors: details?.contact ? { contact: text } : details?.venueIds ? { venueIds: text } : undefined };
}

export async function withdrawOptInAction(): Promise<OptInFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { locale, m } = await getMessages();
  let result: Awaited<ReturnType<typeof withdrawOptIn>>;
  try {
    result = await withdrawOptIn(await getResidentDb(), { kind: "resident", voucherId: session.voucherId, channel: session.channel });
  } catch (e) {
    const requestId = randomUUID().slice(0, 8);
    console.error(`[leftover-opt-out ${requestId}]`, e);
    return { message: m.leftover.error(requestId) };
  }
  if (result.ok) redirect("/mypage/leftover?withdrawn=1");
  return { message: refusalText(m, locale, result) };
}
