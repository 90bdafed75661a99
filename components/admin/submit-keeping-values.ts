import { startTransition, type FormEvent } from "react";

/**
 * onSubmit for a console form whose typed values must survive a refusal. React resets a form
 * after an action given as `action=`; submitting by hand keeps the fields, so the operator only
 * corrects the one that was wrong. The pressed button's name/value is sent as with `action=`.
 */
export function submitKeepingValues(formAction: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter ?? null;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(data));
  };
}
