// The frame of every staff server action: guard first, then one service call, and a
// small typed state for useActionState. Refusals and auth failures come back as messages.
import type { z } from "zod";
import { StaffAuthError, requireStaff, type CurrentStaff } from "./require-staff";
import type { Permission } from "./permissions";

export type ActionState<T extends object = object> =
  | ({ ok: true; message: string } & T)
  | { ok: false; message: string; code?: string; fieldErrors?: Record<string, string> };

export async function staffAction<T extends object = object>(
  permission: Permission,
  work: (staff: CurrentStaff) => Promise<ActionState<NoInfer<T>>>,
): Promise<ActionState<T>> {
  try {
    const staff = await requireStaff(permission);
    return await work(staff);
  } catch (e) {
    if (e instanceof StaffAuthError) return { ok: false, code: e.code, message: e.message };
    const requestId = Math.random().toString(36).slice(2, 10);
    console.error(`[staff-action ${requestId}]`, e);
    return { ok: false, code: "error", message: `処理中にエラーが発生しました（受付番号 ${requestId}）。もう一度お試しください。` };
  }
}

/** Parses a form with a zod schema: the data, or a state naming each field's first problem. */
export function parseForm<T extends z.ZodType>(
  schema: T,
  form: FormData,
  message = "入力内容を確認してください。",
): { ok: true; data: z.infer<T> } | { ok: false; state: ActionState<never> } {
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
  return { ok: false, state: { ok: false, message, fieldErrors } };
}
