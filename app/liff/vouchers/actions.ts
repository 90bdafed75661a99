"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getResidentDb } from "@/db/client";
import { currentLineUser } from "@/lib/line/current-line-user";
import { liffDestination, liffEntryPath, parseLiffDestination } from "@/lib/line/liff-destination";
import { loginWithLink, unlinkVoucher } from "@/lib/line/links";
import { currentResident, endResidentSession, startResidentSession } from "@/lib/resident/session";

const VoucherChoice = z.object({ voucherId: z.coerce.number().int().positive(), to: z.string().optional() });

function parse(form: FormData) {
  return VoucherChoice.safeParse({ voucherId: form.get("voucherId"), to: form.get("to") ?? undefined });
}

/** Opens the resident flow for one of the LINE user's linked vouchers (no voucher login: the link is the proof). */
export async function switchVoucherAction(form: FormData): Promise<void> {
  const parsed = parse(form);
  const to = parseLiffDestination(parsed.data?.to);
  const lineUserId = await currentLineUser();
  if (!lineUserId) redirect(liffEntryPath(to));
  if (!parsed.success || !(await loginWithLink(await getResidentDb(), lineUserId, parsed.data.voucherId))) {
    redirect(`/liff/vouchers?to=${to}&error=not_linked`);
  }
  await startResidentSession({ voucherId: parsed.data.voucherId, channel: "line" });
  redirect(liffDestination(to));
}

export async function unlinkVoucherAction(form: FormData): Promise<void> {
  const parsed = parse(form);
  const to = parseLiffDestination(parsed.data?.to);
  const lineUserId = await currentLineUser();
  if (!lineUserId) redirect(liffEntryPath(to));
  if (!parsed.success || !(await unlinkVoucher(await getResidentDb(), lineUserId, parsed.data.voucherId))) {
    redirect(`/liff/vouchers?to=${to}&error=not_linked`);
  }
  // The voucher just unlinked must not stay open in this LINE session.
  if ((await currentResident())?.voucherId === parsed.data.voucherId) await endResidentSession();
  redirect(`/liff/vouchers?to=${to}&unlinked=1`);
}
