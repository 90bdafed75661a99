// Changing and cancelling a reservation: 「予約の変更」→「変更内容の確認」, and 「予約のキャンセル」.
export const manage = {
  changeTitle: "予約の変更",
  changeConfirmTitle: "変更内容の確認",
  cancelTitle: "予約のキャンセル",
  notFound: "予約が見つかりません",
  notFoundText: "予約番号をお確かめのうえ、マイページから予約をお選びください。",
  // The reservation as it is now.
  currentTitle: "現在の予約",
  dateTime: "日時",
  venue: "会場",
  dose: "接種回数",
  vaccine: "ワクチン",
  // Choosing the new slot.
  chooseTitle: "新しい予約枠を選ぶ",
  chooseIntro: "カレンダーから日付を選び、変更したい予約枠の「この枠に変更する」を押してください。まだ変更は確定しません。",
  chooseLabel: "この枠に変更する",
  // The confirmation.
  before: "変更前",
  after: "変更後",
  confirmIntro: "まだ変更は確定していません。内容をご確認のうえ「この内容で変更する」を押してください。",
  oldSlotKept: "新しい予約枠が確保できるまで、今の予約はそのまま残ります。変更できなかったときも、今の予約が取り消されることはありません。",
  numberKept: (number: string) => `予約番号（${number}）は変わりません。`,
  confirmChange: "この内容で変更する",
  changing: "変更しています…",
  chooseAgain: "別の予約枠を選ぶ",
  slotNotFound: "選んだ予約枠が見つかりません。別の予約枠を選んでください。",
  cannotChangeTo: (reason: string) => `この予約枠には変更できません: ${reason}`,
  alreadyInSlot: "この予約は、すでにこの予約枠になっています。",
  toReservation: "予約内容を見る",
  // The cancellation.
  cancelIntro: "次の予約をキャンセルします。内容をご確認ください。",
  cancelWarning: "キャンセルすると、この予約枠はほかの方が予約できるようになります。",
  setCancelWarning: (date: string, time: string) =>
    `この予約はセット予約の1回目です。キャンセルすると、2回目の予約（${date} ${time}）もあわせてキャンセルされます。`,
  confirmCancel: "予約をキャンセルする",
  cancelling: "キャンセルしています…",
  keep: "キャンセルしない",
  // When it cannot be done online.
  notChangeable: "この予約は、受付済みまたは終了しているため、この画面から変更することはできません。",
  notCancellable: "この予約は、受付済みまたは終了しているため、この画面からキャンセルすることはできません。",
  pastDeadline: (date: string, time: string) => `変更・キャンセルの受付期限（${date} ${time}）を過ぎています。`,
  pastDeadlineCall: (number: string) => `変更・キャンセルをご希望の方は、コールセンターにお電話のうえ、予約番号 ${number} をお伝えください。`,
  badRequest: "操作を受け付けられませんでした。はじめからやり直してください。",
  error: (requestId: string) => `処理中にエラーが発生しました（受付番号 ${requestId}）。時間をおいてもう一度お試しいただくか、コールセンターにお電話ください。`,
};
