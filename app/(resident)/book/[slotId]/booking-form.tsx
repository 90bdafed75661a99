"use client";
import { useActionState, useState } from "react";
import type { FieldMode, PersonalField } from "@/lib/domain/personal-fields";
import type { BookingFormState } from "./actions";

const FIELDS: { name: PersonalField; label: string; hint: string; type: string; inputMode?: "tel" | "email"; autoComplete: string }[] = [
  { name: "kanaName", label: "カナ氏名", hint: "例: ヤマダ タロウ（ひらがなでも入力できます）", type: "text", autoComplete: "name" },
  { name: "phone", label: "電話番号", hint: "例: 090-1234-5678", type: "tel", inputMode: "tel", autoComplete: "tel" },
  { name: "email", label: "メールアドレス", hint: "例: taro@example.jp", type: "email", inputMode: "email", autoComplete: "email" },
];

interface Props {
  slotId: number;
  modes: Record<PersonalField, FieldMode>;
  action: (prev: BookingFormState, form: FormData) => Promise<BookingFormState>;
}

export function BookingForm({ slotId, modes, action }: Props) {
  const [state, formAction, pending] = useActionState(action, { stage: "input" } as BookingFormState);
  const [values, setValues] = useState<Record<PersonalField, string>>({ kanaName: "", phone: "", email: "" });
  const shown = FIELDS.filter((f) => modes[f.name] !== "off");

  if (state.stage === "confirm") {
    return (
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="step" value="confirm" />
        <input type="hidden" name="slotId" value={slotId} />
        {shown.map((f) => (
          <input key={f.name} type="hidden" name={f.name} value={values[f.name]} />
        ))}
        <h2 className="text-lg font-bold">入力内容の確認</h2>
        <dl className="space-y-2">
          {shown.map((f) => (
            <div key={f.name}>
              <dt className="text-sm text-[var(--color-muted)]">{f.label}</dt>
              <dd className="text-lg font-bold">{state.values[f.name] ?? "（未入力）"}</dd>
            </div>
          ))}
        </dl>
        <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
          {pending ? "予約しています…" : "予約を確定する"}
        </button>
      </form>
    );
  }

  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="step" value="review" />
      <input type="hidden" name="slotId" value={slotId} />
      <div aria-live="assertive">
        {state.message && (
          <div role="alert" className="rounded-lg border-2 border-red-600 bg-red-50 p-3 font-bold text-red-800">
            {state.message}
          </div>
        )}
      </div>
      {shown.map((f) => (
        <div key={f.name}>
          <label htmlFor={f.name} className="mb-1 block font-bold">
            {f.label}
            <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-sm font-normal">{modes[f.name] === "required" ? "必須" : "任意"}</span>
          </label>
          <p id={`${f.name}-hint`} className="mb-1 text-sm text-[var(--color-muted)]">
            {f.hint}
          </p>
          <input
            id={f.name}
            name={f.name}
            type={f.type}
            inputMode={f.inputMode}
            autoComplete={f.autoComplete}
            className="field-input"
            value={values[f.name]}
            onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            aria-invalid={errors[f.name] ? true : undefined}
            aria-describedby={errors[f.name] ? `${f.name}-hint ${f.name}-error` : `${f.name}-hint`}
          />
          {errors[f.name] && (
            <p id={`${f.name}-error`} className="mt-1 text-sm font-bold text-red-700">
              {errors[f.name]}
            </p>
          )}
        </div>
      ))}
      <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
        確認へ進む
      </button>
    </form>
  );
}
