// The key that signs and encrypts sessions (staff and resident). Required in production;
// `npm run demo` generates one into .data/ for the embedded demo.
export function authSecret(): string {
  const secret = configuredAuthSecret();
  if (!secret || secret.length < 32) {
    throw new Error("NEXTAUTH_SECRET (32文字以上のランダムな文字列) を設定してください。例: openssl rand -base64 48");
  }
  return secret;
}

/** The configured key as it is, or undefined: for the proxy and the waiting room, which then let everyone in. */
export function configuredAuthSecret(): string | undefined {
  return process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET || undefined;
}
