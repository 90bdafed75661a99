"use client";
// The opt-in form: venues (all, or the chosen ones) and how to receive the offers. Works without
// JavaScript too (the venue list is always there; it counts only when 「選んだ会場だけ」 is chosen).
import { useActionState } from "react";
import { FormAlert } from "@/components/resident/form-alert";
import { useMessages } from "@/lib/i18n/client";
import type { OptInFormState } from "./actions";

export interface ContactOption {
  value: "line" | "sms" | "email";
  label: string;
}

interface Props {
  action: (prev: OptInFormState, form: FormData) => Promise<OptInFormState>;
  venues: { id: number; name: string; address: string }[];
  contacts: ContactOption[];
  current: { venueIds: number[]; contact: string } | null;
  isChange: boolean;
}

const choice = "flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border-2 border-[var(--color-line)] bg-white px-3 py-2";

export function OptInForm({ action, venues, contacts, current, isChange }: Props) {
  const { m } = useMessages();
  const t = m.leftover;
  const [state, formAction, pending] = useActionState(action, { message: null } as OptInFormState);
  const chosen = new Set(current?.venueIds ?? []);
  const scope = current && current.venueIds.length > 0 ? "chosen" : "all";
  const contact = current?.contact ?? (contacts.length === 1 ? contacts[0]!.value : undefined);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormAlert message={state.message} />
      <fieldset aria-describedby={errors.venueIds ? "venues-error" : "venues-hint"} aria-invalid={errors.venueIds ? true : undefined}>
        <legend className="text-lg font-bold">{t.venuesLegend}</legend>
        <p id="venues-hint" className="text-sm text-[var(--color-muted)]">
          {t.venuesHint}
        </p>
        <div className="mt-2 grid gap-2">
          <label className={choice}>
            <input type="radio" name="scope" value="all" defaultChecked={scope === "all"} className="h-6 w-6" />
            {t.venuesAll}
          </label>
          <label className={choice}>
            <input type="radio" name="scope" value="chosen" defaultChecked={scope === "chosen"} className="h-6 w-6" />
            {t.venuesChosen}
          </label>
        </div>
        <fieldset className="mt-3 ml-4">
          <legend className="font-bold">{t.venuesList}</legend>
          <div className="mt-1 grid gap-2">
            {venues.map((v) => (
              <label key={v.id} className={choice}>
                <input type="checkbox" name="venueIds" value={v.id} defaultChecked={chosen.has(v.id)} className="h-6 w-6" />
                <span>
                  <span className="block font-bold">{v.name}</span>
                  {v.address && <span className="block text-sm text-[var(--color-muted)]">{v.address}</span>}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {errors.venueIds && (
          <p id="venues-error" className="mt-1 font-bold text-red-700">
            {errors.venueIds}
          </p>
        )}
      </fieldset>

      <fieldset aria-describedby={errors.contact ? "contact-error" : "contact-hint"} aria-invalid={errors.contact ? true : undefined}>
        <legend className="text-lg font-bold">{t.contactLegend}</legend>
        <p id="contact-hint" className="text-sm text-[var(--color-muted)]">
          {t.contactHint}
        </p>
        <div className="mt-2 grid gap-2">
          {contacts.map((c) => (
            <label key={c.value} className={choice}>
              <input type="radio" name="contact" value={c.value} defaultChecked={contact === c.value} className="h-6 w-6" />
              {c.label}
            </label>
          ))}
        </div>
        {errors.contact && (
          <p id="contact-error" className="mt-1 font-bold text-red-700">
            {errors.contact}
          </p>
        )}
      </fieldset>

      <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
        {pending ? t.saving : isChange ? t.submitChange : t.submitNew}
      </button>
    </form>
  );
}
