"use client";
import { useActionState } from "react";
import Link from "next/link";
import { useMessages } from "@/lib/i18n/client";
import type { CancelFormState } from "./actions";

interface Props {
  reservationNumber: string;
  action: (prev: CancelFormState, form: FormData) => Promise<CancelFormState>;
}

/** The cancellation's one button, and 「キャンセルしない」 back to the reservation. */
export function CancelForm({ reservationNumber, action }: Props) {
  const { m } = useMessages();
  const t = m.manage;
  const [state, formAction, pending] = useActionState(action, { message: null });
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="number" value={reservationNumber} />
      <div aria-live="assertive">
        {state.message && (
          <div role="alert" className="rounded-lg border-2 border-red-600 bg-red-50 p-3 font-bold text-red-800">
            {state.message}
          </div>
        )}
      </div>
      <button type="submit" className="inline-flex min-h-12 w-full items-center justify-center rounded-lg bg-red-700 px-6 py-3 text-lg font-bold text-white hover:bg-red-800 disabled:opacity-60" disabled={pending}>
        {pending ? t.cancelling : t.confirmCancel}
      </button>
      <Link href={`/reservations/${reservationNumber}`} className="btn-secondary w-full">
        {t.keep}
      </Link>
    </form>
  );
}
