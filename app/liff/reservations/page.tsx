import type { Metadata } from "next";
import { LiffEntryPage } from "../liff-entry-page";

export const metadata: Metadata = { title: "LINEで予約" };
export const dynamic = "force-dynamic";

export default function LiffReservations() {
  return <LiffEntryPage to="reservations" />;
}
