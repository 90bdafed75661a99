import Link from "next/link";
import type { Messages } from "@/lib/i18n";

/** セット予約 and 同時予約 for a slot id that leads to no slot: search again, or back to my page. */
export function SlotNotFound({ m }: { m: Messages }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{m.group.slotNotFound}</h1>
      <Link href="/slots" className="btn-secondary w-full">
        {m.group.searchSlots}
      </Link>
      <Link href="/mypage" className="block text-[var(--color-brand)] underline">
        {m.common.backToMyPage}
      </Link>
    </div>
  );
}
