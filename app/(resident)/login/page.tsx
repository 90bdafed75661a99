import type { Metadata } from "next";
import { getMessages } from "@/lib/i18n/server";
import { residentLoginAction } from "./actions";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.login.title };
}

export default async function LoginPage() {
  const { m } = await getMessages();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{m.login.title}</h1>
      <p>{m.login.intro}</p>
      <div className="rounded-lg bg-white p-4 shadow-sm">
        <LoginForm action={residentLoginAction} submitUrl="/login/submit" />
      </div>
      <p className="text-sm text-[var(--color-muted)]">{m.login.lockNote}</p>
    </div>
  );
}
