"use client";
import { useActionState } from "react";
import Link from "next/link";
import { useMessages } from "@/lib/i18n/client";
import type { ChangeFormState } from "./actions";

interface Props {
  reservationNumber: string;
  slotId: number;
  action: (prev: ChangeFormState, form: FormData) => Promise<ChangeFormState>;
}

/** The confirmation's one button; a refusal shows above it, the way back to the picker below. */
export function ChangeForm({ reservationNumber, slotId, action }: Props) {
  const { m } = useMessages();
  const t = m.manage;
  const [state, formAction, pending] = useActionState(action, { message: null });
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="number" value={reservationNumber} />
      <input type="hidden" name="slotId" value={slotId} />
      <div aria-live="assertive">
        {state.message && (
          <div role="alert" className="rounded-lg border-2 border-red-600 bg-red-50 p-3 font-bold text-red-800">
            {state.message}
          </div>
        )}
      </div>
      <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
        {pending ? t.changing : t.confirmChange}
      </button>
      {/* After a refusal this is the way on: back to the picker for another slot. */}
      <Link href={`/reservations/${reservationNumber}/change`} className="btn-secondary w-full">
        {t.chooseAgain}
      </Link>
    </form>
  );
}
