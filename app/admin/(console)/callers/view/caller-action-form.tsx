"use client";
// One operator action on the caller page (book, set, change, cancel; the waitlist's leave and an
// offer's accept/decline, also on the open-offers list): posts its server action,
// announces the result and refreshes the page. Past the deadline it asks for the reason.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId } from "react";
import type { ActionState } from "@/lib/auth/staff-action";
import { FormAlert } from "@/components/resident/form-alert";
import { bookForCallerAction, bookSetForCallerAction, cancelForCallerAction, changeForCallerAction, leaveWaitlistForCallerAction } from "../actions";
import { acceptOfferForCallerAction, declineOfferForCallerAction } from "../../offers/actions";
import { submitKeepingValues } from "@/components/admin/submit-keeping-values";

const ACTIONS = {
  book: bookForCallerAction,
  set: bookSetForCallerAction,
  change: changeForCallerAction,
  cancel: cancelForCallerAction,
  leaveWaitlist: leaveWaitlistForCallerAction,
  acceptOffer: acceptOfferForCallerAction,
  declineOffer: declineOfferForCallerAction,
};

export function CallerActionForm({
  kind,
  fields,
  label,
  tone = "primary",
  askReason = false,
  doneHref,
}: {
  kind: keyof typeof ACTIONS;
  fields: Record<string, string | number>;
  label: string;
  tone?: "primary" | "secondary";
  /** Past the change/cancel deadline: the operator must say why (audit-logged). */
  askReason?: boolean;
  /** Where to go after success (e.g. back to the caller page without the picker). */
  doneHref?: string;
}) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<ActionState | null, FormData>(ACTIONS[kind], null);
  const reasonId = useId();
  useEffect(() => {
    if (!state?.ok) return;
    if (doneHref) router.push(doneHref);
    router.refresh();
  }, [state, router, doneHref]);
  return (
    <form onSubmit={submitKeepingValues(formAction)} className="space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {askReason && (
        <div>
          <label htmlFor={reasonId} className="block text-sm font-bold">
            期限後に{kind === "cancel" ? "キャンセル" : "変更"}する理由（必須・記録されます）
          </label>
          <input id={reasonId} name="overrideReason" required maxLength={200} className="field-input" />
        </div>
      )}
      <button type="submit" disabled={pending} className={tone === "primary" ? "btn-primary" : "btn-secondary"}>
        {label}
      </button>
      <FormAlert message={state && !state.ok ? state.message : null} />
      <div aria-live="polite">{state?.ok && <p className="font-bold text-green-800">{state.message}</p>}</div>
    </form>
  );
}
