// LIFF entry for 余剰ワクチンの当日のご案内: LINE confirms who the user is, then the resident site's
// own opt-in page (/mypage/leftover) opens with LINE offered as the way to receive the offers.
import type { Metadata } from "next";
import { LiffEntryPage } from "../liff-entry-page";

export const metadata: Metadata = { title: "余剰ワクチンの当日のご案内" };
export const dynamic = "force-dynamic";

export default function LiffLeftover() {
  return <LiffEntryPage to="leftover" />;
}
