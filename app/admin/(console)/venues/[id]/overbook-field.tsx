"use client";
// The overbooking percentage (0–20, 0 = off) with the risk for the value chosen, worked out as the
// admin picks it (the same pure function as the table beside it).
import { useId, useState } from "react";
import { MAX_OVERBOOK_PERCENT, overbookingRisk, percentJa } from "@/lib/domain/overbooking";

export function OverbookPercentField({ defaultValue, capacity, noShowRate }: { defaultValue: number; capacity: number | null; noShowRate: number | null }) {
  const id = useId();
  const [percent, setPercent] = useState(defaultValue);
  const risk = capacity !== null && noShowRate !== null ? overbookingRisk(capacity, percent, noShowRate) : null;
  return (
    <div className="max-w-xl">
      <label htmlFor={id} className="block font-bold">
        オーバーブッキング（％）
      </label>
      <p id={`${id}-hint`} className="text-sm text-[var(--color-muted)]">
        0〜{MAX_OVERBOOK_PERCENT}％。0はオフ（定員まで）です。今日以降の予約枠に反映します。
      </p>
      <select
        id={id}
        name="overbookPercent"
        value={percent}
        onChange={(e) => setPercent(Number(e.target.value))}
        aria-describedby={`${id}-hint ${id}-risk`}
        className="field-input"
      >
        {Array.from({ length: MAX_OVERBOOK_PERCENT + 1 }, (_, pct) => (
          <option key={pct} value={pct}>
            {pct === 0 ? "0％（オフ）" : `${pct}％`}
          </option>
        ))}
      </select>
      <p id={`${id}-risk`} aria-live="polite" className="mt-2">
        {risk === null
          ? "来場なしの実績または予約枠がないため、リスクは計算できません。"
          : percent === 0
            ? `オフのときは定員（${risk.capacity}人）を超えて予約を受け付けません。`
            : `定員${risk.capacity}人の枠に${risk.booked}人（+${risk.extraSeats}人）まで予約を受け付けます。定員を超えて来場する確率 ${percentJa(risk.probOverCapacity)}、お待ちいただく人数の見込み 平均${risk.expectedWaiting.toFixed(2)}人。`}
      </p>
    </div>
  );
}
