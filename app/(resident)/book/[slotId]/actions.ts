"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentResident } from "@/lib/resident/session";
import { bookingFormStep, type BookingFormState } from "./booking-step";

/**
 * The booking form's action: the hidden `step` says whether the fields are being reviewed or the
 * booking confirmed (./booking-step.ts). The form's script posts to ./submit instead and uses
 * this only when that does not answer in JSON. Booked, a call from React (the Next-Action header)
 * gets the address and the browser navigates itself: Next's redirect() would render the
 * reservation page into this answer through a second HTTP request to this same server
 * (docs/rush.md). A form posted without JavaScript gets the redirect (303).
 */
export async function bookingFormAction(_prev: BookingFormState, form: FormData): Promise<BookingFormState> {
  const session = await currentResident();
  if (!session) redirect("/login");
  const state = await bookingFormStep(session, form);
  if (state.stage === "done" && !(await headers()).has("next-action")) redirect(state.href);
  return state;
}
