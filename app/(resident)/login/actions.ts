"use server";
import { redirect } from "next/navigation";
import { AFTER_LOGIN, attemptLogin } from "./login";
import type { LoginState } from "./login-form";

/** The form posted without JavaScript (with it, the form posts to ./submit instead). */
export async function residentLoginAction(_prev: LoginState, form: FormData): Promise<LoginState> {
  const refused = await attemptLogin(form);
  if (refused) return refused;
  redirect(AFTER_LOGIN);
}
