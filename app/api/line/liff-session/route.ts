// POST /api/line/liff-session {"idToken", "to"} from the LIFF page: the ID token is verified by
// LINE (never trusted unverified), then the LINE user's session cookie is set and the page is
// told where to go — straight into the resident flow when one voucher is linked (resident
// session with channel line), the voucher chooser when several are, the voucher login when none.
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { encodeResidentSession, RESIDENT_COOKIE, RESIDENT_SESSION_SECONDS } from "@/lib/auth/resident-session";
import { lineConfig } from "@/lib/line/config";
import { verifyLineIdToken } from "@/lib/line/id-token";
import { liffDestination, LIFF_DESTINATIONS } from "@/lib/line/liff-destination";
import { ensureLineUser, listLinkedVouchers, loginWithLink } from "@/lib/line/links";
import { encodeLineSession, LINE_SESSION_COOKIE, lineSessionCookieOptions } from "@/lib/line/line-session";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const LiffSessionRequest = z.object({
  idToken: z.string().min(1).max(4096),
  to: z.enum(LIFF_DESTINATIONS).optional(),
});

export async function POST(request: Request) {
  try {
    const parsed = LiffSessionRequest.safeParse(await request.json().catch(() => null));
    if (!parsed.success) return NextResponse.json({ error: "invalid_request", message: "LINEの情報を読み取れませんでした。もう一度開いてください。" }, { status: 400 });
    const config = lineConfig();
    const verified = await verifyLineIdToken(config, parsed.data.idToken);
    if (!verified.ok) {
      const status = verified.reason === "invalid" ? 401 : 503;
      const message =
        verified.reason === "invalid"
          ? "LINEでの本人確認ができませんでした。LINEアプリからもう一度開いてください。"
          : "ただいまLINEでの本人確認ができません。時間をおいてお試しいただくか、ウェブサイトからログインしてください。";
      return NextResponse.json({ error: verified.reason, message }, { status });
    }
    const db = await getDb();
    await ensureLineUser(db, verified.lineUserId);
    const linked = await listLinkedVouchers(db, verified.lineUserId);
    const to = parsed.data.to ?? "home";
    let next: string;
    let residentVoucherId: number | null = null;
    if (linked.length === 1 && (await loginWithLink(db, verified.lineUserId, linked[0]!.voucherId))) {
      residentVoucherId = linked[0]!.voucherId;
      next = liffDestination(to);
    } else if (linked.length > 1) {
      next = `/liff/vouchers?to=${to}`;
    } else {
      next = `/liff/link?to=${to}`;
    }
    const response = NextResponse.json({ next, linked: linked.length });
    const cookieOptions = lineSessionCookieOptions();
    response.cookies.set(LINE_SESSION_COOKIE, await encodeLineSession(verified.lineUserId), cookieOptions);
    if (residentVoucherId !== null) {
      response.cookies.set(RESIDENT_COOKIE, await encodeResidentSession({ voucherId: residentVoucherId, channel: "line" }), {
        ...cookieOptions,
        maxAge: RESIDENT_SESSION_SECONDS,
      });
    }
    return response;
  } catch (e) {
    const requestId = randomUUID();
    console.error(`[liff-session ${requestId}]`, e);
    return NextResponse.json({ error: "internal", message: "ただいま開けません。時間をおいてお試しください。", requestId }, { status: 500 });
  }
}
