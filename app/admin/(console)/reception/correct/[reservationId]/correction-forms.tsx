"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId } from "react";
import type { ActionState } from "@/lib/auth/staff-action";
import { correctDoseAction, revertStatusAction } from "./actions";
import { submitKeepingValues } from "@/components/admin/submit-keeping-values";

function useRefreshing(action: (prev: ActionState | null, form: FormData) => Promise<ActionState>) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return [state, formAction, pending] as const;
}

function Field(props: { label: string; name: string; error?: string; children: (ids: { id: string; describedBy?: string; invalid?: true }) => React.ReactNode }) {
  const id = useId();
  const errorId = useId();
  return (
    <div>
      <label htmlFor={id} className="block font-bold">
        {props.label}
      </label>
      {props.children({ id, describedBy: props.error ? errorId : undefined, invalid: props.error ? true : undefined })}
      {props.error && (
        <p id={errorId} className="mt-1 text-sm font-bold text-red-700">
          {props.error}
        </p>
      )}
    </div>
  );
}

function Result({ state }: { state: ActionState | null }) {
  return (
    <div aria-live="polite" className="w-full">
      {state && (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? "font-bold text-green-800" : "font-bold text-red-700"}>
          {state.message}
        </p>
      )}
    </div>
  );
}

export function CorrectDoseForm(props: { doseRecordId: number; productCode: string; lotNumber: string; administeredOn: string; today: string; products: { code: string; name: string }[] }) {
  const [state, formAction, pending] = useRefreshing(correctDoseAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={submitKeepingValues(formAction)} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="doseRecordId" value={props.doseRecordId} />
      <Field label="ワクチン" name="productCode">
        {({ id }) => (
          <select id={id} name="productCode" defaultValue={props.productCode} className="field-input">
            {props.products.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="ロット番号" name="lotNumber" error={errors.lotNumber}>
        {({ id, describedBy, invalid }) => (
          <input id={id} name="lotNumber" defaultValue={props.lotNumber} maxLength={20} autoComplete="off" className="field-input w-44 uppercase" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field label="接種日" name="administeredOn" error={errors.administeredOn}>
        {({ id, describedBy, invalid }) => (
          <input id={id} name="administeredOn" type="date" max={props.today} defaultValue={props.administeredOn} className="field-input" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <div className="w-full">
        <Field label="訂正の理由（必須）" name="reason" error={errors.reason}>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} name="reason" required maxLength={500} rows={2} className="field-input w-full" aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
      </div>
      <button type="submit" disabled={pending} className="btn-primary">
        訂正する
      </button>
      <Result state={state} />
    </form>
  );
}

export function RevertForm({ reservationId, label }: { reservationId: number; label: string }) {
  const [state, formAction, pending] = useRefreshing(revertStatusAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={submitKeepingValues(formAction)} className="space-y-2">
      <input type="hidden" name="reservationId" value={reservationId} />
      <Field label="取り消す理由（必須）" name="reason" error={errors.reason}>
        {({ id, describedBy, invalid }) => (
          <textarea id={id} name="reason" required maxLength={500} rows={2} className="field-input w-full" aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <button type="submit" disabled={pending} className="btn-primary">
        {label}
      </button>
      <Result state={state} />
    </form>
  );
}
