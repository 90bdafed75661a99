"use client";
// 「この枠で予約する」 and 「辞退する」 (with a second step: declining cannot be undone). Buttons are
// disabled while an answer is on its way, so a double press sends one request.
import { useActionState, useState } from "react";
import { FormAlert } from "@/components/resident/form-alert";
import { useMessages } from "@/lib/i18n/client";
import { acceptOfferAction, declineOfferAction, type OfferAnswerState } from "./actions";

export function OfferAnswer({ token }: { token: string }) {
  const { m } = useMessages();
  const t = m.waitlist;
  const [accepted, accept, accepting] = useActionState<OfferAnswerState, FormData>(acceptOfferAction, { message: null });
  const [declined, decline, declining] = useActionState<OfferAnswerState, FormData>(declineOfferAction, { message: null });
  const [asking, setAsking] = useState(false);
  const busy = accepting || declining;
  return (
    <div className="space-y-3">
      <FormAlert message={accepted.message ?? declined.message} />
      <form action={accept}>
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="btn-primary w-full text-lg" disabled={busy}>
          {accepting ? t.accepting : t.accept}
        </button>
      </form>
      {asking ? (
        <form action={decline} className="space-y-2 rounded-lg border-2 border-[var(--color-line)] p-3">
          <input type="hidden" name="token" value={token} />
          <p>{t.declineAsk}</p>
          <button type="submit" className="btn-secondary w-full" disabled={busy}>
            {declining ? t.declining : t.declineConfirm}
          </button>
          <button type="button" className="btn-secondary w-full" onClick={() => setAsking(false)} disabled={busy}>
            {t.keep}
          </button>
        </form>
      ) : (
        <button type="button" className="btn-secondary w-full" onClick={() => setAsking(true)} disabled={busy}>
          {t.decline}
        </button>
      )}
    </div>
  );
}
