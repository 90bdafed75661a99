// Everything the IVR says, in one place (the phone line speaks Japanese only). Plain polite
// wording for elderly callers: short sentences, the key to press last.
import { speakDate, speakDigits, speakPhone, speakProduct, speakText, speakTime, speakTimeRange } from "./speech";

export interface CallCenter {
  municipalityName: string;
  phone: string;
  hours: string;
}

export interface SlotSummary {
  venueName: string;
  date: string;
  startTime: string;
  endTime: string;
  productName: string;
}

export const ivrMessages = {
  greeting: (municipalityName: string) =>
    `お電話ありがとうございます。${municipalityName}、ワクチン接種の予約受付です。` +
    "この電話では、新しいご予約を承ります。予約の変更や取り消しは、コールセンターで承ります。",
  askVoucherNumber: "お手元の接種券に書かれている、10桁の接種券番号を押して、最後にシャープを押してください。",
  askBirthDate:
    "次に、生年月日を西暦の8桁で押して、最後にシャープを押してください。" +
    "たとえば、1950年4月1日生まれの方は、1、9、5、0、0、4、0、1、シャープです。",
  noInput: "入力が確認できませんでした。",
  badVoucherNumber: "接種券番号は10桁の数字です。",
  badBirthDate: "生年月日は、西暦の8桁の数字です。",
  loginWrong: "接種券番号または生年月日が正しくありません。",
  lockWarning: (remainingBeforeLock: number, lockMinutes: number) =>
    `あと${remainingBeforeLock}回間違えると、${lockMinutes}分間、受付ができなくなります。`,
  tryAgainFromVoucher: "もう一度、接種券番号から入力してください。",
  locked: (until: string) => `続けて間違えたため、この接種券番号は、${speakText(until)}まで受付ができません。`,
  clientBlocked: (until: string) => `間違いが続いたため、この電話からは、${speakText(until)}まで受付ができません。`,
  noSuchNumber: "その番号はありません。",
  menu: (intro: string, labels: readonly string[], page: number, pageSize: number, noun: string) => {
    const first = page * pageSize;
    const lines = [intro, ...labels.slice(first, first + pageSize).map((label, i) => `${i + 1}番、${label}。`)];
    lines.push("ご希望の番号を押してください。");
    if (labels.length > pageSize) {
      lines.push(first + pageSize >= labels.length ? "もう一度最初から聞くには、0を押してください。" : `ほかの${noun}を聞くには、0を押してください。`);
    }
    return lines;
  },
  venueIntro: "接種を受ける会場を選んでください。",
  dateIntro: (venueName: string) => `${venueName}で、予約できる日を申し上げます。`,
  timeIntro: (date: string) => `${speakDate(date)}の、予約できる時間を申し上げます。`,
  venueGone: (venueName: string) => `${venueName}は、予約できる日がなくなりました。`,
  dateGone: (date: string) => `${speakDate(date)}は、予約できる時間がなくなりました。`,
  timeLabel: (start: string, end: string, productName: string | null) =>
    speakTimeRange(start, end) + (productName ? `、${speakProduct(productName)}` : ""),
  confirm: (slot: SlotSummary, doseNumber: number) => [
    "ご予約の内容を確認します。",
    `会場は、${slot.venueName}。`,
    `日にちは、${speakDate(slot.date)}。`,
    `時間は、${speakTimeRange(slot.startTime, slot.endTime)}。`,
    `ワクチンは、${speakProduct(slot.productName)}で、${doseNumber}回目の接種です。`,
    "この内容で予約する場合は1を、最初から選び直す場合は2を押してください。",
  ],
  startOver: "最初から選び直します。",
  slotJustFilled: "申し訳ありません。お選びの時間は、ほかの方のご予約で満員になりました。",
  slotNoLongerOpen: "申し訳ありません。お選びの時間は、ただいま予約を受け付けていません。",
  alreadyBooked: "すでにご予約があります。予約の変更や取り消しは、コールセンターで承ります。",
  booked: (reservationNumber: string, slot: SlotSummary) => [
    "ご予約が完了しました。",
    `${slot.venueName}、${speakDate(slot.date)}、${speakTime(slot.startTime)}からです。`,
    "予約番号を2回申し上げます。お手元にメモのご用意をお願いします。",
    `予約番号は、${speakDigits(reservationNumber)}です。`,
    `繰り返します。予約番号は、${speakDigits(reservationNumber)}です。`,
  ],
  offerSms: "予約の内容を、この電話番号にショートメッセージでお送りできます。お送りする場合は1を、お送りしない場合は2を押してください。",
  smsSent: "ショートメッセージをお送りしました。",
  smsFailed: "申し訳ありません。ショートメッセージをお送りできませんでした。予約番号をお控えください。",
  existingBookings: (rows: readonly (SlotSummary & { doseNumber: number; reservationNumber: string })[]) => [
    "すでに、次のご予約があります。",
    ...rows.map(
      (r) =>
        `${r.doseNumber}回目、${speakDate(r.date)}、${speakTimeRange(r.startTime, r.endTime)}、${r.venueName}。` +
        `予約番号は、${speakDigits(r.reservationNumber)}です。`,
    ),
    "予約の変更や取り消しは、コールセンターで承ります。",
  ],
  noSlots: "現在、お電話でご予約いただける予約枠がありません。",
  allFull: "現在、予約枠はすべて埋まっています。",
  tooManyFailures: "恐れ入りますが、お電話での受付を終了します。お手数ですが、コールセンターにおかけください。",
  callCenter: (c: CallCenter) =>
    c.phone
      ? `コールセンターの電話番号は、${speakPhone(c.phone)}です。` + (c.hours ? `受付時間は、${speakText(c.hours)}です。` : "")
      : `${c.municipalityName}のコールセンターにお問い合わせください。`,
  goodbye: "お電話ありがとうございました。",
  sessionExpired: "お電話の受付時間が過ぎたため、最初からお願いします。",
  systemError: "申し訳ありません。ただいまシステムに問題が発生しています。しばらくしてから、おかけ直しください。",
  smsBody: (municipalityName: string, reservationNumber: string, text: { venue: string; date: string; time: string; product: string; dose: number }, callCenterPhone: string) =>
    `【${municipalityName}】ワクチン接種のご予約を受け付けました。\n` +
    `予約番号: ${reservationNumber}\n` +
    `日時: ${text.date} ${text.time}\n` +
    `会場: ${text.venue}\n` +
    `ワクチン: ${text.product}（${text.dose}回目）\n` +
    "当日は接種券と本人確認書類をお持ちください。" +
    (callCenterPhone ? `変更・取り消しはコールセンター（${callCenterPhone}）へ。` : ""),
};
