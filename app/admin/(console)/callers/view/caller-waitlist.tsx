// The caller page's waitlist part (キャンセル待ち), shown when the caller has no reservation: their
// live entry (with an open offer to accept or decline on the phone, and 取り消す), or the form
// to register them with contact phone, SMS or e-mail.
import { ActionForm, RadioField, SelectField, TextField } from "@/components/admin/form-kit";
import { addDays, formatDateJa, hhmm, tokyoDate } from "@/lib/domain/dates";
import type { WaitlistStatus } from "@/lib/resident/waitlist-status";
import { joinWaitlistForCallerAction } from "../actions";
import { CallerActionForm } from "./caller-action-form";

const CONTACT_NAMES: Record<string, string> = { phone: "電話（コールセンターからお電話）", sms: "SMS", email: "メール", line: "LINE" };

function deadline(at: Date): string {
  return `${formatDateJa(tokyoDate(at), true)} ${at.toLocaleTimeString("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" })}`;
}

export function CallerWaitlist({
  callerKey,
  status,
  enabled,
  venues,
  contacts,
  from,
  lastDay,
}: {
  callerKey: string;
  status: WaitlistStatus | null;
  enabled: boolean;
  venues: { id: number; name: string }[];
  contacts: { phone: string | null; sms: string | null; email: string | null };
  from: string;
  lastDay: string;
}) {
  if (status) {
    return (
      <section aria-labelledby="waitlist-h" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="waitlist-h" className="text-lg font-bold">
          キャンセル待ち（登録中）
        </h2>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-bold">希望期間</dt>
          <dd>
            {formatDateJa(status.dateFrom, true)}〜{formatDateJa(status.dateTo, true)}
          </dd>
          <dt className="font-bold">会場</dt>
          <dd>{status.venueName ?? "どの会場でもよい"}</dd>
          <dt className="font-bold">ご案内の方法</dt>
          <dd>{CONTACT_NAMES[status.contact] ?? status.contact}</dd>
          <dt className="font-bold">順番</dt>
          <dd>前に{status.peopleAhead}人（目安）</dd>
        </dl>
        {status.offer && (
          <div className="space-y-2 rounded-lg border-2 border-amber-500 bg-amber-50 p-3">
            <p className="font-bold">
              空き枠をご案内中: {formatDateJa(status.offer.date, true)} {hhmm(status.offer.startTime)}〜{hhmm(status.offer.endTime)} {status.offer.venueName}
            </p>
            <p>お申し込みの期限: {deadline(status.offer.expiresAt)}</p>
            <div className="flex flex-wrap items-start gap-4">
              <CallerActionForm kind="acceptOffer" fields={{ offerId: status.offer.offerId }} label="この枠で予約する（ご本人の承諾を得て）" />
              <CallerActionForm kind="declineOffer" fields={{ offerId: status.offer.offerId }} label="辞退として処理" tone="secondary" />
            </div>
          </div>
        )}
        <CallerActionForm kind="leaveWaitlist" fields={{ callerKey, entryId: status.entryId }} label="キャンセル待ちを取り消す" tone="secondary" />
      </section>
    );
  }
  if (!enabled) return null;
  const options = [
    contacts.phone && { value: "phone", label: `電話（${contacts.phone}）` },
    contacts.sms && { value: "sms", label: `SMS（${contacts.sms}）` },
    contacts.email && { value: "email", label: `メール（${contacts.email}）` },
  ].filter((o): o is { value: string; label: string } => Boolean(o));
  const to = addDays(from, 14) < lastDay ? addDays(from, 14) : lastDay;
  return (
    <section aria-labelledby="waitlist-h" className="rounded-lg bg-white p-4 shadow-sm">
      <h2 id="waitlist-h" className="mb-2 text-lg font-bold">
        キャンセル待ちに登録
      </h2>
      <p className="mb-3">希望に合う枠がないときは、キャンセル待ちに登録できます。空きが出たら登録順にご案内し、「電話」を選んだ方には「空き枠のご案内（電話）」の一覧からお電話します。</p>
      {options.length === 0 ? (
        <p role="status">電話番号もメールアドレスも登録されていないため、ご案内できません。接種券に連絡先を登録してください。</p>
      ) : (
        <ActionForm action={joinWaitlistForCallerAction} submitLabel="キャンセル待ちに登録する" ariaLabel="キャンセル待ちに登録">
          <input type="hidden" name="callerKey" value={callerKey} />
          <div className="grid gap-3 sm:grid-cols-3">
            <SelectField name="venueId" label="会場" options={[{ value: "", label: "どの会場でもよい" }, ...venues.map((v) => ({ value: String(v.id), label: v.name }))]} defaultValue="" />
            <TextField name="dateFrom" type="date" label="希望期間（開始日）" defaultValue={from} required />
            <TextField name="dateTo" type="date" label="希望期間（終了日）" defaultValue={to} required />
          </div>
          <RadioField name="contact" legend="ご案内の方法" options={options} defaultValue={options[0]!.value} className="mt-3" />
        </ActionForm>
      )}
    </section>
  );
}
