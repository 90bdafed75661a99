// Reminder e-mail over SMTP (nodemailer): SMTP_URL, e.g. smtps://user:pass@smtp.example.jp:465
// or smtp://relay.internal:25, and the sender REMINDER_EMAIL_FROM.
import nodemailer from "nodemailer";

export interface EmailConfig {
  smtpUrl: string;
  from: string;
}

export function emailConfigFromEnv(): EmailConfig | null {
  const smtpUrl = process.env.SMTP_URL?.trim();
  const from = process.env.REMINDER_EMAIL_FROM?.trim();
  return smtpUrl && from ? { smtpUrl, from } : null;
}

export type SendOutcome = { ok: true } | { ok: false; error: string };

export function emailSender(config: EmailConfig) {
  const transport = nodemailer.createTransport(config.smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return async (to: string, subject: string, text: string): Promise<SendOutcome> => {
    try {
      await transport.sendMail({ from: config.from, to, subject, text });
      return { ok: true };
    } catch (e) {
      // The SMTP code only: the server's text may quote the address.
      const error = e as { code?: unknown; responseCode?: unknown };
      return { ok: false, error: `smtp ${String(error.responseCode ?? error.code ?? "error")}` };
    }
  };
}
