import type { Metadata } from "next";
import { LiffEntryPage } from "../liff-entry-page";

export const metadata: Metadata = { title: "LINEでキャンセル待ち" };
export const dynamic = "force-dynamic";

// キャンセル待ち in LINE: once LINE has confirmed the user, the resident site's waitlist page
// (/waitlist) offers contact 'line' — the push goes to this LINE user.
export default function LiffWaitlist() {
  return <LiffEntryPage to="waitlist" />;
}
