import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BackToMyPage } from "@/components/resident/back-to-my-page";
import { SlotPicker } from "@/components/resident/slot-picker";
import { WaitlistHint } from "@/components/resident/waitlist-hint";
import { getResidentDb } from "@/db/client";
import { loadSettings } from "@/lib/booking/context";
import { isValidIsoDate } from "@/lib/domain/dates";
import { getMessages } from "@/lib/i18n/server";
import { currentResident } from "@/lib/resident/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).m.search.byDateTitle };
}
export const dynamic = "force-dynamic";

export default async function SlotsByDatePage({ searchParams }: { searchParams: Promise<{ month?: string; date?: string; venue?: string }> }) {
  const session = await currentResident();
  if (!session) redirect("/login");
  const { m } = await getMessages();
  const query = await searchParams;
  const settings = await loadSettings(await getResidentDb());
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{m.search.byDateTitle}</h1>
      <SlotPicker voucherId={session.voucherId} query={query} basePath="/slots" slotHref={(slotId) => `/book/${slotId}`} />
      {settings.waitlistEnabled && <WaitlistHint m={m} venueId={query.venue} from={query.date && isValidIsoDate(query.date) ? query.date : undefined} />}
      <BackToMyPage label={m.common.backToMyPage} />
    </div>
  );
}
