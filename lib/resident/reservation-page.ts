// The start the reservation pages share (予約内容, 予約の変更, 変更内容の確認, 予約のキャンセル): the
// resident's own reservation with the number in the URL, the settings for the call-center number,
// and the messages. The page checks the session itself first, as every resident page does.
import { getResidentDb } from "@/db/client";
import type { ResidentSession } from "@/lib/auth/resident-session";
import { loadSettings } from "@/lib/booking/context";
import { getMessages } from "@/lib/i18n/server";
import { loadReservationView } from "./reservation-view";

/** `reservation` is null when the number is not this voucher's (or does not exist): the page says 予約が見つかりません. */
export async function loadReservationPage(session: ResidentSession, reservationNumber: string) {
  const db = await getResidentDb();
  const reservation = await loadReservationView(db, session.voucherId, reservationNumber);
  const settings = await loadSettings(db);
  const { locale, m } = await getMessages();
  return { db, reservation, settings, locale, m };
}
