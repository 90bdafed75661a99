"use client";
import { useActionState, useState } from "react";
import type { FieldMode, PersonalField } from "@/lib/domain/personal-fields";
import { useMessages } from "@/lib/i18n/client";
import type { BookingFormState } from "./actions";

const FIELDS: { name: PersonalField; type: string; inputMode?: "tel" | "email"; autoComplete: string }[] = [
  { name: "kanaName", type: "text", autoComplete: "name" },
  { name: "phone", type: "tel", inputMode: "tel", autoComplete: "tel" },
  { name: "email", type: "email", inputMode: "email", autoComplete: "email" },
];

interface Props {
  slotId: number;
  modes: Record<PersonalField, FieldMode>;
  action: (prev: BookingFormState, form: FormData) => Promise<BookingFormState>;
}

export function BookingForm({ slotId, modes, action }: Props) {
  const { m } = useMessages();
  const t = m.booking;
  const [state, formAction, pending] = useActionState(action, { stage: "input" } as BookingFormState);
  const [values, setValues] = useState<Record<PersonalField, string>>({ kanaName: "", phone: "", email: "" });
  // Back from the confirmation step to the fields, keeping what was typed.
  const [editing, setEditing] = useState(false);
  const shown = FIELDS.filter((f) => modes[f.name] !== "off");

  if (state.stage === "confirm" && !editing) {
    return (
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="step" value="confirm" />
        <input type="hidden" name="slotId" value={slotId} />
        {shown.map((f) => (
          <input key={f.name} type="hidden" name={f.name} value={values[f.name]} />
        ))}
        <h2 className="text-lg font-bold">{t.confirmTitle}</h2>
        <p>{t.confirmIntro}</p>
        {shown.length > 0 && (
          <dl className="space-y-2">
            {shown.map((f) => (
              <div key={f.name}>
                <dt className="text-sm text-[var(--color-muted)]">{t.fields[f.name].label}</dt>
                <dd className="text-lg font-bold">{state.values[f.name] ?? m.common.notEntered}</dd>
              </div>
            ))}
          </dl>
        )}
        <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
          {pending ? t.confirming : t.confirm}
        </button>
        <button type="button" className="btn-secondary w-full" onClick={() => setEditing(true)} disabled={pending}>
          {t.back}
        </button>
      </form>
    );
  }

  const errors = state.stage === "input" ? (state.fieldErrors ?? {}) : {};
  const message = state.stage === "input" ? state.message : undefined;
  return (
    <form action={formAction} onSubmit={() => setEditing(false)} className="space-y-4" noValidate>
      <input type="hidden" name="step" value="review" />
      <input type="hidden" name="slotId" value={slotId} />
      <div aria-live="assertive">
        {message && (
          <div role="alert" className="rounded-lg border-2 border-red-600 bg-red-50 p-3 font-bold text-red-800">
            {message}
          </div>
        )}
      </div>
      {shown.length === 0 && <p>{t.noFields}</p>}
      {shown.map((f) => (
        <div key={f.name}>
          <label htmlFor={f.name} className="mb-1 block font-bold">
            {t.fields[f.name].label}
            <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-sm font-normal">{modes[f.name] === "required" ? m.common.required : m.common.optional}</span>
          </label>
          <p id={`${f.name}-hint`} className="mb-1 text-sm text-[var(--color-muted)]">
            {t.fields[f.name].hint}
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
        {t.toConfirm}
      </button>
    </form>
  );
}
