// The audit log in words an administrator reads: actions, entities and the fields of before/after.
// Unknown actions and fields (added by later features) are shown as they are stored.
import { STATUS_LABELS, type ReservationStatus } from "@/lib/domain/reservation-status";
import { SETTING_LABELS } from "@/lib/settings/schemas";

export const ACTION_LABELS: Record<string, string> = {
  "reservation.book": "予約",
  "reservation.book_set": "セット予約",
  "reservation.book_group": "同時予約",
  "reservation.change": "予約の変更",
  "reservation.cancel": "予約のキャンセル",
  "reservation.cancel_set_follower": "2回目の予約の自動キャンセル",
  "reservation.checked_in": "受付",
  "reservation.vaccinated": "接種の記録",
  "reservation.screened_only": "予診のみ",
  "reservation.no_show": "来場なし",
  "resident.login": "住民のログイン",
  "staff.login": "職員のログイン",
  "slot.capacity": "予約枠の定員変更",
  "slot.open": "予約枠の受付再開",
  "slot.closed": "予約枠の受付停止",
  "venue.view_day": "受付一覧の閲覧（個人情報）",
  "settings.update": "設定の変更",
  "vaccine_product.update": "ワクチンの変更",
  "vaccine_product.create": "ワクチンの追加",
  "booster_rule.create": "追加接種の間隔の規定の追加",
  "booster_rule.withdraw": "追加接種の間隔の規定の取り消し",
  "booking_opening.create": "予約受付開始の追加",
  "booking_opening.delete": "予約受付開始の削除",
  "faq.create": "FAQの追加",
  "faq.update": "FAQの編集",
  "faq.delete": "FAQの削除",
  "faq.import": "FAQのCSV登録",
  "faq.export": "FAQのCSV出力",
  "faq.add_phrasing": "FAQに言い換えを追加",
  "chatbot_unanswered.dismiss": "未回答の質問を対象外に",
  "audit.search_voucher": "監査ログの接種券番号での検索",
  "resident.view": "住民情報の閲覧（個人情報）",
  "caller.verify": "電話の本人確認（個人情報の閲覧）",
  "caller.verify_failed": "電話の本人確認の失敗",
  "reception.lookup": "受付での接種券の読み取り（個人情報の閲覧）",
  "reception.lookup_failed": "受付での読み取りの失敗",
  "reservation.revert": "記録の取り消し",
  "dose.correct": "接種記録の訂正",
  "venue.create": "会場の登録",
  "venue.update": "会場の編集",
  "venue.overbooking": "会場のオーバーブッキングの変更",
  "slot.create": "予約枠の登録",
  "slot.create_pattern": "予約枠の一括登録",
  "slot.edit": "予約枠の編集",
  "slot.import": "予約枠のCSV登録",
  "voucher.import": "接種券のCSV登録",
  "voucher.register": "接種券の個別登録",
  "venue_lot.add": "ロット番号の追加",
  "venue_lot.remove": "ロット番号の削除",
  "account.create": "アカウントの作成",
  "account.reset_password": "パスワードの再設定",
  "account.change_password": "パスワードの変更",
  "staff.create": "アカウントの作成",
  "line.link": "LINE連携",
  "line.unlink": "LINE連携の解除",
  "vrs.export": "VRS用CSVの出力",
  "municipality.init": "自治体の初期設定",
  "leftover.opt_in": "余剰ワクチンのご案内の申し込み",
  "leftover.opt_in_change": "余剰ワクチンのご案内の変更",
  "leftover.opt_out": "余剰ワクチンのご案内の取りやめ",
  "leftover.declare": "余剰ワクチンの登録",
  "leftover.close": "余剰ワクチンのご案内の終了",
  "leftover.view_day": "余剰ワクチンの来場予定の閲覧（個人情報）",
  "seat_offer.create": "空き枠のご案内の作成",
  "seat_offer.withdrawn": "空き枠のご案内の取り消し",
  "waitlist.join": "キャンセル待ちの登録",
  "waitlist.leave": "キャンセル待ちの取りやめ",
  "waitlist.offer": "キャンセル待ちの方への空き枠のご案内",
  "waitlist.closed": "キャンセル待ちの終了（ほかで予約済み）",
  "waitlist.lapsed": "キャンセル待ちの失効",
  "offer.accept": "ご案内からの予約",
  "offer.declined": "ご案内の辞退",
  "offer.expired": "ご案内の期限切れ（次の方へ）",
  "offer.withdrawn": "ご案内の取り消し",
  "offer.withdrawn_ineligible": "ご案内の取り消し（予約できなくなったため）",
  "offer.notified": "ご案内の送信",
  "offer.notify_failed": "ご案内の送信の失敗",
};

/** The 「種類」 filter: entity names as stored → label. */
export const ENTITY_LABELS: Record<string, string> = {
  reservation: "予約",
  voucher: "接種券",
  slot: "予約枠",
  venue: "会場",
  staff_account: "職員アカウント",
  dose_record: "接種記録",
  venue_lot: "ロット番号",
  line_link: "LINE連携",
  import_job: "CSV登録",
  vrs_export: "VRS出力",
  caller_search: "電話予約の検索",
  municipality: "設定",
  vaccine_product: "ワクチン",
  booster_interval_rule: "追加接種の間隔",
  booking_opening: "予約受付開始",
  faq_entry: "FAQ",
  faq: "FAQ（コマンド）",
  chatbot_unanswered: "チャットボットの未回答",
  audit_log: "監査ログ",
  leftover_opt_in: "余剰ワクチンのご案内の申し込み",
  leftover_release: "余剰ワクチン",
  seat_offer: "空き枠のご案内",
  waitlist_entry: "キャンセル待ち",
};

const FIELD_LABELS: Record<string, string> = {
  // settings: the settings page's own names, one name for one setting
  ...SETTING_LABELS,
  // products and rules
  code: "コード",
  name: "名前",
  vrsMakerName: "VRSのメーカー名",
  minAge: "対象年齢（下限）",
  maxAge: "対象年齢（上限）",
  dose2IntervalDays: "2回目までの間隔（日）",
  dosesPerVial: "1本のバイアルの回数",
  boosterAllowed: "追加接種に使用",
  active: "予約受付",
  sortOrder: "表示順",
  effectiveFrom: "適用開始日",
  intervalMonths: "間隔（か月）",
  note: "メモ",
  governedBookings: "対象となる既存の予約",
  affectedReservations: "影響する既存の予約",
  label: "対象",
  opensAt: "受付開始日時",
  // reservations and slots
  slotId: "予約枠",
  doseNumber: "接種回数",
  productCode: "ワクチン",
  status: "状態",
  capacity: "定員",
  overbookPercent: "オーバーブッキング（％）",
  measuredNoShowRate: "変更時の来場なし率（実績）",
  measuredOutcomes: "変更時の実績の件数",
  slotsFromToday: "対象の予約枠（今日以降）",
  reservationNumber: "予約番号",
  personalFields: "保存した項目",
  date: "日付",
  rows: "件数",
  // FAQ
  id: "ID",
  question: "質問",
  answer: "回答",
  answerEn: "回答（英語）",
  alternatives: "言い換え",
  category: "カテゴリ",
  phrasing: "言い換え",
  faqId: "FAQ",
  message: "質問文",
  imported: "件数",
  changed: "変更",
  removed: "削除",
  voucherNumber: "接種券番号",
  // same-day leftover doses
  venueIds: "会場",
  contact: "ご案内の方法",
  withdrawn: "取りやめ",
  doses: "回数",
  startTime: "接種時刻",
  venueId: "会場",
  offers: "ご案内した人数",
  withdrawnOffers: "取り消したご案内",
  closedAt: "終了日時",
  leftoverReleaseId: "余剰ワクチンの登録",
  kind: "種類",
  expiresAt: "有効期限",
  // waitlist
  dateFrom: "希望期間（から）",
  dateTo: "希望期間（まで）",
  channel: "受付の経路",
  waitlistEntryId: "キャンセル待ち",
  waitlistEntry: "キャンセル待ち",
  offerId: "ご案内",
  offerKind: "ご案内の種類",
  why: "理由",
  error: "エラー",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity;
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

const MODE_LABELS: Record<string, string> = { off: "使わない", optional: "任意", required: "必須" };

/** A stored value as text: booleans as する/しない, field modes, statuses, lists joined. */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "（なし）";
  if (typeof value === "boolean") return value ? "する" : "しない";
  if (typeof value === "string") {
    if (field.startsWith("field") && MODE_LABELS[value]) return MODE_LABELS[value]!;
    if (field === "status" && value in STATUS_LABELS) return STATUS_LABELS[value as ReservationStatus];
    if (field === "opensAt" && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
      const d = new Date(value);
      return d.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" });
    }
    return value;
  }
  if (Array.isArray(value)) return value.length === 0 ? "（なし）" : value.map((v) => formatValue(field, v)).join("、");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabel(k)}: ${formatValue(k, v)}`)
      .join("、");
  }
  return String(value);
}

export interface DiffLine {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** before/after as lines: changed fields with both values, or the one side an action stored. */
export function auditDiff(before: unknown, after: unknown): DiffLine[] {
  const b = before && typeof before === "object" && !Array.isArray(before) ? (before as Record<string, unknown>) : null;
  const a = after && typeof after === "object" && !Array.isArray(after) ? (after as Record<string, unknown>) : null;
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const lines: DiffLine[] = [];
  for (const key of keys) {
    const bv = b ? b[key] : undefined;
    const av = a ? a[key] : undefined;
    if (b && a && JSON.stringify(bv) === JSON.stringify(av)) continue;
    lines.push({
      field: key,
      label: fieldLabel(key),
      before: b && key in b ? formatValue(key, bv) : null,
      after: a && key in a ? formatValue(key, av) : null,
    });
  }
  return lines;
}
