"use client";
// One reservation's buttons at reception. Each posts to its server action and refreshes the list.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId } from "react";
import type { ActionState } from "@/lib/auth/staff-action";
import { checkInAction, noShowAction, recordDoseAction, screenedOnlyAction } from "./actions";

type Action = (prev: ActionState | null, form: FormData) => Promise<ActionState>;

function useRefreshingAction(action: Action) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return [state, formAction, pending] as const;
}

function Message({ state }: { state: ActionState | null }) {
  if (!state) return null;
  return <p className={state.ok ? "font-bold text-green-800" : "font-bold text-red-700"}>{state.message}</p>;
}

function SimpleButton({ reservationId, action, label, tone }: { reservationId: number; action: Action; label: string; tone: "primary" | "secondary" }) {
  const [state, formAction, pending] = useRefreshingAction(action);
  return (
    <form action={formAction}>
      <input type="hidden" name="reservationId" value={reservationId} />
      <button type="submit" disabled={pending} className={tone === "primary" ? "btn-primary" : "btn-secondary"}>
        {label}
      </button>
      <div aria-live="polite">
        <Message state={state} />
      </div>
    </form>
  );
}

function DoseForm({ reservationId }: { reservationId: number }) {
  const [state, formAction, pending] = useRefreshingAction(recordDoseAction);
  const lotId = useId();
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="reservationId" value={reservationId} />
      <div>
        <label htmlFor={lotId} className="block text-sm font-bold">
          ロット番号
        </label>
        <input id={lotId} name="lotNumber" required maxLength={20} autoComplete="off" className="field-input w-40 uppercase" />
      </div>
      <button type="submit" disabled={pending} className="btn-primary">
        接種済みにする
      </button>
      <div aria-live="polite" className="w-full">
        <Message state={state} />
      </div>
    </form>
  );
}

export function ReceptionActions({ reservationId, status }: { reservationId: number; status: string }) {
  if (status !== "booked" && status !== "checked_in") return null;
  return (
    <div className="flex flex-wrap items-start gap-2">
      {status === "booked" && <SimpleButton reservationId={reservationId} action={checkInAction} label="受付" tone="primary" />}
      {status === "checked_in" && <DoseForm reservationId={reservationId} />}
      <SimpleButton reservationId={reservationId} action={screenedOnlyAction} label="予診のみ" tone="secondary" />
      <SimpleButton reservationId={reservationId} action={noShowAction} label="来場なし" tone="secondary" />
    </div>
  );
}
