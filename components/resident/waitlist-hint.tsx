// 「キャンセル待ちに登録する」 where the resident finds nothing: under the slot search and on a full slot.
import Link from "next/link";
import type { Messages } from "@/lib/i18n";

export function WaitlistHint({ m, venueId, from }: { m: Messages; venueId?: string | number; from?: string }) {
  const query = new URLSearchParams();
  if (venueId) query.set("venue", String(venueId));
  if (from) query.set("from", from);
  const href = query.size > 0 ? `/waitlist?${query.toString()}` : "/waitlist";
  return (
    <div className="space-y-2 rounded-lg border-2 border-dashed border-[var(--color-line)] bg-white p-4">
      <p>{m.waitlist.noneFound}</p>
      <Link href={href} className="btn-secondary w-full">
        {m.waitlist.link}
      </Link>
    </div>
  );
}
