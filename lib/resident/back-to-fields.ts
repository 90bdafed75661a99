// 「入力に戻る」 posted without JavaScript (components/resident/back-to-fields-button.tsx): the
// confirmation form submitted with this field set asks for its fields again, filled in from the
// confirmation's hidden copy; nothing is checked, booked or registered. A plain module, so that the
// server actions and the client button share the name.
export const BACK_FIELD = "back";

export function wantsFieldsBack(form: FormData): boolean {
  return form.get(BACK_FIELD) !== null;
}
