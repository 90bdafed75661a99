"use client";
// The join form: venue (or any), the dates, how the offer should reach the resident; then a
// confirmation step. Controlled inputs, so going back keeps what was chosen.
import { useActionState, useState } from "react";
import { BackToFieldsButton } from "@/components/resident/back-to-fields-button";
import { FieldError } from "@/components/resident/field-error";
import { FormAlert } from "@/components/resident/form-alert";
import { formatDate } from "@/lib/i18n";
import { useMessages } from "@/lib/i18n/client";
import type { WaitlistFormState, WaitlistValues } from "./actions";

export interface ContactChoice {
  value: "line" | "sms" | "email";
  label: string;
}

interface Props {
  venues: { id: number; name: string }[];
  contacts: ContactChoice[];
  initial: WaitlistValues;
  minDate: string;
  maxDate: string;
  action: (prev: WaitlistFormState, form: FormData) => Promise<WaitlistFormState>;
}

function Hidden({ values }: { values: WaitlistValues }) {
  return (
    <>
      <input type="hidden" name="venueId" value={values.venueId} />
      <input type="hidden" name="dateFrom" value={values.dateFrom} />
      <input type="hidden" name="dateTo" value={values.dateTo} />
      <input type="hidden" name="contact" value={values.contact} />
    </>
  );
}

export function WaitlistForm({ venues, contacts, initial, minDate, maxDate, action }: Props) {
  const { locale, m } = useMessages();
  const t = m.waitlist;
  const [state, formAction, pending] = useActionState(action, { stage: "input" } as WaitlistFormState);
  // Back from the confirmation without JavaScript, the server sends the choices again.
  const [values, setValues] = useState<WaitlistValues>(state.stage === "input" && state.values ? state.values : initial);
  const [editing, setEditing] = useState(false);

  if (state.stage === "confirm" && !editing) {
    const venueName = venues.find((v) => String(v.id) === state.values.venueId)?.name ?? t.anyVenue;
    const contactLabel = contacts.find((c) => c.value === state.values.contact)?.label ?? "";
    return (
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="step" value="confirm" />
        <Hidden values={state.values} />
        <h2 className="text-lg font-bold">{t.confirmTitle}</h2>
        <FormAlert message={state.message} />
        <p>{t.confirmIntro}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
          <dt className="font-bold">{t.venue}</dt>
          <dd>{venueName}</dd>
          <dt className="font-bold">{t.period}</dt>
          <dd>{t.periodValue(formatDate(locale, state.values.dateFrom, true), formatDate(locale, state.values.dateTo, true))}</dd>
          <dt className="font-bold">{t.contactIs}</dt>
          <dd>{contactLabel}</dd>
        </dl>
        <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
          {pending ? t.confirming : t.confirm}
        </button>
        <BackToFieldsButton label={t.back} disabled={pending} onBack={() => setEditing(true)} />
      </form>
    );
  }

  const errors = state.stage === "input" ? (state.fieldErrors ?? {}) : {};
  const set = (patch: Partial<WaitlistValues>) => setValues({ ...values, ...patch });
  return (
    <form action={formAction} onSubmit={() => setEditing(false)} className="space-y-4" noValidate>
      <input type="hidden" name="step" value="review" />
      <FormAlert message={state.stage === "input" ? state.message : undefined} />
      <div>
        <label htmlFor="wl-venue" className="mb-1 block font-bold">
          {t.venue}
        </label>
        <select id="wl-venue" name="venueId" className="field-input" value={values.venueId} onChange={(e) => set({ venueId: e.target.value })}>
          <option value="">{t.anyVenue}</option>
          {venues.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      <p id="wl-date-hint" className="text-sm text-[var(--color-muted)]">
        {t.dateHint(formatDate(locale, maxDate, true))}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {(["dateFrom", "dateTo"] as const).map((name) => (
          <div key={name}>
            <label htmlFor={`wl-${name}`} className="mb-1 block font-bold">
              {t[name]}
            </label>
            <input
              id={`wl-${name}`}
              name={name}
              type="date"
              min={minDate}
              max={maxDate}
              required
              className="field-input"
              value={values[name]}
              onChange={(e) => set({ [name]: e.target.value })}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={errors[name] ? `wl-date-hint wl-${name}-error` : "wl-date-hint"}
            />
            <FieldError id={`wl-${name}-error`} message={errors[name]} />
          </div>
        ))}
      </div>
      <fieldset aria-describedby={errors.contact ? "wl-contact-error" : undefined}>
        <legend className="mb-1 font-bold">{t.contact}</legend>
        <div className="space-y-2">
          {contacts.map((c) => (
            <label key={c.value} className="flex min-h-12 items-center gap-3 rounded-lg border-2 border-[var(--color-line)] bg-white px-3">
              <input type="radio" name="contact" value={c.value} checked={values.contact === c.value} onChange={() => set({ contact: c.value })} className="h-5 w-5" />
              <span>{c.label}</span>
            </label>
          ))}
        </div>
        <FieldError id="wl-contact-error" message={errors.contact} />
      </fieldset>
      <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
        {t.toConfirm}
      </button>
    </form>
  );
}
