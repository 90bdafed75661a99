"use server";
// The offer page's two answers. The token in the link is the credential (no login): accepting
// books by the same rules as any booking, once (a second press shows the same reservation).
import { randomUUID } from "node:crypto";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getResidentDb } from "@/db/client";
import { refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { acceptOffer, declineOffer } from "@/lib/offers/accept";
import { isWellFormedOfferToken } from "@/lib/offers/token";

export interface OfferAnswerState {
  message: string | null;
}

const answerForm = z.object({ token: z.string().refine(isWellFormedOfferToken) });

async function run(form: FormData, answer: "accept" | "decline"): Promise<OfferAnswerState> {
  const { m } = await getMessages();
  const parsed = answerForm.safeParse({ token: form.get("token") });
  if (!parsed.success) return { message: m.waitlist.notFound };
  const token = parsed.data.token;
  let result;
  try {
    const db = await getResidentDb();
    result = answer === "accept" ? await acceptOffer(db, { token }) : await declineOffer(db, { token });
  } catch (e) {
    const requestId = randomUUID().slice(0, 8);
    console.error(`[offer-${answer} ${requestId}]`, e);
    return { message: m.manage.error(requestId) };
  }
  // The page itself then says how the offer stands (booked with its number, declined, …).
  if (result.ok || ["offer_expired", "offer_closed", "offer_taken"].includes(result.code)) redirect(`/offers/${token}`);
  return { message: refusalText(m, result) };
}

export async function acceptOfferAction(_prev: OfferAnswerState, form: FormData): Promise<OfferAnswerState> {
  return run(form, "accept");
}

export async function declineOfferAction(_prev: OfferAnswerState, form: FormData): Promise<OfferAnswerState> {
  return run(form, "decline");
}
