// What an offer says, by LINE / e-mail (long) and SMS (short). Japanese: the offer goes to the
// resident's phone, like the reminders (lib/reminders/send-reminders.ts).
import { formatDate, formatTimeRange } from "@/lib/i18n";
import { hhmm, tokyoDate, tokyoTime } from "@/lib/domain/dates";

export interface OfferFacts {
  kind: "waitlist" | "leftover";
  municipalityName: string;
  venueName: string;
  venueAddress: string;
  productName: string;
  date: string;
  startTime: string;
  endTime: string;
  expiresAt: Date;
  link: string | null;
}

function until(facts: OfferFacts): string {
  const sameDay = tokyoDate(facts.expiresAt) === facts.date;
  return `${sameDay ? "" : `${formatDate("ja", tokyoDate(facts.expiresAt))} `}${tokyoTime(facts.expiresAt)}`;
}

export function offerText(facts: OfferFacts): string {
  const when = `${formatDate("ja", facts.date)} ${formatTimeRange("ja", facts.startTime, facts.endTime)}`;
  const venue = `${facts.venueName}${facts.venueAddress ? `（${facts.venueAddress}）` : ""}`;
  if (facts.kind === "leftover") {
    return [
      `【余剰ワクチンのご案内】${facts.municipalityName}`,
      `本日 ${hhmm(facts.startTime)} から ${facts.venueName} で、余ったワクチン（${facts.productName}）の接種を受けられます。先着順です。`,
      `会場: ${venue}`,
      ...(facts.link ? [`受ける場合は ${until(facts)} までにこちらから: ${facts.link}`] : []),
      "接種券と本人確認書類をお持ちください。",
    ].join("\n");
  }
  return [
    `【キャンセル待ちのご案内】${facts.municipalityName}`,
    "ご希望の条件の予約枠に空きが出ました。",
    `日時: ${when}`,
    `会場: ${venue}`,
    `ワクチン: ${facts.productName}`,
    `この枠は ${until(facts)} までお取り置きしています。予約する場合は、それまでに次のリンクから確定してください。期限を過ぎると次にお待ちの方にご案内します。`,
    ...(facts.link ? [facts.link] : []),
  ].join("\n");
}

export function offerSms(facts: OfferFacts): string {
  const head =
    facts.kind === "leftover"
      ? `${facts.municipalityName}: 本日${hhmm(facts.startTime)} ${facts.venueName}で余剰ワクチンの接種ができます(先着順)`
      : `${facts.municipalityName}: キャンセル待ちの枠に空きが出ました ${formatDate("ja", facts.date)} ${hhmm(facts.startTime)} ${facts.venueName}。${until(facts)}まで確保`;
  return facts.link ? `${head} ${facts.link}` : head;
}

export function offerSubject(facts: OfferFacts): string {
  return facts.kind === "leftover"
    ? `【${facts.municipalityName}】本日の余剰ワクチンのご案内`
    : `【${facts.municipalityName}】キャンセル待ちの予約枠に空きが出ました`;
}
