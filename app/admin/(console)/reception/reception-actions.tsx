"use client";
// One reservation's buttons at reception. Each posts to its server action and refreshes the list.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import type { ActionState } from "@/lib/auth/staff-action";
import { checkInAction, noShowAction, recordDoseAction, screenedOnlyAction } from "./actions";
import { submitKeepingValues } from "@/components/admin/submit-keeping-values";

type Action = (prev: ActionState | null, form: FormData) => Promise<ActionState>;

/** A preset lot of the day (lib/venue/lots.ts), offered for reservations of its vaccine. */
export interface LotChoice {
  id: number;
  productCode: string;
  lotNumber: string;
  expiresOn: string | null;
}

function useRefreshingAction(action: Action, onDone?: (message: string) => void) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, null);
  useEffect(() => {
    if (state?.ok) {
      router.refresh();
      onDone?.(state.message);
    }
    // onDone is left out on purpose: a new closure each render must not repeat the call.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, router]);
  return [state, formAction, pending] as const;
}

/** A refusal, next to its form. Success is said once, by ReceptionActions (the form goes away with the new status). */
function Message({ state }: { state: ActionState | null }) {
  if (!state || state.ok) return null;
  return <p className="font-bold text-red-700">{state.message}</p>;
}

function SimpleButton({ reservationId, action, label, tone, onDone }: { reservationId: number; action: Action; label: string; tone: "primary" | "secondary"; onDone?: (message: string) => void }) {
  const [state, formAction, pending] = useRefreshingAction(action, onDone);
  return (
    <form onSubmit={submitKeepingValues(formAction)}>
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

/** The tablet remembers the last 接種医師名 entered today (this browser only), to preset the next dose. */
function doctorKey(): string {
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date());
  return `reception.doctorName.${today}`;
}

function rememberedDoctor(): string {
  try {
    return window.localStorage.getItem(doctorKey()) ?? "";
  } catch {
    return "";
  }
}

function DoseForm({ reservationId, lots, onDone }: { reservationId: number; lots: readonly LotChoice[]; onDone?: (message: string) => void }) {
  const [state, formAction, pending] = useRefreshingAction(recordDoseAction, onDone);
  const lotId = useId();
  const doctorId = useId();
  const doctorErrorId = useId();
  const doctorRef = useRef<HTMLInputElement>(null);
  // Preset after mounting: the server render knows nothing of this tablet's storage.
  useEffect(() => {
    if (doctorRef.current && doctorRef.current.value === "") doctorRef.current.value = rememberedDoctor();
  }, []);
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const submit = submitKeepingValues(formAction);
  return (
    <form
      onSubmit={(event) => {
        try {
          window.localStorage.setItem(doctorKey(), (doctorRef.current?.value ?? "").trim());
        } catch {
          // Private mode or storage full: the name is just not remembered.
        }
        submit(event);
      }}
      className="flex flex-wrap items-end gap-2"
    >
      <input type="hidden" name="reservationId" value={reservationId} />
      <div className="w-full">
        <label htmlFor={doctorId} className="block text-sm font-bold">
          接種医師名（任意・20文字以内）
        </label>
        <input
          id={doctorId}
          name="doctorName"
          ref={doctorRef}
          maxLength={20}
          autoComplete="off"
          aria-invalid={fieldErrors.doctorName ? true : undefined}
          aria-describedby={fieldErrors.doctorName ? doctorErrorId : undefined}
          className="field-input w-64"
        />
        {fieldErrors.doctorName && (
          <p id={doctorErrorId} className="mt-1 text-sm font-bold text-red-700">
            {fieldErrors.doctorName}
          </p>
        )}
      </div>
      {lots.length > 0 && (
        <fieldset className="w-full">
          <legend className="text-sm font-bold">本日のロットを選んで記録</legend>
          <div className="flex flex-wrap gap-2">
            {lots.map((lot) => (
              <button key={lot.id} type="submit" name="lotId" value={lot.id} disabled={pending} className="btn-primary">
                {lot.lotNumber} で接種済み
              </button>
            ))}
          </div>
        </fieldset>
      )}
      <div>
        <label htmlFor={lotId} className="block text-sm font-bold">
          ロット番号
        </label>
        <input id={lotId} name="lotNumber" required={lots.length === 0} maxLength={20} autoComplete="off" className="field-input w-40 uppercase" />
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

export function ReceptionActions({
  reservationId,
  status,
  productCode,
  lots = [],
  noShowAllowed = false,
  onDone,
}: {
  reservationId: number;
  status: string;
  /** The slot has ended (lib/domain/no-show.ts): only then is 来場なし offered. The server checks again. */
  noShowAllowed?: boolean;
  /** The reservation's vaccine: only its lots are offered. */
  productCode?: string;
  lots?: readonly LotChoice[];
  /** Called with the result message after a successful action (the scan panel clears itself). */
  onDone?: (message: string) => void;
}) {
  // The step's message outlives its form: a form whose step is done goes away with the new status.
  const [doneMessage, setDoneMessage] = useState<string | null>(null);
  const finish = (message: string) => {
    setDoneMessage(message);
    onDone?.(message);
  };
  const done = doneMessage && (
    <p role="status" className="w-full font-bold text-green-800">
      {doneMessage}
    </p>
  );
  if (status !== "booked" && status !== "checked_in") return done || null;
  const ownLots = lots.filter((lot) => lot.productCode === productCode);
  return (
    <div className="flex flex-wrap items-start gap-2">
      {done}
      {status === "booked" && <SimpleButton reservationId={reservationId} action={checkInAction} label="受付" tone="primary" onDone={finish} />}
      {status === "checked_in" && <DoseForm reservationId={reservationId} lots={ownLots} onDone={finish} />}
      <SimpleButton reservationId={reservationId} action={screenedOnlyAction} label="予診のみ" tone="secondary" onDone={finish} />
      {noShowAllowed && <SimpleButton reservationId={reservationId} action={noShowAction} label="来場なし" tone="secondary" onDone={finish} />}
    </div>
  );
}
