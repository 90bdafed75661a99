"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { BackToFieldsButton } from "@/components/resident/back-to-fields-button";
import { FormAlert } from "@/components/resident/form-alert";
import { useScriptPost } from "@/components/resident/use-script-post";
import { askedFields, EMPTY_PERSONAL_TEXT, PersonalFieldsHidden, PersonalFieldsInputs, PersonalFieldsReview, type PersonalFieldModes } from "@/components/resident/personal-fields-inputs";
import { useMessages } from "@/lib/i18n/client";
import type { BookingFormState } from "./booking-step";

interface Props {
  slotId: number;
  modes: PersonalFieldModes;
  action: (prev: BookingFormState, form: FormData) => Promise<BookingFormState>;
  /** With JavaScript, both steps post here (JSON: the next state; ./submit/route.ts); `action` without it. */
  submitUrl?: string;
}

const INPUT: BookingFormState = { stage: "input" };

export function BookingForm({ slotId, modes, action, submitUrl }: Props) {
  const { m } = useMessages();
  const t = m.booking;
  const { state, formAction, onSubmit, pending } = useScriptPost(action, INPUT, submitUrl);
  // What was typed; back from the confirmation without JavaScript, the server sends it again.
  const [values, setValues] = useState(state.stage === "input" && state.values ? state.values : EMPTY_PERSONAL_TEXT);
  // Back from the confirmation step to the fields, keeping what was typed.
  const [editing, setEditing] = useState(false);
  const fields = askedFields(modes);
  const router = useRouter();
  const done = state.stage === "done" ? state.href : null;
  useEffect(() => {
    if (done) router.push(done);
  }, [done, router]);

  if (state.stage === "done") {
    // Booked: the reservation page replaces this one in a moment.
    return (
      <p role="status" className="font-bold">
        {t.confirming}
      </p>
    );
  }

  if (state.stage === "confirm" && !editing) {
    return (
      <form action={formAction} onSubmit={onSubmit} className="space-y-4">
        <input type="hidden" name="step" value="confirm" />
        <input type="hidden" name="slotId" value={slotId} />
        <input type="hidden" name="idempotencyKey" value={state.idempotencyKey} />
        <PersonalFieldsHidden fields={fields} values={state.values} />
        <h2 className="text-lg font-bold">{t.confirmTitle}</h2>
        <FormAlert message={state.message} />
        <p>{t.confirmIntro}</p>
        <PersonalFieldsReview fields={fields} labels={t.fields} values={state.values} />
        <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
          {pending ? t.confirming : t.confirm}
        </button>
        <BackToFieldsButton label={t.back} disabled={pending} onBack={() => setEditing(true)} />
      </form>
    );
  }

  const errors = state.stage === "input" ? (state.fieldErrors ?? {}) : {};
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        setEditing(false);
        onSubmit(event);
      }}
      className="space-y-4"
      noValidate
    >
      <input type="hidden" name="step" value="review" />
      <input type="hidden" name="slotId" value={slotId} />
      <FormAlert message={state.stage === "input" ? state.message : undefined} />
      {fields.length === 0 && <p>{t.noFields}</p>}
      <PersonalFieldsInputs modes={modes} labels={t.fields} values={values} onChange={setValues} errors={errors} />
      <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
        {t.toConfirm}
      </button>
    </form>
  );
}
