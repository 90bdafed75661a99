"use client";
// 有効接種券の個別登録. 「登録して予約へ」 goes straight to the caller page of the new voucher
// (住所地外 vouchers are registered and booked in one flow).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { LabelledInput } from "@/components/admin/labelled-input";
import { submitKeepingValues } from "@/components/admin/submit-keeping-values";
import { FormAlert } from "@/components/resident/form-alert";
import { registerVoucherAction, type RegisterState } from "./actions";

export function RegisterVoucherForm({ municipalityCode, municipalityName }: { municipalityCode: string; municipalityName: string }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<RegisterState | null, FormData>(registerVoucherAction, null);
  useEffect(() => {
    if (state?.ok && state.next === "book") router.push(`/admin/callers/view?key=${encodeURIComponent(state.callerKey)}`);
  }, [state, router]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form className="space-y-4 rounded-lg bg-white p-4 shadow-sm" noValidate onSubmit={submitKeepingValues(formAction)}>
      <div className="grid gap-4 sm:grid-cols-2">
        <LabelledInput name="voucherNumber" label="接種券番号（10桁）" required requiredMark inputMode="numeric" error={errors.voucherNumber} />
        <LabelledInput name="birthDate" label="生年月日" required requiredMark placeholder="例: 1950-04-01 または 19500401" error={errors.birthDate} />
        <LabelledInput
          name="municipalityCode"
          label="発行自治体コード（6桁）"
          inputMode="numeric"
          placeholder={municipalityCode}
          hint={`空欄のときは${municipalityName}（${municipalityCode}）。別の自治体のコードを入れると住所地外の接種券になります（末尾の検査数字で確かめます）。`}
          error={errors.municipalityCode}
        />
      </div>
      <fieldset className="rounded-lg border-2 border-[var(--color-line)] p-3">
        <legend className="px-1 font-bold">これまでの接種歴（他の自治体などで接種済みの場合・任意）</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <LabelledInput name="priorDoseCount" label="接種済回数" inputMode="numeric" placeholder="0" error={errors.priorDoseCount} />
          <LabelledInput name="priorLastDoseDate" label="前回接種日" placeholder="例: 2026-09-01" error={errors.priorLastDoseDate} />
          <LabelledInput name="priorLastProduct" label="前回ワクチン" placeholder="例: ファイザー" error={errors.priorLastProduct} />
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="next" value="book" disabled={pending} className="btn-primary">
          登録して予約へ進む
        </button>
        <button type="submit" name="next" value="stay" disabled={pending} className="btn-secondary">
          登録のみ
        </button>
      </div>
      <FormAlert message={state && !state.ok ? state.message : null} />
      <div aria-live="polite">
        {state?.ok && (
          <p className="font-bold text-green-800">
            {state.message}{" "}
            <Link href={`/admin/callers/view?key=${encodeURIComponent(state.callerKey)}`} className="underline">
              この方の予約へ進む
            </Link>
          </p>
        )}
      </div>
    </form>
  );
}
