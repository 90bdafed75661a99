// One venue's week: days across, start times down; each cell links to its slot(s) with booked/capacity.
import Link from "next/link";
import { formatDateJa } from "@/lib/domain/dates";
import type { WeekSlot } from "@/lib/slots/slot-week";

function cellTone(s: WeekSlot) {
  if (s.status === "closed") return "border-slate-400 bg-slate-200 text-slate-800";
  if (s.bookedCount >= s.capacity) return "border-red-700 bg-red-50 text-red-900";
  return "border-[var(--color-brand)] bg-white text-[var(--color-ink)]";
}

export function WeekGrid({ days, times, slots }: { days: { date: string; holiday: string | null }[]; times: string[]; slots: WeekSlot[] }) {
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
                        aria-label={`${formatDateJa(s.date)} ${s.startTime}〜${s.endTime} ${s.productName} 予約${s.bookedCount}人／定員${s.capacity}人${s.status === "closed" ? " 受付停止中" : ""}`}
                        className={`mb-1 block min-h-12 rounded-md border-2 px-1 py-1 text-sm leading-tight ${cellTone(s)}`}
                      >
                        <span className="block text-base font-bold">
                          {s.bookedCount}/{s.capacity}
                        </span>
                        <span className="block truncate text-xs">{s.productName}</span>
                        {s.status === "closed" && <span className="block text-xs font-bold">停止中</span>}
                      </Link>
                    ))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
