// The slot chooser every resident flow shares (日付から探す, 当日予約, change, dose 2 of a set):
// a month calendar with each day's mark, then the chosen day's slots, bookable or greyed with the reason.
import type { SearchPurpose } from "@/lib/resident/slot-search";

export interface SlotPickerProps {
  voucherId: number;
  /** What the slot is for (default: a new booking). */
  purpose?: SearchPurpose;
  /** The hosting page's current query: month=YYYY-MM, date=YYYY-MM-DD, venue=<id>. */
  query: { month?: string; date?: string; venue?: string };
  /** The hosting page's path; calendar links keep it and change only the query. */
  basePath: string;
  /** Extra query the hosting page needs kept on every calendar link (e.g. "first=12"). */
  keepQuery?: string;
  /** Where choosing a bookable slot leads. */
  slotHref: (slotId: number) => string;
  /** The label of the choose link (default: この枠で予約する). */
  chooseLabel?: string;
  /** The first date offered (default: today). */
  from?: string;
}

export async function SlotPicker(props: SlotPickerProps) {
  void props;
  return null;
}
