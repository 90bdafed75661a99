"use client";
// The scan field at the top of reception. A USB/Bluetooth scanner types the code and presses
// Enter; the cursor then moves to the birth date, and Enter looks the reservation up. Nothing
// personal is shown before the birth date matches (lib/venue/reception-lookup.ts).
import { useActionState, useEffect, useId, useRef, useState } from "react";
import type { ActionState } from "@/lib/auth/staff-action";
import { lookupAction, type LookupFound } from "./actions";
import { CameraScan } from "./camera-scan";
import { ReceptionActions, type LotChoice } from "./reception-actions";

const STATUS_LABELS: Record<string, string> = {
  booked: "予約済み",
  checked_in: "受付済み",
  vaccinated: "接種済み",
  screened_only: "予診のみ",
  no_show: "来場なし",
  cancelled: "キャンセル",
};

function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  const weekday = "日月火水木金土"[new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()];
  return `${y}年${m}月${d}日（${weekday}）`;
}

export function ScanPanel({ venueId, lots }: { venueId: number; lots: readonly LotChoice[] }) {
  const [done, setDone] = useState<string | null>(null);
  // Controlled: React resets uncontrolled fields after a form action, and a refused lookup keeps them.
  const [scan, setScan] = useState("");
  const [birthDate, setBirthDate] = useState("");
  const [state, formAction, pending] = useActionState<ActionState<{ found: LookupFound }> | null, FormData>(
    async (previous, formData) => {
      const answer = await lookupAction(previous, formData);
      if (answer.ok) {
        // A reservation was found: the fields are cleared for the next person.
        setDone(null);
        setScan("");
        setBirthDate("");
      }
      return answer;
    },
    null,
  );
  const scanRef = useRef<HTMLInputElement>(null);
  const birthRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const scanId = useId();
  const birthId = useId();
  const scanErrorId = useId();
  const birthErrorId = useId();

  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const found = state?.ok && done === null ? state.found : null;

  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      resultRef.current?.focus();
    } else if (fieldErrors.birthDate) {
      birthRef.current?.select();
    } else {
      scanRef.current?.select();
    }
    // Focus follows each new answer only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  function next(message: string) {
    // After 受付 (or another step) the panel is ready for the next person.
    setDone(message);
    setTimeout(() => scanRef.current?.focus(), 0);
  }

  return (
    <section aria-labelledby="scan-heading" className="rounded-lg bg-white p-4 shadow-sm">
      <h2 id="scan-heading" className="mb-2 text-lg font-bold">
        予約QR・接種券で受付
      </h2>
      <form action={formAction} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="venueId" value={venueId} />
        <div className="min-w-64 flex-1">
          <label htmlFor={scanId} className="block font-bold">
            予約QR・予約番号・接種券番号
          </label>
          <input
            ref={scanRef}
            id={scanId}
            name="scan"
            autoFocus
            autoComplete="off"
            inputMode="text"
            placeholder="読み取るか入力して Enter"
            aria-invalid={fieldErrors.scan ? true : undefined}
            aria-describedby={fieldErrors.scan ? scanErrorId : undefined}
            value={scan}
            onChange={(e) => setScan(e.target.value)}
            onKeyDown={(e) => {
              // A scanner ends with Enter: go on to the birth date instead of submitting.
              if (e.key === "Enter" && birthRef.current && birthDate.trim() === "") {
                e.preventDefault();
                birthRef.current.focus();
              }
            }}
            className="field-input w-full text-lg"
          />
          {fieldErrors.scan && (
            <p id={scanErrorId} className="mt-1 text-sm font-bold text-red-700">
              {fieldErrors.scan}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={birthId} className="block font-bold">
            生年月日（8桁）
          </label>
          <input
            ref={birthRef}
            id={birthId}
            name="birthDate"
            autoComplete="off"
            inputMode="numeric"
            placeholder="例: 19500401"
            value={birthDate}
            onChange={(e) => setBirthDate(e.target.value)}
            aria-invalid={fieldErrors.birthDate ? true : undefined}
            aria-describedby={fieldErrors.birthDate ? birthErrorId : undefined}
            className="field-input w-44 text-lg"
          />
          {fieldErrors.birthDate && (
            <p id={birthErrorId} className="mt-1 text-sm font-bold text-red-700">
              {fieldErrors.birthDate}
            </p>
          )}
        </div>
        <button type="submit" disabled={pending} className="btn-primary">
          予約を確認
        </button>
        <CameraScan
          onCode={(text) => {
            setScan(text);
            birthRef.current?.focus();
          }}
        />
      </form>
      <p className="mt-2 text-sm text-[var(--color-muted)]">予約QR（VRSV:…）、予約番号（9桁）、接種券番号（10桁）、接種券のコード（18桁）のどれでも受け付けます。生年月日を確認してから表示します。</p>

      <div aria-live="polite" className="mt-3">
        {done && <p className="font-bold text-green-800">{done}</p>}
        {state && !state.ok && !state.fieldErrors?.scan && !state.fieldErrors?.birthDate && (
          <p role="alert" className="font-bold text-red-700">
            {state.message}
          </p>
        )}
      </div>
      {found && (
        <div ref={resultRef} tabIndex={-1} aria-label="読み取った予約" className={`mt-3 rounded-lg border-2 p-4 ${found.match === "ok" ? "border-[var(--color-brand)]" : "border-red-700 bg-red-50"}`}>
          {found.match !== "ok" && (
            <p role="alert" className="mb-2 text-lg font-bold text-red-700">
              {found.notice}
            </p>
          )}
          <p className="text-lg font-bold">
            {found.kanaName ?? "（氏名未登録）"}
            <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-sm">{STATUS_LABELS[found.status] ?? found.status}</span>
          </p>
          <p>
            予約番号 {found.reservationNumber}・接種券番号 {found.voucherNumber}・生年月日 {formatDate(found.birthDate)}
          </p>
          <p>
            {found.venueName}・{formatDate(found.date)} {found.startTime.slice(0, 5)}〜{found.endTime.slice(0, 5)}・{found.doseNumber}回目・{found.productName}
          </p>
          {found.match === "ok" ? (
            <div className="mt-3">
              <ReceptionActions reservationId={found.reservationId} status={found.status} productCode={found.productCode} lots={lots} noShowAllowed={found.noShowAllowed} onDone={next} />
            </div>
          ) : (
            <p className="mt-2">この会場・本日の受付はできません。予約の会場・日時をご案内ください。</p>
          )}
        </div>
      )}
    </section>
  );
}
