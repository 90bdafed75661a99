// What staff may enter for a venue, as a zod schema with the messages the admin reads.
// The services parse with it too, so the form, a test or a CLI get the same refusals.
import { z } from "zod";
import { toHalfWidth } from "@/lib/domain/normalize";

export const VENUE_KINDS = ["mass", "clinic"] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
export const VENUE_KIND_LABELS: Record<VenueKind, string> = { mass: "集団接種会場", clinic: "個別接種会場" };

/** 「集団」「個別」 (CSV and forms) or the code. */
export function venueKindFromLabel(label: string): VenueKind | null {
  const v = label.trim();
  if (v === "mass" || v === "集団" || v === "集団接種" || v === VENUE_KIND_LABELS.mass) return "mass";
  if (v === "clinic" || v === "個別" || v === "個別接種" || v === VENUE_KIND_LABELS.clinic) return "clinic";
  return null;
}

const PHONE = /^[0-9][0-9\-()（） ]{8,15}[0-9]$/;

export const venueSchema = z.object({
  code: z
    .string({ message: "会場コードを入力してください。" })
    .transform((v) => toHalfWidth(v).trim().toUpperCase())
    .pipe(
      z
        .string()
        .min(1, "会場コードを入力してください。")
        .max(20, "会場コードは20文字以内で入力してください。")
        .regex(/^[A-Z0-9_-]+$/, "会場コードは半角の英数字・ハイフン・アンダーバーで入力してください。"),
    ),
  name: z
    .string({ message: "会場名を入力してください。" })
    .trim()
    .min(1, "会場名を入力してください。")
    .max(100, "会場名は100文字以内で入力してください。"),
  kind: z.preprocess((v) => (typeof v === "string" ? (venueKindFromLabel(v) ?? v) : v), z.enum(VENUE_KINDS, { message: "種別（集団・個別）を選んでください。" })),
  address: z.string().trim().max(200, "住所は200文字以内で入力してください。").default(""),
  phone: z
    .string()
    .transform((v) => toHalfWidth(v).trim())
    .pipe(z.string().refine((v) => v === "" || PHONE.test(v), "電話番号は数字とハイフンで入力してください（例: 042-000-0000）。"))
    .default(""),
  /** 受付中 (true) or 休止 (false): a paused venue keeps its slots but is shown as 休止. */
  active: z.preprocess((v) => (v === undefined ? true : v === true || v === "true" || v === "on"), z.boolean()).default(true),
});

export type VenueInput = z.input<typeof venueSchema>;
export type VenueValues = z.output<typeof venueSchema>;

/** Each field's first problem, for aria-invalid + the message under the field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0])] ??= issue.message;
  return out;
}
