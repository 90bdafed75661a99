"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { FieldError } from "@/components/resident/field-error";
import { FormAlert } from "@/components/resident/form-alert";
import { useScriptPost } from "@/components/resident/use-script-post";
import { warekiOfYear } from "@/lib/domain/wareki";
import { toHalfWidth } from "@/lib/domain/normalize";
import { useMessages } from "@/lib/i18n/client";

export type LoginState = { ok: false; message: string; fieldErrors?: Record<string, string> } | null;

interface Props {
  action: (prev: LoginState, form: FormData) => Promise<LoginState>;
  /**
   * With JavaScript, post here instead (JSON: `{ redirect }` or the refusal; ./submit/route.ts)
   * and navigate as the router does. Without it (LINE's voucher link) the form uses `action`.
   */
  submitUrl?: string;
}

/** The script's answer from ./submit: where to go after a login, or the refusal. */
type SubmitAnswer = { redirect: string } | Exclude<LoginState, null>;

export function LoginForm({ action, submitUrl }: Props) {
  const { m } = useMessages();
  const t = m.login;
  const [goTo, setGoTo] = useState<string | null>(null);
  const { state, formAction, onSubmit, pending } = useScriptPost<LoginState, SubmitAnswer>(action, null, submitUrl, (answer) => {
    if (!("redirect" in answer)) return answer;
    setGoTo(answer.redirect);
    return undefined;
  });
  // Controlled inputs: what the resident typed stays after a refused attempt.
  const [voucherNumber, setVoucherNumber] = useState("");
  const [year, setYear] = useState("");
  const [month, setMonth] = useState("");
  const [day, setDay] = useState("");
  const wareki = warekiOfYear(Number(toHalfWidth(year)));
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-5" noValidate>
      {goTo && <Navigate href={goTo} />}
      <FormAlert message={state?.message} />

      <div>
        <label htmlFor="voucherNumber" className="mb-1 block font-bold">
          {t.voucherNumber}
        </label>
        <p id="voucherNumber-hint" className="mb-1 text-sm text-[var(--color-muted)]">
          {t.voucherHint}
        </p>
        <input
          id="voucherNumber"
          name="voucherNumber"
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          className="field-input tracking-widest"
          value={voucherNumber}
          onChange={(e) => setVoucherNumber(e.target.value)}
          aria-describedby={errors.voucherNumber ? "voucherNumber-hint voucherNumber-error" : "voucherNumber-hint"}
          aria-invalid={errors.voucherNumber ? true : undefined}
          required
        />
        <FieldError id="voucherNumber-error" message={errors.voucherNumber} />
      </div>

      <fieldset>
        <legend className="mb-1 font-bold">{t.birthDate}</legend>
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-28">
            <label htmlFor="year" className="block text-sm">
              {t.year}
            </label>
            <input
              id="year"
              name="year"
              inputMode="numeric"
              autoComplete="bday-year"
              maxLength={4}
              placeholder="1950"
              className="field-input"
              value={year}
              onChange={(e) => setYear(e.target.value)}
              aria-describedby="year-wareki"
              aria-invalid={errors.year ? true : undefined}
              required
            />
          </div>
          <div className="w-20">
            <label htmlFor="month" className="block text-sm">
              {t.month}
            </label>
            <input id="month" name="month" inputMode="numeric" autoComplete="bday-month" maxLength={2} className="field-input" value={month} onChange={(e) => setMonth(e.target.value)} aria-invalid={errors.month ? true : undefined} required />
          </div>
          <div className="w-20">
            <label htmlFor="day" className="block text-sm">
              {t.day}
            </label>
            <input id="day" name="day" inputMode="numeric" autoComplete="bday-day" maxLength={2} className="field-input" value={day} onChange={(e) => setDay(e.target.value)} aria-invalid={errors.day ? true : undefined} required />
          </div>
        </div>
        <p id="year-wareki" className="mt-1 min-h-6 text-[var(--color-muted)]" aria-live="polite">
          {wareki ? t.warekiOf(toHalfWidth(year), wareki) : t.yearHint}
        </p>
        <FieldError id="birth-error" message={errors.year ?? errors.month ?? errors.day} />
      </fieldset>

      <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
        {pending ? t.submitting : t.submit}
      </button>
    </form>
  );
}

/** Goes to `href` as a link does (the router; only what changes is fetched). Mounted once the login went through. */
function Navigate({ href }: { href: string }) {
  const router = useRouter();
  useEffect(() => {
    router.push(href);
  }, [href, router]);
  return null;
}
