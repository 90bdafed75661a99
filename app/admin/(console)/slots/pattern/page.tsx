import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, CheckboxGroupField, SelectField, TextField } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { addDays, tokyoDate } from "@/lib/domain/dates";
import { MAX_PATTERN_DAYS, MAX_PATTERN_SLOTS, WEEKDAY_LABELS } from "@/lib/slots/schemas";
import { slotPatternAction } from "../actions";
import { venueForSlotCreation } from "../venue-for-edit";

export const metadata: Metadata = { title: "予約枠を繰り返しで作成" };
export const dynamic = "force-dynamic";

// Monday first, as on a Japanese office calendar.
const DAY_OPTIONS = [1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: String(d), label: `${WEEKDAY_LABELS[d]}曜日` }));

export default async function SlotPatternPage({ searchParams }: { searchParams: Promise<{ venue?: string }> }) {
  const staff = await consoleStaff();
  const found = await venueForSlotCreation(staff, (await searchParams).venue);
  if (!found.ok) return <p role="alert">{found.reason}</p>;
  const { venue, products } = found;
  const tomorrow = addDays(tokyoDate(new Date()), 1);
  return (
    <div className="space-y-4">
      <p>
        <Link href={`/admin/slots?venue=${venue.id}`} className="text-[var(--color-brand)] underline">
          {venue.name}の週間表に戻る
        </Link>
      </p>
      <h1 className="text-2xl font-bold">予約枠を繰り返しで作成 — {venue.name}</h1>
      <p>
        選んだ曜日ごとに、最初の枠の開始時刻から最後の枠の終了時刻まで、1枠の長さごとに予約枠を作ります。
        最初に作成する件数を表示しますので、確認してから確定してください。同じ日時・同じワクチンの枠がすでにある場合は作りません。
        （期間は{MAX_PATTERN_DAYS}日まで、一度に{MAX_PATTERN_SLOTS.toLocaleString("ja-JP")}枠まで）
      </p>
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <ActionForm action={slotPatternAction} submitLabel="作成する件数を確認する" confirmLabel="この内容で作成する（確定）" ariaLabel="繰り返しの予約枠">
          <input type="hidden" name="venueId" value={venue.id} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="fromDate" label="開始日" type="date" required defaultValue={tomorrow} />
            <TextField name="toDate" label="終了日" type="date" required defaultValue={addDays(tomorrow, 6)} />
            <CheckboxGroupField name="weekdays" legend="曜日" options={DAY_OPTIONS} defaultValues={["1", "2", "3", "4", "5"]} className="sm:col-span-2" />
            <TextField name="startTime" label="最初の枠の開始時刻" type="time" required defaultValue="09:30" />
            <TextField name="endTime" label="最後の枠の終了時刻" type="time" required defaultValue="12:00" />
            <TextField name="intervalMinutes" label="1枠の長さ（分）" inputMode="numeric" required defaultValue={30} />
            <TextField name="capacity" label="1枠の定員（人）" inputMode="numeric" required defaultValue={20} />
            <SelectField name="productCode" label="ワクチン" options={products.map((p) => ({ value: p.code, label: p.name }))} />
            <div className="flex items-end">
              <label className="flex min-h-12 cursor-pointer items-center gap-2 rounded-md border-2 border-[var(--color-line)] bg-white px-3 py-2 font-bold">
                <input type="checkbox" name="skipHolidays" defaultChecked className="h-5 w-5" />
                祝日（振替休日を含む）は作らない
              </label>
            </div>
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
