"use client";
import { useActionState, useState } from "react";
import type { FieldMode, PersonalField } from "@/lib/domain/personal-fields";
import { useMessages } from "@/lib/i18n/client";
import type { SetFormState } from "./actions";

interface Props {
  firstSlotId: number;
  secondSlotId: number;
  modes: Record<PersonalField, FieldMode>;
  action: (prev: SetFormState, form: FormData) => Promise<SetFormState>;
}

export function SetBookingForm({ firstSlotId, secondSlotId, modes, action }: Props) {
  const { m } = useMessages();
  const t = m.group;
  const fields: { name: PersonalField; label: string; hint: string; type: string; inputMode?: "tel" | "email"; autoComplete: string }[] = [
    { name: "kanaName", label: t.kanaName, hint: t.kanaNameHint, type: "text", autoComplete: "name" },
    { name: "phone", label: t.phone, hint: t.phoneHint, type: "tel", inputMode: "tel", autoComplete: "tel" },
    { name: "email", label: t.email, hint: t.emailHint, type: "email", inputMode: "email", autoComplete: "email" },
  ];
  const shown = fields.filter((f) => modes[f.name] !== "off");
  const [state, formAction, pending] = useActionState(action, { stage: "input" } as SetFormState);
  const [values, setValues] = useState<Record<PersonalField, string>>({ kanaName: "", phone: "", email: "" });
  // 「入力内容を修正する」 goes back to the fields for this answer only; the next answer is shown as it comes.
  const [editedState, setEditedState] = useState<SetFormState | null>(null);
  const editing = editedState === state;
  const message = state.stage === "input" ? state.message : undefined;
  const alert = (
    <div aria-live="assertive">
      {message && (
        <div role="alert" className="rounded-lg border-2 border-red-600 bg-red-50 p-3 font-bold text-red-800">
          {message}
        </div>
      )}
    </div>
  );
  const ids = (
    <>
      <input type="hidden" name="firstSlotId" value={firstSlotId} />
      <input type="hidden" name="secondSlotId" value={secondSlotId} />
    </>
  );

  // With no personal field enabled there is nothing to type: the resident starts at the confirmation.
  if ((state.stage === "confirm" && !editing) || shown.length === 0) {
    const confirmed = state.stage === "confirm" ? state.values : null;
    return (
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="step" value="confirm" />
        {ids}
        {shown.map((f) => (
          <input key={f.name} type="hidden" name={f.name} value={values[f.name]} />
        ))}
        <h2 className="text-lg font-bold">{t.confirmTitle}</h2>
        {alert}
        <p>{t.confirmSetIntro}</p>
        {confirmed && shown.length > 0 && (
          <dl className="space-y-2">
            {shown.map((f) => (
              <div key={f.name}>
                <dt className="text-sm text-[var(--color-muted)]">{f.label}</dt>
                <dd className="text-lg font-bold">{confirmed[f.name] ?? m.common.notEntered}</dd>
              </div>
            ))}
          </dl>
        )}
        <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
          {pending ? t.booking : t.bookSet}
        </button>
        {shown.length > 0 && (
          <button type="button" className="btn-secondary w-full" disabled={pending} onClick={() => setEditedState(state)}>
            {t.edit}
          </button>
        )}
      </form>
    );
  }

  const errors = state.stage === "input" ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="step" value="review" />
      {ids}
      <h2 className="text-lg font-bold">{t.contactTitle}</h2>
      {alert}
      {shown.map((f) => (
        <div key={f.name}>
          <label htmlFor={f.name} className="mb-1 block font-bold">
            {f.label}
            <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-sm font-normal">{modes[f.name] === "required" ? m.common.required : m.common.optional}</span>
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
        {t.toConfirm}
      </button>
    </form>
  );
}
