"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formValues, refusedState } from "@/lib/admin/action-state";
import { staffAction, type ActionState } from "@/lib/auth/staff-action";
import { setVenueOverbooking } from "@/lib/venues/overbooking";
import { createVenue, updateVenue } from "@/lib/venues/venues";

export async function createVenueAction(_prev: ActionState | null, form: FormData): Promise<ActionState<{ venueId: number }>> {
  const state = await staffAction<{ venueId: number }>("venues.edit", async (staff) => {
    const result = await createVenue(await getDb(), staff, formValues(form));
    if (!result.ok) return refusedState(result);
    return { ok: true, message: `会場「${result.venue.name}」を登録しました。`, venueId: result.venue.id };
  });
  if (state.ok) redirect(`/admin/venues/${state.venueId}?saved=created`);
  return state;
}

const venueId = z.coerce.number().int().positive();

export async function updateVenueAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("venues.edit", async (staff) => {
    const id = venueId.safeParse(form.get("venueId"));
    if (!id.success) return { ok: false, message: "会場が見つかりません。" };
    const result = await updateVenue(await getDb(), staff, id.data, formValues(form));
    if (!result.ok) return refusedState(result);
    return { ok: true, message: `会場「${result.venue.name}」を保存しました。` };
  });
}

export async function setOverbookingAction(_prev: ActionState | null, form: FormData): Promise<ActionState> {
  return staffAction("venues.edit", async (staff) => {
    const id = venueId.safeParse(form.get("venueId"));
    if (!id.success) return { ok: false, message: "会場が見つかりません。" };
    const result = await setVenueOverbooking(await getDb(), staff, id.data, formValues(form));
    if (!result.ok) return refusedState(result);
    if (!result.changed) return { ok: true, message: "変更はありませんでした。" };
    const pct = result.venue.overbookPercent;
    return {
      ok: true,
      message:
        pct === 0
          ? `オーバーブッキングをオフにしました。今日以降の予約枠（${result.slotsFromToday}枠）は定員までの受付に戻ります（すでに定員を超えている予約はそのままです）。`
          : `オーバーブッキングを${pct}％にしました。今日以降の予約枠（${result.slotsFromToday}枠）に反映しました。`,
    };
  });
}
