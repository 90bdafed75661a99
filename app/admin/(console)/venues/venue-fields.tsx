// The venue form's fields (new and edit), inside an ActionForm.
import { RadioField, TextField } from "@/components/admin/form-kit";
import { VENUE_KIND_LABELS } from "@/lib/venues/schemas";
import type { VenueRow } from "@/lib/venues/venues";

export function VenueFields({ venue }: { venue?: VenueRow }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField name="code" label="会場コード" required defaultValue={venue?.code} hint="半角英数字（例: M01）。CSVや予約枠の一括登録で会場を指定するときに使います。" />
      <TextField name="name" label="会場名" required defaultValue={venue?.name} />
      <RadioField
        name="kind"
        legend="種別"
        defaultValue={venue?.kind ?? "mass"}
        options={[
          { value: "mass", label: VENUE_KIND_LABELS.mass },
          { value: "clinic", label: VENUE_KIND_LABELS.clinic },
        ]}
      />
      <RadioField
        name="active"
        legend="状態"
        defaultValue={venue ? String(venue.active) : "true"}
        options={[
          { value: "true", label: "受付中" },
          { value: "false", label: "休止" },
        ]}
      />
      <TextField name="address" label="住所" defaultValue={venue?.address} className="sm:col-span-2" />
      <TextField name="phone" label="電話番号" type="tel" inputMode="tel" defaultValue={venue?.phone} hint="例: 042-000-0000" />
    </div>
  );
}
