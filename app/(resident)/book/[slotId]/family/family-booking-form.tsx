"use client";
import { useActionState, useState } from "react";
import { FieldError } from "@/components/resident/field-error";
import { FormAlert } from "@/components/resident/form-alert";
import { toHalfWidth } from "@/lib/domain/normalize";
import { warekiOfYear } from "@/lib/domain/wareki";
import { useMessages } from "@/lib/i18n/client";
import type { FamilyFormState } from "./actions";

interface Row {
  key: number;
  voucherNumber: string;
  year: string;
  month: string;
  day: string;
}

interface Props {
  slotId: number;
  /** Family members allowed besides the resident (the group size minus one). */
  maxMembers: number;
  /** The resident's own voucher number, masked but for the last 4 digits. */
  ownMasked: string;
  slot: { when: string; venueName: string; productName: string };
  action: (prev: FamilyFormState, form: FormData) => Promise<FamilyFormState>;
}

const mask = (voucherNumber: string) => `******${voucherNumber.slice(-4)}`;
const emptyRow = (key: number): Row => ({ key, voucherNumber: "", year: "", month: "", day: "" });
const BIRTH_PARTS = ["year", "month", "day"] as const;

export function FamilyBookingForm({ slotId, maxMembers, ownMasked, slot, action }: Props) {
  const { m } = useMessages();
  const t = m.group;
  const [state, formAction, pending] = useActionState(action, { stage: "input" } as FamilyFormState);
  // Controlled rows: what the resident typed stays after a refused attempt (React 19 resets uncontrolled inputs).
  const [rows, setRows] = useState<Row[]>([emptyRow(0)]);
  const [nextKey, setNextKey] = useState(1);
  // The answer the resident has moved on from: 「入力内容を修正する」, or rows added/removed
  // (its errors were for the old row numbers). The next answer is shown as it comes.
  const [setAside, setSetAside] = useState<FamilyFormState | null>(null);
  const current = setAside === state ? null : state;

  const update = (key: number, field: Exclude<keyof Row, "key">, value: string) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const addRow = () => {
    setRows([...rows, emptyRow(nextKey)]);
    setNextKey(nextKey + 1);
    setSetAside(state);
  };
  const removeRow = (key: number) => {
    setRows(rows.filter((r) => r.key !== key));
    setSetAside(state);
  };

  const slotSummary = (
    <div>
      <p className="text-sm text-[var(--color-muted)]">{t.chosenSlot}</p>
      <p className="font-bold">{slot.when}</p>
      <p>
        {slot.venueName}・{slot.productName}
      </p>
    </div>
  );

  if (current?.stage === "confirm") {
    return (
      <form action={formAction} className="space-y-4">
        <input type="hidden" name="step" value="confirm" />
        <input type="hidden" name="slotId" value={slotId} />
        {current.members.map((member, i) => {
          const [year, month, day] = member.birthDate.split("-");
          return (
            <div key={member.voucherNumber}>
              <input type="hidden" name={`member${i}.voucherNumber`} value={member.voucherNumber} />
              <input type="hidden" name={`member${i}.year`} value={year} />
              <input type="hidden" name={`member${i}.month`} value={month} />
              <input type="hidden" name={`member${i}.day`} value={day} />
            </div>
          );
        })}
        <h2 className="text-lg font-bold">{t.confirmTitle}</h2>
        <p>{t.confirmFamilyIntro(current.members.length + 1)}</p>
        {slotSummary}
        <ol className="space-y-2">
          <li className="rounded-lg border-2 border-[var(--color-line)] p-3">
            <p className="font-bold">{t.self}</p>
            <p>{t.voucherMasked(ownMasked)}</p>
          </li>
          {current.members.map((member, i) => {
            const [year, month, day] = member.birthDate.split("-").map(Number);
            return (
              <li key={member.voucherNumber} className="rounded-lg border-2 border-[var(--color-line)] p-3">
                <p className="font-bold">{t.member(i + 2)}</p>
                <p>{t.voucherMasked(mask(member.voucherNumber))}</p>
                <p>{t.bornOn(year!, month!, day!)}</p>
              </li>
            );
          })}
        </ol>
        <p className="text-sm">{t.allOrNone}</p>
        <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
          {pending ? t.booking : t.bookAll}
        </button>
        <button type="button" className="btn-secondary w-full" disabled={pending} onClick={() => setSetAside(state)}>
          {t.edit}
        </button>
      </form>
    );
  }

  const errors = current?.stage === "input" ? (current.fieldErrors ?? {}) : {};
  const reasons = current?.stage === "input" ? (current.memberReasons ?? {}) : {};
  const message = current?.stage === "input" ? current.message : undefined;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="step" value="review" />
      <input type="hidden" name="slotId" value={slotId} />
      <FormAlert message={message}>
        <p>{message}</p>
        {current?.stage === "input" && current.memberReasons && <p className="mt-1 font-normal">{t.allOrNone}</p>}
      </FormAlert>

      <div className="rounded-lg border-2 border-[var(--color-line)] p-3">
        <p className="font-bold">{t.self}</p>
        <p>{t.voucherMasked(ownMasked)}</p>
        {reasons.self && <p className="mt-1 font-bold text-red-700">{reasons.self}</p>}
      </div>

      {rows.map((row, i) => {
        const n = i + 2;
        const name = (field: "voucherNumber" | "year" | "month" | "day") => `member${i}.${field}`;
        const id = (field: string) => `member${row.key}-${field}`;
        const reason = reasons[String(i)];
        const voucherError = errors[name("voucherNumber")];
        const birthError = errors[name("year")] ?? errors[name("month")] ?? errors[name("day")];
        const voucherDescribedBy = [id("voucher-hint"), voucherError && id("voucher-error"), reason && id("reason")].filter(Boolean).join(" ");
        const wareki = warekiOfYear(Number(toHalfWidth(row.year)));
        return (
          <fieldset key={row.key} className="space-y-3 rounded-lg border-2 border-[var(--color-line)] p-3">
            <legend className="px-1 text-lg font-bold">{t.member(n)}</legend>
            {reason && (
              <p id={id("reason")} className="font-bold text-red-700">
                {reason}
              </p>
            )}
            <div>
              <label htmlFor={id("voucher")} className="mb-1 block font-bold">
                {t.memberVoucher(n)}
              </label>
              <p id={id("voucher-hint")} className="mb-1 text-sm text-[var(--color-muted)]">
                {t.voucherHint}
              </p>
              <input
                id={id("voucher")}
                name={name("voucherNumber")}
                inputMode="numeric"
                autoComplete="off"
                maxLength={20}
                className="field-input tracking-widest"
                value={row.voucherNumber}
                onChange={(e) => update(row.key, "voucherNumber", e.target.value)}
                aria-invalid={voucherError || reason ? true : undefined}
                aria-describedby={voucherDescribedBy}
              />
              <FieldError id={id("voucher-error")} message={voucherError} />
            </div>
            <fieldset>
              <legend className="mb-1 font-bold">{t.memberBirthDate(n)}</legend>
              <div className="flex flex-wrap items-end gap-3">
                {BIRTH_PARTS.map((part) => (
                  <div key={part} className={part === "year" ? "w-28" : "w-20"}>
                    <label htmlFor={id(part)} className="block text-sm">
                      <span aria-hidden="true">{t[part]}</span>
                      <span className="sr-only">{part === "year" ? t.memberYear(n) : part === "month" ? t.memberMonth(n) : t.memberDay(n)}</span>
                    </label>
                    <input
                      id={id(part)}
                      name={name(part)}
                      inputMode="numeric"
                      autoComplete="off"
                      maxLength={part === "year" ? 4 : 2}
                      placeholder={part === "year" ? "1950" : undefined}
                      className="field-input"
                      value={row[part]}
                      onChange={(e) => update(row.key, part, e.target.value)}
                      aria-invalid={errors[name(part)] ? true : undefined}
                      aria-describedby={[part === "year" && id("wareki"), birthError && id("birth-error")].filter(Boolean).join(" ") || undefined}
                    />
                  </div>
                ))}
              </div>
              <p id={id("wareki")} className="mt-1 min-h-6 text-sm text-[var(--color-muted)]" aria-live="polite">
                {wareki ? t.warekiOf(toHalfWidth(row.year), wareki) : t.yearHint}
              </p>
              <FieldError id={id("birth-error")} message={birthError} />
            </fieldset>
            <div className="flex justify-end">
              <button type="button" className="btn-secondary" aria-label={t.removeMember(n)} onClick={() => removeRow(row.key)}>
                {t.remove}
              </button>
            </div>
          </fieldset>
        );
      })}

      {rows.length < maxMembers ? (
        <button type="button" className="btn-secondary w-full" onClick={addRow}>
          {t.addMember}
        </button>
      ) : (
        <p className="text-sm text-[var(--color-muted)]">{t.maxReached(maxMembers + 1)}</p>
      )}

      <p className="text-sm">{t.allOrNone}</p>
      <button type="submit" className="btn-primary w-full text-lg" disabled={pending}>
        {t.toConfirm}
      </button>
    </form>
  );
}
