// The municipality's personal-field rules (lib/domain/personal-fields) with the messages in
// the resident's language: one check for every booking form that asks for the fields.
import type { Db } from "@/db/client";
import { loadSettings } from "@/lib/booking/context";
import { validatePersonal, type PersonalField, type PersonalInput, type PersonalValues } from "@/lib/domain/personal-fields";
import type { Messages } from "@/lib/i18n";

export async function checkPersonalFields(
  db: Db,
  m: Messages,
  input: PersonalInput,
): Promise<{ ok: true; values: PersonalValues } | { ok: false; fieldErrors: Partial<Record<PersonalField, string>> }> {
  const checked = validatePersonal(await loadSettings(db), input);
  if (checked.ok) return checked;
  const fieldErrors: Partial<Record<PersonalField, string>> = {};
  for (const [field, code] of Object.entries(checked.fieldCodes) as [PersonalField, "missing" | "invalid"][]) {
    fieldErrors[field] = m.booking.fieldError[field][code];
  }
  return { ok: false, fieldErrors };
}
