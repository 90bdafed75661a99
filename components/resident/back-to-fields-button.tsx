"use client";
// 「入力に戻る」 on a form's confirmation step. With JavaScript it only switches the form back to its
// fields (what was typed is still in the page). Without it, it submits the confirmation form with
// BACK_FIELD set, and the server action answers with the fields again, filled in from the
// confirmation's hidden copy (lib/resident/back-to-fields.ts): a script button would do nothing there.
import { BACK_FIELD } from "@/lib/resident/back-to-fields";

export function BackToFieldsButton({ label, disabled, onBack }: { label: string; disabled?: boolean; onBack: () => void }) {
  return (
    <button
      type="submit"
      name={BACK_FIELD}
      value="1"
      className="btn-secondary w-full"
      disabled={disabled}
      onClick={(event) => {
        event.preventDefault();
        onBack();
      }}
    >
      {label}
    </button>
  );
}
