export const landing = {
  title: "新型コロナワクチン接種の予約",
  intro: (municipality: string) => `${municipality}にお住まいの方の接種予約・予約の確認・変更・キャンセルができます。`,
  notices: "お知らせ",
  start: "予約する・予約を確認する",
  prepare: "ご用意いただくもの",
  prepareVoucher: "お手元に届いた接種券（10桁の接種券番号が書かれています）",
  prepareBirthDate: "接種を受ける方の生年月日",
  byPhone: "お電話での予約・お問い合わせ",
  byPhoneText: "インターネットでの予約が難しい方は、コールセンターで予約をお受けします。",
};
