// Staff server actions in the database tests, called as in production: requireStaff() reads a real
// next-auth session cookie from next/headers and re-reads the account. Only Next's request store is
// stood in for — a cookie jar this module fills. In a test file:
//
//   jest.mock("next/headers", () => jest.requireActual("../support/staff-session").nextHeaders);
//   import { signInAs } from "../support/staff-session";
import { encode } from "next-auth/jwt";

export const TEST_AUTH_SECRET = "test-secret-0123456789-0123456789-abcdef";
process.env.NEXTAUTH_SECRET = TEST_AUTH_SECRET;

const SESSION_COOKIE = "next-auth.session-token";
const cookieJar = new Map<string, string>();

export const nextHeaders = {
  cookies: async () => ({ get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name) } : undefined) }),
  headers: async () => new Headers(),
};

/** The next requests come from this staff member's session (null: no session; raw: exactly this cookie value). */
export async function signInAs(actor: { staffId: number } | null, raw?: string): Promise<void> {
  cookieJar.clear();
  if (raw !== undefined) cookieJar.set(SESSION_COOKIE, raw);
  else if (actor) cookieJar.set(SESSION_COOKIE, await encode({ token: { staffId: actor.staffId }, secret: TEST_AUTH_SECRET }));
}

/** Drops the session cookie (as after a logout or for a visitor who never signed in). */
export function signOut(): void {
  cookieJar.clear();
}
