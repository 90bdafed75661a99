"use server";
// 余剰ワクチン (venue tablet): thin doors to lib/leftover. The services check the venue scope.
import { z } from "zod";
import { getDb } from "@/db/client";
import { staffAction, type ActionState } from "@/lib/auth/staff-action";
import type { Refused } from "@/lib/booking/result";
import { declareLeftover } from "@/lib/leftover/declare";
import { closeRelease } from "@/lib/leftover/releases";

function refused(result: Refused & { details?: unknown }): ActionState {
  const fieldErrors = result.details && typeof result.details === "object" ? (result.details as Record<string, string>) : undefined;
  return { ok: false, code: result.code, message: result.reason, fieldErrors };
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

export async function declareLeftoverAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("leftover.declare", async (staff) => {
    const result = await declareLeftover(await getDb(), staff, {
      venueId: text(form, "venueId"),
      productCode: text(form, "productCode"),
      startTime: text(form, "startTime"),
      doses: text(form, "doses"),
      note: text(form, "note"),
    });
    if (!result.ok) return refused(result);
    const when = `本日 ${result.slot.startTime.slice(0, 5)} に ${result.release.doses}回分の余剰を登録しました。`;
    if (result.offered === 0) {
      return { ok: true, message: `${when}ご案内できる方（申し込み済みで、今日接種を受けられる方）がいませんでした。` };
    }
    if (!result.notified) {
      return { ok: true, message: `${when}${result.offered}人へのご案内を作成しましたが、送信できませんでした。しばらくしてから画面を確認してください。` };
    }
    const failed = result.notified.failed > 0 ? `（送信できなかった方 ${result.notified.failed}人）` : "";
    return { ok: true, message: `${when}${result.offered}人にご案内を送りました${failed}。先着順で予約が入ります。` };
  });
}

const releaseId = z.coerce.number().int().positive();

export async function closeReleaseAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("leftover.declare", async (staff) => {
    const id = releaseId.safeParse(form.get("releaseId"));
    if (!id.success) return { ok: false, message: "終了する余剰ワクチンの登録を選んでください。" };
    const result = await closeRelease(await getDb(), staff, id.data);
    if (!result.ok) return refused(result);
    return { ok: true, message: `ご案内を終了しました（回答待ちだった${result.withdrawn}人のご案内を取り消しました）。予約済みの方はそのままです。` };
  });
}
