import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/admin/form-kit";
import { consoleStaff } from "@/lib/admin/console-staff";
import { roleMay, staffMay } from "@/lib/auth/permissions";
import { VENUE_KIND_LABELS, type VenueKind } from "@/lib/venues/schemas";
import { getVenue } from "@/lib/venues/venues";
import { updateVenueAction } from "../actions";
import { VenueFields } from "../venue-fields";

export const metadata: Metadata = { title: "会場" };
export const dynamic = "force-dynamic";

export default async function VenuePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const staff = await consoleStaff();
  if (!roleMay(staff.role, "venues.view")) return <p role="alert">会場を見る権限がありません。</p>;
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) return <p role="alert">会場が見つかりません。</p>;
  const result = await getVenue(await getDb(), staff, id);
  if (!result.ok) return <p role="alert">{result.reason}</p>;
  const { venue } = result;
  const canEdit = staffMay(staff, "venues.edit", { venueId: venue.id });
  const created = (await searchParams).saved === "created";
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/venues" className="text-[var(--color-brand)] underline">
          会場の一覧に戻る
        </Link>
      </p>
      {created && (
        <p role="status" className="rounded-lg border-2 border-green-700 bg-green-50 p-3 font-bold text-green-900">
          会場「{venue.name}」を登録しました。続けて予約枠を作成できます。
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">
          {venue.name}（{venue.code}）
        </h1>
        <Link href={`/admin/slots?venue=${venue.id}`} className="btn-primary">
          この会場の予約枠
        </Link>
      </div>
      {canEdit ? (
        <section aria-labelledby="edit-venue" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="edit-venue" className="mb-3 text-lg font-bold">
            会場の情報を変更する
          </h2>
          <ActionForm action={updateVenueAction} submitLabel="保存する" ariaLabel="会場の情報">
            <input type="hidden" name="venueId" value={venue.id} />
            <VenueFields venue={venue} />
          </ActionForm>
        </section>
      ) : (
        <section aria-labelledby="venue-info" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="venue-info" className="sr-only">
            会場の情報
          </h2>
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
            <dt className="font-bold">会場コード</dt>
            <dd>{venue.code}</dd>
            <dt className="font-bold">種別</dt>
            <dd>{VENUE_KIND_LABELS[venue.kind as VenueKind] ?? venue.kind}</dd>
            <dt className="font-bold">住所</dt>
            <dd>{venue.address || "—"}</dd>
            <dt className="font-bold">電話番号</dt>
            <dd>{venue.phone || "—"}</dd>
            <dt className="font-bold">状態</dt>
            <dd>{venue.active ? "受付中" : "休止"}</dd>
          </dl>
        </section>
      )}
    </div>
  );
}
