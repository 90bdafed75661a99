"use client";
// A resident form whose server action serves it without JavaScript, while its script posts the
// same fields to a route handler that answers in JSON (login, the booking form): under a booking
// rush a route handler costs the work alone, a server action its handling around it too
// (docs/rush.md). When the route does not answer in JSON (the waiting room, signed out, an
// error), the same form data goes to the action, whose answer the resident then sees.
import { startTransition, useActionState, useState, type FormEvent } from "react";

interface ScriptPost<S> {
  state: S;
  /** The form's `action`: the server action (without JavaScript, and the fallback). */
  formAction: (form: FormData) => void;
  /** The form's `onSubmit`: posts to the route instead. */
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  pending: boolean;
}

/**
 * `read` turns the route's JSON into the form's next state; `undefined` when it has taken the
 * answer itself (login's `{ redirect }`: the page is about to change).
 */
export function useScriptPost<S, A = S>(
  action: (prev: S, form: FormData) => Promise<S>,
  initial: S,
  submitUrl: string | undefined,
  read: (answer: A) => S | undefined = (answer) => answer as unknown as S,
): ScriptPost<S> {
  // The form's states are plain objects, never promises: Awaited<S> is S.
  const [actionState, formAction, actionPending] = useActionState<S, FormData>(
    action as (prev: Awaited<S>, form: FormData) => Promise<S>,
    initial as Awaited<S>,
  ) as [S, (form: FormData) => void, boolean];
  // The route's last answer, shown until the action answers again.
  const [answer, setAnswer] = useState<{ state: S; after: S } | null>(null);
  const [sending, setSending] = useState(false);
  const state = answer && answer.after === actionState ? answer.state : actionState;
  const pending = actionPending || sending;

  async function post(form: FormData) {
    setSending(true);
    let body: A | null = null;
    try {
      const res = await fetch(submitUrl!, { method: "POST", body: form, headers: { Accept: "application/json" } });
      if (res.ok && res.headers.get("content-type")?.includes("application/json")) body = (await res.json()) as A;
    } catch {
      body = null;
    }
    if (body === null) {
      setSending(false);
      startTransition(() => formAction(form));
      return;
    }
    const next = read(body);
    if (next === undefined) return; // stays "sending" until the next page replaces this one
    setSending(false);
    setAnswer({ state: next, after: actionState });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (!submitUrl) return;
    event.preventDefault();
    if (pending) return;
    void post(new FormData(event.currentTarget));
  }

  return { state, formAction, onSubmit, pending };
}
