// A service's refusal as the state a console form shows: the reason, and each field's message
// when the refusal names fields (details.fieldErrors).
import type { ActionState } from "@/lib/auth/staff-action";
import type { Refused } from "@/lib/booking/result";

export function refusedState(r: Refused & { details?: unknown }): ActionState<never> {
  const fieldErrors = (r.details as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors;
  return { ok: false, code: r.code, message: r.reason, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** A form's text fields as a plain object (files and repeated names are not used by these forms). */
export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !(k in out)) out[k] = v;
  return out;
}
