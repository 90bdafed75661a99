"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formValues, refusedState } from "@/lib/admin/action-state";
import { staffAction, type ActionState } from "@/lib/auth/staff-action";
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
