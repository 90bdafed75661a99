import NextAuth from "next-auth";
import { staffAuthOptions } from "@/lib/auth/staff-auth-options";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Built per request so a missing NEXTAUTH_SECRET fails loudly at use, not at build time.
const handler: Handler = async (req, ctx) => NextAuth(staffAuthOptions())(req, ctx);

export { handler as GET, handler as POST };
