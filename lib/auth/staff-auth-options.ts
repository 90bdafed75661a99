// next-auth (v4) for staff: credentials provider, JWT session in an encrypted cookie
// carrying role and venue scope. The cookie alone is never trusted for permissions:
// requireStaff() re-reads the account on every action.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authSecret } from "./secret";
import { staffLogin } from "./staff-login";

export const STAFF_SESSION_SECONDS = 8 * 60 * 60;

export function staffAuthOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: STAFF_SESSION_SECONDS },
    pages: { signIn: "/admin/login", error: "/admin/login" },
    providers: [
      CredentialsProvider({
        name: "職員ログイン",
        credentials: {
          loginId: { label: "ログインID", type: "text" },
          password: { label: "パスワード", type: "password" },
        },
        async authorize(credentials) {
          const loginId = String(credentials?.loginId ?? "");
          const password = String(credentials?.password ?? "");
          if (!loginId || !password) return null;
          const result = await staffLogin(await getDb(), loginId, password);
          if (!result.ok) throw new Error(result.reason);
          return {
            id: String(result.staff.staffId),
            name: result.staff.displayName,
            role: result.staff.role,
            venueIds: result.staff.venueIds,
            mustChangePassword: result.staff.mustChangePassword,
          };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as typeof user & { role: string; venueIds: number[]; mustChangePassword: boolean };
          token.staffId = Number(u.id);
          token.role = u.role;
          token.venueIds = u.venueIds;
          token.mustChangePassword = u.mustChangePassword;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, staff: { staffId: token.staffId, role: token.role, venueIds: token.venueIds } };
      },
    },
  };
}
