// What staff may enter for an account and a password change, with the messages they read.
import { z } from "zod";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { toHalfWidth } from "@/lib/domain/normalize";

export const newAccountSchema = z.object({
  loginId: z
    .string({ message: "ログインIDを入力してください。" })
    .transform((v) => toHalfWidth(v).trim())
    .pipe(
      z
        .string()
        .min(3, "ログインIDは3文字以上で入力してください。")
        .max(64, "ログインIDは64文字以内で入力してください。")
        .regex(/^[A-Za-z0-9._@-]+$/, "ログインIDは半角の英数字と . _ @ - で入力してください。"),
    ),
  displayName: z
    .string({ message: "氏名を入力してください。" })
    .trim()
    .min(1, "氏名を入力してください。")
    .max(50, "氏名は50文字以内で入力してください。"),
  role: z.enum(STAFF_ROLES, { message: "権限を選んでください。" }),
  /** 会場コード (the venue roles need at least one; the others none). */
  venueCodes: z
    .array(z.string())
    .default([])
    .transform((codes) => [...new Set(codes.map((c) => toHalfWidth(c).trim().toUpperCase()).filter(Boolean))]),
});
export type NewAccountInput = z.input<typeof newAccountSchema>;

/** 「M01, C01」「M01 C01」「M01、C01」 → ["M01", "C01"] */
export function splitVenueCodes(value: string): string[] {
  return toHalfWidth(value)
    .split(/[\s,、，]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}
