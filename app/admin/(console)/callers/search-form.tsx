"use client";
// Caller search: 接種券番号, カナ氏名 or 電話番号, always with the birth date. One match opens
// the caller page; several (e.g. our voucher and a 住所地外 one) are listed with masked numbers.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { submitKeepingValues } from "@/components/admin/submit-keeping-values";
import type { ActionState } from "@/lib/auth/staff-action";
import type { CallerMatch } from "@/lib/callers/find-callers";
import { FieldError } from "@/components/resident/field-error";
import { FormAlert } from "@/components/resident/form-alert";
import { searchCallersAction } from "./actions";

type State = ActionState<{ matches: CallerMatch[] }> | null;

const QUERY_LABELS = { voucher: "接種券番号（10桁）", kana: "カナ氏名", phone: "電話番号" } as const;

export function CallerSearchForm({ nameSearch }: { nameSearch: boolean }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<State, FormData>(searchCallersAction, null);
  const [by, setBy] = useState<"voucher" | "kana" | "phone">("voucher");
  useEffect(() => {
    if (state?.ok && state.matches.length === 1) router.push(`/admin/callers/view?key=${encodeURIComponent(state.matches[0]!.key)}`);
  }, [state, router]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const kinds = nameSearch ? (["voucher", "kana", "phone"] as const) : (["voucher"] as const);
  return (
    <form className="space-y-4 rounded-lg bg-white p-4 shadow-sm" noValidate onSubmit={submitKeepingValues(formAction)}>
      {kinds.length > 1 && (
        <fieldset>
          <legend className="mb-2 font-bold">検索する項目</legend>
          <div className="flex flex-wrap gap-2">
            {kinds.map((k) => (
              <label key={k} className="flex min-h-12 cursor-pointer items-center gap-2 rounded-lg border-2 border-[var(--color-line)] px-4">
                <input type="radio" name="by" value={k} checked={by === k} onChange={() => setBy(k)} className="h-5 w-5" />
                {k === "voucher" ? "接種券番号" : QUERY_LABELS[k]}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {kinds.length === 1 && <input type="hidden" name="by" value="voucher" />}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="caller-query" className="block font-bold">
            {QUERY_LABELS[by]}
          </label>
          <input
            id="caller-query"
            name="query"
            required
            inputMode={by === "kana" ? "text" : "numeric"}
            autoComplete="off"
            className="field-input"
            aria-invalid={errors.query ? true : undefined}
            aria-describedby={errors.query ? "caller-query-error" : undefined}
          />
          <FieldError id="caller-query-error" message={errors.query} />
        </div>
        <div>
          <label htmlFor="caller-birth" className="block font-bold">
            生年月日（必須）
          </label>
          <input
            id="caller-birth"
            name="birthDate"
            required
            placeholder="例: 1950-04-01 または 19500401"
            autoComplete="off"
            className="field-input"
            aria-invalid={errors.birthDate ? true : undefined}
            aria-describedby={errors.birthDate ? "caller-birth-error" : "caller-birth-hint"}
          />
          <p id="caller-birth-hint" className="mt-1 text-sm text-[var(--color-muted)]">
            ご本人確認のため、生年月日が一致した方だけが表示されます。
          </p>
          <FieldError id="caller-birth-error" message={errors.birthDate} />
        </div>
        {by === "voucher" && (
          <div>
            <label htmlFor="caller-municipality" className="block font-bold">
              自治体コード（住所地外の接種券のみ・任意）
            </label>
            <input
              id="caller-municipality"
              name="municipalityCode"
              inputMode="numeric"
              autoComplete="off"
              className="field-input"
              aria-invalid={errors.municipalityCode ? true : undefined}
              aria-describedby={errors.municipalityCode ? "caller-municipality-error" : undefined}
            />
            <FieldError id="caller-municipality-error" message={errors.municipalityCode} />
          </div>
        )}
      </div>
      <button type="submit" disabled={pending} className="btn-primary">
        {pending ? "確認しています…" : "検索して本人確認"}
      </button>
      <FormAlert message={state && !state.ok ? state.message : null} />
      <div aria-live="polite">
        {state?.ok && (
          <div className="space-y-2">
            <p className="font-bold text-green-800">{state.message}</p>
            <ul className="space-y-2">
              {state.matches.map((m) => (
                <li key={m.voucherId}>
                  <Link href={`/admin/callers/view?key=${encodeURIComponent(m.key)}`} className="btn-secondary">
                    接種券番号 {m.maskedNumber}（{m.outOfArea ? `住所地外・自治体コード ${m.municipalityCode}` : "本市"}）を開く
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </form>
  );
}
