// The resident login itself, shared by the form's two ways in: the server action (a form posted
// without JavaScript) and the JSON route the form's script posts to (submit/route.ts).
import { getResidentDb } from "@/db/client";
import { residentLogin } from "@/lib/auth/resident-login";
import { refusalText } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { parseLoginForm } from "@/lib/resident/parse-login-form";
import { clientAddress, startResidentSession } from "@/lib/resident/session";
import type { LoginState } from "./login-form";

/** Where a logged-in resident goes. */
export const AFTER_LOGIN = "/mypage";

/** Logs the resident in (the session cookie is set on this request's response): null, or the refusal to show. */
export async function attemptLogin(form: FormData): Promise<LoginState> {
  const { m } = await getMessages();
  const login = parseLoginForm(form, m);
  if (!login.ok) return login;
  const { voucherNumber, birthDate } = login;
  const result = await residentLogin(await getResidentDb(), { voucherNumber, birthDate, clientKey: await clientAddress(), channel: "web" });
  if (!result.ok) return { ok: false, message: refusalText(m, result) };
  await startResidentSession({ voucherId: result.voucherId, channel: "web" });
  return null;
}
