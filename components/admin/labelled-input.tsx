"use client";
// One labelled console input: the label, an optional hint under it, the error after a refused submit, and the
// ids that tie them together (aria-describedby, aria-invalid), so every form says the same thing the same way.
import { useId, type InputHTMLAttributes } from "react";

export type LabelledInputProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** shows （必須） after the label */
  requiredMark?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

export function LabelledInput({ name, label, hint, error, requiredMark, className, ...input }: LabelledInputProps) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-bold">
        {label}
        {requiredMark && <span className="ml-1 text-sm text-red-700">（必須）</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-[var(--color-muted)]">
          {hint}
        </p>
      )}
      <input id={id} name={name} autoComplete="off" {...input} className="field-input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      {error && (
        <p id={`${id}-error`} className="mt-1 font-bold text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
