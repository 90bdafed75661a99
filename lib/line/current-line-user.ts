// The LINE user the LIFF pages serve (the door; lib/line/line-session.ts owns the cookie format).
import { cookies } from "next/headers";
import { decodeLineSession, LINE_SESSION_COOKIE } from "./line-session";

export async function currentLineUser(): Promise<string | null> {
  return decodeLineSession((await cookies()).get(LINE_SESSION_COOKIE)?.value);
}
