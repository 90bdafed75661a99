"use client";
// Console forms wired to a server action returning ActionState: the result is announced
// (role="status" / role="alert"), each field shows its own error (aria-invalid +
// aria-describedby), and typed values survive a refusal (the form is not reset). When the
// action answers code "needs_confirmation", the button turns into 「…（確定）」 and the next
// submit carries confirmed=true.
import { useRouter } from "next/navigation";
import { createContext, startTransition, useActionState, useContext, useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { ActionState } from "@/lib/auth/staff-action";
import { LabelledInput } from "./labelled-input";

type Action = (prev: ActionState | null, form: FormData) => Promise<ActionState>;

const FormState = createContext<ActionState | null>(null);

export function ActionForm({
  action,
  submitLabel,
  confirmLabel,
  children,
  className,
  tone = "primary",
  resetOnSuccess = false,
  ariaLabel,
  redirectTo,
  finished = false,
}: {
  action: Action;
  submitLabel: string;
  confirmLabel?: string;
  children?: ReactNode;
  className?: string;
  tone?: "primary" | "secondary" | "danger";
  resetOnSuccess?: boolean;
  ariaLabel?: string;
  /** where to go after success (otherwise the page is refreshed in place) */
  redirectTo?: string;
  /** what the form acts on is done (a release closed): the button goes, the last answer stays on screen.
   *  Render the form with this rather than leave it out, or the refresh after success unmounts the answer. */
  finished?: boolean;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(action, null);
  // A warning is confirmed only for the values it was about: any edit asks again.
  const [editedSince, setEditedSince] = useState<ActionState | null>(null);
  const needsConfirm = !!state && !state.ok && state.code === "needs_confirmation" && editedSince !== state;
  useEffect(() => {
    if (state?.ok) {
      if (resetOnSuccess) formRef.current?.reset();
      if (redirectTo) router.push(redirectTo);
      else router.refresh();
    }
  }, [state, router, resetOnSuccess, redirectTo]);
  const buttonClass =
    tone === "primary" ? "btn-primary" : tone === "danger" ? "btn-secondary border-red-700 text-red-800" : "btn-secondary";
  return (
    <form
      ref={formRef}
      aria-label={ariaLabel}
      className={className}
      noValidate
      onChange={() => setEditedSince(state)}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        if (needsConfirm) data.set("confirmed", "true");
        startTransition(() => formAction(data));
      }}
    >
      <FormState.Provider value={state}>{children}</FormState.Provider>
      {!finished && (
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className={needsConfirm ? "btn-primary bg-amber-700" : buttonClass}>
            {pending ? "処理中…" : needsConfirm ? (confirmLabel ?? `${submitLabel}（確定）`) : submitLabel}
          </button>
        </div>
      )}
      <div aria-live="polite" className="mt-2">
        {state &&
          (state.ok ? (
            <p role="status" className="font-bold text-green-800">
              {state.message}
            </p>
          ) : (
            <p role="alert" className={needsConfirm ? "font-bold text-amber-800" : "font-bold text-red-700"}>
              {state.message}
            </p>
          ))}
      </div>
    </form>
  );
}

/** This field's error from the last submit, with the ids to wire it. */
function useField(name: string) {
  const state = useContext(FormState);
  const id = useId();
  const error = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return { id, errorId: `${id}-error`, hintId: `${id}-hint`, error };
}

function describedBy(...ids: (string | false | undefined)[]) {
  const list = ids.filter(Boolean).join(" ");
  return list || undefined;
}

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1 font-bold text-red-700">
      {error}
    </p>
  );
}

export function TextField({
  name,
  label,
  hint,
  defaultValue,
  type = "text",
  inputMode,
  className,
  required,
  placeholder,
}: {
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string | number | null;
  type?: "text" | "date" | "time" | "tel" | "search";
  inputMode?: "numeric" | "tel" | "text";
  className?: string;
  required?: boolean;
  placeholder?: string;
}) {
  const { error } = useField(name);
  return (
    <LabelledInput
      name={name}
      label={label}
      hint={hint}
      error={error}
      requiredMark={required}
      className={className}
      type={type}
      inputMode={inputMode}
      placeholder={placeholder}
      defaultValue={defaultValue ?? ""}
    />
  );
}

export function TextAreaField({
  name,
  label,
  hint,
  defaultValue,
  rows = 4,
  className,
  required,
}: {
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string | null;
  rows?: number;
  className?: string;
  required?: boolean;
}) {
  const f = useField(name);
  return (
    <div className={className}>
      <label htmlFor={f.id} className="block font-bold">
        {label}
        {required && <span className="ml-1 text-sm text-red-700">（必須）</span>}
      </label>
      {hint && (
        <p id={f.hintId} className="text-sm text-[var(--color-muted)]">
          {hint}
        </p>
      )}
      <textarea
        id={f.id}
        name={name}
        rows={rows}
        defaultValue={defaultValue ?? ""}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(hint && f.hintId, f.error && f.errorId)}
        className="field-input"
      />
      <FieldError id={f.errorId} error={f.error} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  options,
  defaultValue,
  hint,
  className,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  hint?: string;
  className?: string;
}) {
  const f = useField(name);
  return (
    <div className={className}>
      <label htmlFor={f.id} className="block font-bold">
        {label}
      </label>
      {hint && (
        <p id={f.hintId} className="text-sm text-[var(--color-muted)]">
          {hint}
        </p>
      )}
      <select
        id={f.id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(hint && f.hintId, f.error && f.errorId)}
        className="field-input"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={f.errorId} error={f.error} />
    </div>
  );
}

/** Radio buttons in a fieldset (large touch targets); the legend is the label. */
export function RadioField({
  name,
  legend,
  options,
  defaultValue,
  className,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  className?: string;
}) {
  const f = useField(name);
  return (
    <fieldset className={className} aria-invalid={f.error ? true : undefined} aria-describedby={f.error ? f.errorId : undefined}>
      <legend className="font-bold">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-12 cursor-pointer items-center gap-2 rounded-md border-2 border-[var(--color-line)] bg-white px-3 py-2">
            <input type="radio" name={name} value={o.value} defaultChecked={defaultValue === o.value} className="h-5 w-5" />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError id={f.errorId} error={f.error} />
    </fieldset>
  );
}

/** Problems of a file upload, line by line (CSV reports). */
export function LineReport({ problems }: { problems: { line: number; message: string }[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="mt-2 max-h-80 list-disc overflow-auto rounded-md border border-red-300 bg-red-50 p-3 pl-8">
      {problems.map((p, i) => (
        <li key={i}>
          {p.line}行目: {p.message}
        </li>
      ))}
    </ul>
  );
}

/** Checkboxes in a fieldset (e.g. days of the week); every ticked value is sent under `name`. */
export function CheckboxGroupField({
  name,
  legend,
  options,
  defaultValues = [],
  hint,
  className,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  defaultValues?: string[];
  hint?: string;
  className?: string;
}) {
  const f = useField(name);
  return (
    <fieldset className={className} aria-invalid={f.error ? true : undefined} aria-describedby={describedBy(hint && f.hintId, f.error && f.errorId)}>
      <legend className="font-bold">{legend}</legend>
      {hint && (
        <p id={f.hintId} className="text-sm text-[var(--color-muted)]">
          {hint}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-12 cursor-pointer items-center gap-2 rounded-md border-2 border-[var(--color-line)] bg-white px-3 py-2">
            <input type="checkbox" name={name} value={o.value} defaultChecked={defaultValues.includes(o.value)} className="h-5 w-5" />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError id={f.errorId} error={f.error} />
    </fieldset>
  );
}
