"use client";
import { useActionState, useState } from "react";
import { BackToFieldsButton } from "@/components/resident/back-to-fields-button";
import { FormAlert } from "@/components/resident/form-alert";
import { askedFields, EMPTY_PERSONAL_TEXT, PersonalFieldsHidden, PersonalFieldsInputs, PersonalFieldsReview, type PersonalFieldLabels, type PersonalFieldModes } from "@/components/resident/personal-fields-inputs";
import { useMessages } from "@/lib/i18n/client";
import type { SetFormState } from "./actions";

interface Props {
  firstSlotId: number;
  secondSlotId: number;
  modes: PersonalFieldModes;
  action: (prev: SetFormState, form: FormData) => Promise<SetFormState>;
}

export function SetBookingForm({ firstSlotId, secondSlotId, modes, action }: Props) {
  const { m } = useMessages();
  const t = m.group;
  const labels: PersonalFieldLabels = m.booking.fields;
  const fields = askedFields(modes);
  const [state, formAction, pending] = useActionState(action, { stage: "input" } as SetFormState);
  // Back from the confirmation without JavaScript, the server sends the fields again.
  const [values, setValues] = useState(state.stage === "input" && state.values ? state.values : EMPTY_PERSONAL_TEXT);
  // 「入力内容を修正する」 goes back to the fields for this answer only; the next answer is shown as it comes.
  const [editedState, setEditedState] = useState<SetFormState | null>(null);
  const editing = editedState === state;
  const alert = <FormAlert message={state.stage === "input" ? state.message : undefined} />;
  const ids = (
    <>
      <input type="hidden" name="firstSlotId" value={firstSlotId} />
      <input type="hidden" name="secondSlotId" value={secondSlotId} />
    </>
  );

  // With no personal field enabled there is nothing to type: the resident starts at the confirmation.
  if ((state.stage === "confirm" && !editing) || fields.length === 0) {
    return (
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="step" value="confirm" />
        {ids}
        {state.stage === "confirm" && <PersonalFieldsHidden fields={fields} values={state.values} />}
        <h2 className="text-lg font-bold">{t.confirmTitle}</h2>
        {alert}
        <p>{t.confirmSetIntro}</p>
        {state.stage === "confirm" && <PersonalFieldsReview fields={fields} labels={labels} values={state.values} />}
        <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
          {pending ? t.booking : t.bookSet}
        </button>
        {fields.length > 0 && (
          <BackToFieldsButton label={t.edit} disabled={pending} onBack={() => setEditedState(state)} />
        )}
      </form>
    );
  }

  const errors = state.stage === "input" ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="step" value="review" />
      {ids}
      <h2 className="text-lg font-bold">{t.contactTitle}</h2>
      {alert}
      <PersonalFieldsInputs modes={modes} labels={labels} values={values} onChange={setValues} errors={errors} />
      <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
        {t.toConfirm}
      </button>
    </form>
  );
}
