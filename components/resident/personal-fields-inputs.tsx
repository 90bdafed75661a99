"use client";
// The contact fields the booking forms ask for (カナ氏名, 電話番号, メールアドレス): only those the
// municipality switched on, each with a visible label, 必須/任意, a hint and its error; then the same
// values as hidden inputs and as a list for the confirmation step.
import type { FieldMode, PersonalField, PersonalValues } from "@/lib/domain/personal-fields";
import { useMessages } from "@/lib/i18n/client";
import { FieldError } from "./field-error";

const INPUTS: { name: PersonalField; type: string; inputMode?: "tel" | "email"; autoComplete: string }[] = [
  { name: "kanaName", type: "text", autoComplete: "name" },
  { name: "phone", type: "tel", inputMode: "tel", autoComplete: "tel" },
  { name: "email", type: "email", inputMode: "email", autoComplete: "email" },
];

export type PersonalFieldModes = Record<PersonalField, FieldMode>;
/** Each form's own wording for the fields. */
export type PersonalFieldLabels = Record<PersonalField, { label: string; hint: string }>;
/** What the resident typed (controlled inputs: React 19 resets uncontrolled ones after an action). */
export type PersonalFieldText = Record<PersonalField, string>;

export const EMPTY_PERSONAL_TEXT: PersonalFieldText = { kanaName: "", phone: "", email: "" };

/** The fields the municipality asks for, in the form's order. */
export function askedFields(modes: PersonalFieldModes): PersonalField[] {
  return INPUTS.filter((f) => modes[f.name] !== "off").map((f) => f.name);
}

interface InputsProps {
  modes: PersonalFieldModes;
  labels: PersonalFieldLabels;
  values: PersonalFieldText;
  onChange: (values: PersonalFieldText) => void;
  errors: Partial<Record<PersonalField, string>>;
}

export function PersonalFieldsInputs({ modes, labels, values, onChange, errors }: InputsProps) {
  const { m } = useMessages();
  return INPUTS.filter((f) => modes[f.name] !== "off").map((f) => (
    <div key={f.name}>
      <label htmlFor={f.name} className="mb-1 block font-bold">
        {labels[f.name].label}
        <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-sm font-normal">{modes[f.name] === "required" ? m.common.required : m.common.optional}</span>
      </label>
      <p id={`${f.name}-hint`} className="mb-1 text-sm text-[var(--color-muted)]">
        {labels[f.name].hint}
      </p>
      <input
        id={f.name}
        name={f.name}
        type={f.type}
        inputMode={f.inputMode}
        autoComplete={f.autoComplete}
        className="field-input"
        value={values[f.name]}
        onChange={(e) => onChange({ ...values, [f.name]: e.target.value })}
        aria-invalid={errors[f.name] ? true : undefined}
        aria-describedby={errors[f.name] ? `${f.name}-hint ${f.name}-error` : `${f.name}-hint`}
      />
      <FieldError id={`${f.name}-error`} message={errors[f.name]} />
    </div>
  ));
}

/**
 * The confirmation step's copy of the fields, posted with 確定: the values the server checked at the
 * review step (its state), not what the browser's script remembers of the typing, so that the form
 * posts them without JavaScript too.
 */
export function PersonalFieldsHidden({ fields, values }: { fields: PersonalField[]; values: PersonalValues }) {
  return fields.map((name) => <input key={name} type="hidden" name={name} value={values[name] ?? ""} />);
}

/** The checked values to confirm; 「（未入力）」 for an optional field left empty. */
export function PersonalFieldsReview({ fields, labels, values }: { fields: PersonalField[]; labels: PersonalFieldLabels; values: PersonalValues }) {
  const { m } = useMessages();
  if (fields.length === 0) return null;
  return (
    <dl className="space-y-2">
      {fields.map((name) => (
        <div key={name}>
          <dt className="text-sm text-[var(--color-muted)]">{labels[name].label}</dt>
          <dd className="text-lg font-bold">{values[name] ?? m.common.notEntered}</dd>
        </div>
      ))}
    </dl>
  );
}
