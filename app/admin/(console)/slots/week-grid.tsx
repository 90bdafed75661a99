// One venue's week: days across, start times down; each cell links to its slot(s) with booked/capacity
// (plus the overbooking and held seats when there are any); the last row gives each day's vials.
import Link from "next/link";
import { formatDateJa } from "@/lib/domain/dates";
import { vialHintJa, vialSummaryJa } from "@/lib/domain/vials";
import type { DayVials, WeekSlot } from "@/lib/slots/slot-week";

function cellTone(s: WeekSlot) {
  if (s.status === "closed") return "border-slate-400 bg-slate-200 text-slate-800";
  if (s.seatsLeft <= 0) return "border-red-700 bg-red-50 text-red-900";
  return "border-[var(--color-brand)] bg-white text-[var(--color-ink)]";
}

/** 「超過枠+2・保留1」: only the parts that are not zero. */
export function seatExtrasJa(s: Pick<WeekSlot, "overbookSeats" | "heldCount">): string {
  const parts: string[] = [];
  if (s.overbookSeats > 0) parts.push(`超過枠+${s.overbookSeats}`);
  if (s.heldCount > 0) parts.push(`保留${s.heldCount}`);
  return parts.join("・");
}

function slotLabel(s: WeekSlot): string {
  const extras = [
    s.overbookSeats > 0 ? `オーバーブッキング枠${s.overbookSeats}人` : "",
    s.heldCount > 0 ? `案内中の保留${s.heldCount}人` : "",
    `残り${Math.max(0, s.seatsLeft)}人`,
    s.offerOnly ? "案内専用" : "",
    s.status === "closed" ? "受付停止中" : "",
  ].filter(Boolean);
  return `${formatDateJa(s.date)} ${s.startTime}〜${s.endTime} ${s.productName} 予約${s.bookedCount}人／定員${s.capacity}人 ${extras.join(" ")}`;
}

export function WeekGrid({
  days,
  times,
  slots,
  vials = [],
}: {
  days: { date: string; holiday: string | null }[];
  times: string[];
  slots: WeekSlot[];
  vials?: DayVials[];
}) {
  const at = new Map<string, WeekSlot[]>();
  for (const s of slots) at.set(`${s.date}|${s.startTime}`, [...(at.get(`${s.date}|${s.startTime}`) ?? []), s]);
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
      <table className="w-full min-w-[56rem] table-fixed border-collapse text-center">
        <caption className="sr-only">週間の予約枠（予約数／定員）</caption>
        <thead>
          <tr className="border-b-2 border-[var(--color-line)]">
            <th scope="col" className="w-20 p-2">
              時刻
            </th>
            {days.map((d) => (
              <th key={d.date} scope="col" className={`p-2 ${d.holiday ? "text-red-800" : ""}`}>
                {formatDateJa(d.date)}
                {d.holiday && <div className="text-xs font-normal">{d.holiday}</div>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {times.map((time) => (
            <tr key={time} className="border-b border-[var(--color-line)]">
              <th scope="row" className="p-2 font-mono">
                {time}
              </th>
              {days.map((d) => {
                const here = at.get(`${d.date}|${time}`) ?? [];
                return (
                  <td key={d.date} className="p-1 align-top">
                    {here.map((s) => (
                      <Link
                        key={s.id}
                        href={`/admin/slots/${s.id}`}
                        aria-label={slotLabel(s)}
                        className={`mb-1 block min-h-12 rounded-md border-2 px-1 py-1 text-sm leading-tight ${cellTone(s)}`}
                      >
                        <span className="block text-base font-bold">
                          {s.bookedCount}/{s.capacity}
                        </span>
                        {seatExtrasJa(s) && <span className="block text-xs font-bold">{seatExtrasJa(s)}</span>}
                        <span className="block truncate text-xs">{s.productName}</span>
                        {s.offerOnly && <span className="block text-xs font-bold">案内専用</span>}
                        {s.status === "closed" && <span className="block text-xs font-bold">停止中</span>}
                      </Link>
                    ))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {vials.length > 0 && (
          <tfoot>
            <tr className="border-t-2 border-[var(--color-line)] bg-slate-50">
              <th scope="row" className="p-2 text-sm">
                バイアル
              </th>
              {days.map((d) => (
                <td key={d.date} className="p-1 align-top text-left text-xs leading-snug">
                  <ul className="space-y-1">
                    {vials
                      .filter((v) => v.date === d.date)
                      .map((v) => (
                        <li key={v.productCode} className={v.wasted > 0 ? "rounded bg-amber-50 p-1 text-amber-900" : "p-1"}>
                          <span className="block truncate font-bold">{v.productName}</span>
                          <span className="block">{v.booked === 0 ? vialSummaryJa(v) : `予約${v.booked}人・${vialSummaryJa(v)}`}</span>
                          {vialHintJa(v) && <span className="block">{vialHintJa(v)}</span>}
                        </li>
                      ))}
                  </ul>
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
