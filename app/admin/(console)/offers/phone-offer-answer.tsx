"use client";
// One offer's two answers on the phone list. The outcome stays on screen (the reservation number
// is read out to the caller), so the list is not refreshed under the operator's eyes.
import { useActionState } from "react";
import { FormAlert } from "@/components/resident/form-alert";
import { submitKeepingValues } from "@/components/admin/submit-keeping-values";
import type { ActionState } from "@/lib/auth/staff-action";
import { acceptOfferForCallerAction, declineOfferForCallerAction } from "./actions";

export function PhoneOfferAnswer({ offerId, voucherNumber }: { offerId: number; voucherNumber: string }) {
  const [accepted, accept, accepting] = useActionState<ActionState | null, FormData>(acceptOfferForCallerAction, null);
  const [declined, decline, declining] = useActionState<ActionState | null, FormData>(declineOfferForCallerAction, null);
  const done = accepted?.ok ? accepted : declined?.ok ? declined : null;
  if (done) {
    return (
      <p role="status" className="mt-2 rounded-lg border-2 border-green-700 bg-green-50 p-3 font-bold text-green-900">
        {done.message}
      </p>
    );
  }
  const busy = accepting || declining;
  const refused = accepted && !accepted.ok ? accepted.message : declined && !declined.ok ? declined.message : null;
  return (
    <div className="mt-2 space-y-2">
      <div className="flex flex-wrap items-start gap-4">
        <form onSubmit={submitKeepingValues(accept)}>
          <input type="hidden" name="offerId" value={offerId} />
          <button type="submit" className="btn-primary" disabled={busy}>
            {accepting ? "処理中…" : `予約する（接種券番号 ${voucherNumber}）`}
          </button>
        </form>
        <form onSubmit={submitKeepingValues(decline)}>
          <input type="hidden" name="offerId" value={offerId} />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {declining ? "処理中…" : `辞退として処理（接種券番号 ${voucherNumber}）`}
          </button>
        </form>
      </div>
      <FormAlert message={refused} />
    </div>
  );
}
