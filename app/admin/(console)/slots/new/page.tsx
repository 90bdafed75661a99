import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, SelectField, TextField } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { createSlotAction } from "../actions";
import { venueForSlotCreation } from "../venue-for-edit";

export const metadata: Metadata = { title: "予約枠の作成" };
export const dynamic = "force-dynamic";

export default async function NewSlotPage({ searchParams }: { searchParams: Promise<{ venue?: string }> }) {
  const staff = await consoleStaff();
  const found = await venueForSlotCreation(staff, (await searchParams).venue);
  if (!found.ok) return <p role="alert">{found.reason}</p>;
  const { venue, products } = found;
  return (
    <div className="space-y-4">
      <p>
        <Link href={`/admin/slots?venue=${venue.id}`} className="text-[var(--color-brand)] underline">
          {venue.name}の週間表に戻る
        </Link>
      </p>
      <h1 className="text-2xl font-bold">予約枠を1つ作成 — {venue.name}</h1>
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <ActionForm action={createSlotAction} submitLabel="作成する" ariaLabel="予約枠の作成">
          <input type="hidden" name="venueId" value={venue.id} />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField name="date" label="日付" type="date" required />
            <TextField name="startTime" label="開始時刻" type="time" required defaultValue="10:00" />
            <TextField name="endTime" label="終了時刻" type="time" required defaultValue="10:30" />
            <TextField name="capacity" label="定員（人）" inputMode="numeric" required defaultValue={10} />
            <SelectField name="productCode" label="ワクチン" options={products.map((p) => ({ value: p.code, label: p.name }))} className="sm:col-span-2" />
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
