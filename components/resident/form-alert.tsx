import type { ReactNode } from "react";

/**
 * A form's message (a refusal, 「入力内容を確認してください。」): the live region is always in the page,
 * so a screen reader announces the alert as soon as it appears. `children` replaces the bare message
 * when a form says more than one line.
 */
export function FormAlert({ message, children }: { message?: string | null; children?: ReactNode }) {
  return (
    <div aria-live="assertive">
      {message && (
        <div role="alert" className="rounded-lg border-2 border-red-600 bg-red-50 p-3 font-bold text-red-800">
          {children ?? message}
        </div>
      )}
    </div>
  );
}
