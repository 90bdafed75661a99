"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId } from "react";
import type { ActionState } from "@/lib/auth/staff-action";
import { addLotAction, removeLotAction } from "./actions";
import { submitKeepingValues } from "@/components/admin/submit-keeping-values";

function useRefreshing(action: (prev: ActionState | null, form: FormData) => Promise<ActionState>) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return [state, formAction, pending] as const;
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm font-bold text-red-700">
      {message}
    </p>
  );
}

export function AddLotForm({ venueId, date, products }: { venueId: number; date: string; products: { code: string; name: string }[] }) {
  const [state, formAction, pending] = useRefreshing(addLotAction);
  const ids = { product: useId(), lot: useId(), expiry: useId(), lotError: useId(), expiryError: useId() };
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={submitKeepingValues(formAction)} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="venueId" value={venueId} />
      <input type="hidden" name="date" value={date} />
      <div>
        <label htmlFor={ids.product} className="block font-bold">
          ワクチン
        </label>
        <select id={ids.product} name="productCode" className="field-input" defaultValue={products[0]?.code}>
          {products.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={ids.lot} className="block font-bold">
          ロット番号
        </label>
        <input id={ids.lot} name="lotNumber" required maxLength={20} autoComplete="off" className="field-input w-44 uppercase" aria-invalid={errors.lotNumber ? true : undefined} aria-describedby={errors.lotNumber ? ids.lotError : undefined} />
        <FieldError id={ids.lotError} message={errors.lotNumber} />
      </div>
      <div>
        <label htmlFor={ids.expiry} className="block font-bold">
          有効期限（任意）
        </label>
        <input id={ids.expiry} name="expiresOn" type="date" className="field-input" aria-invalid={errors.expiresOn ? true : undefined} aria-describedby={errors.expiresOn ? ids.expiryError : undefined} />
        <FieldError id={ids.expiryError} message={errors.expiresOn} />
      </div>
      <button type="submit" disabled={pending} className="btn-primary">
        ロットを登録
      </button>
      <div aria-live="polite" className="w-full">
        {state && <p className={state.ok ? "font-bold text-green-800" : "font-bold text-red-700"}>{state.message}</p>}
      </div>
    </form>
  );
}

export function RemoveLotButton({ lotId, lotNumber }: { lotId: number; lotNumber: string }) {
  const [state, formAction, pending] = useRefreshing(removeLotAction);
  return (
    <form onSubmit={submitKeepingValues(formAction)}>
      <input type="hidden" name="lotId" value={lotId} />
      <button type="submit" disabled={pending} className="btn-secondary" aria-label={`ロット ${lotNumber} を外す`}>
        外す
      </button>
      <span aria-live="polite">{state && !state.ok && <span className="font-bold text-red-700">{state.message}</span>}</span>
    </form>
  );
}
