"use client";
// A confirmation step's one button (この内容で変更する, 予約をキャンセルする): what it is about in hidden
// inputs, the refusal above the button, the way back below it. The button is disabled while the
// action runs, so a double press sends one request.
import { useActionState, type ReactNode } from "react";
import { FormAlert } from "./form-alert";

/** The action's answer when it did not go through (on success it redirects). */
export interface OneButtonFormState {
  /** Why it was not done, in the resident's language. */
  message: string | null;
}

interface Props {
  action: (prev: OneButtonFormState, form: FormData) => Promise<OneButtonFormState>;
  hidden: Record<string, string | number>;
  submitLabel: string;
  pendingLabel: string;
  submitClassName: string;
  /** Below the button: the way back. */
  children: ReactNode;
}

export function OneButtonForm({ action, hidden, submitLabel, pendingLabel, submitClassName, children }: Props) {
  const [state, formAction, pending] = useActionState(action, { message: null });
  return (
    <form action={formAction} className="space-y-3">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormAlert message={state.message} />
      <button type="submit" className={submitClassName} disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
      {children}
    </form>
  );
}
