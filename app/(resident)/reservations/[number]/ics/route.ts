// 「カレンダーに追加（.ics）」: the logged-in resident's own reservation as a calendar file.
// Another voucher's number answers exactly like a number that does not exist.
import { getResidentDb } from "@/db/client";
import { loadSettings } from "@/lib/booking/context";
import { getMessages } from "@/lib/i18n/server";
import { buildReservationIcs, icsFileName } from "@/lib/resident/ics";
import { loadReservationView } from "@/lib/resident/reservation-view";
import { currentResident } from "@/lib/resident/session";

export const dynamic = "force-dynamic";

function plainText(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}

export async function GET(_request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { m } = await getMessages();
  const session = await currentResident();
  if (!session) return plainText(401, m.done.icsUnauthorized);
  const { number } = await params;
  const db = await getResidentDb();
  const view = await loadReservationView(db, session.voucherId, number);
  if (!view) return plainText(404, m.done.icsNotFound);
  const settings = await loadSettings(db);
  return new Response(buildReservationIcs(view, m, settings.code), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${icsFileName(view.reservationNumber)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
