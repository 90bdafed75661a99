// The waiting room's HTML: small, self-contained, no JavaScript needed (it reloads itself with
// <meta http-equiv="refresh">), readable on a phone and by a screen reader.
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function minutesText(locale: "ja" | "en", seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return locale === "ja" ? `約${minutes}分` : `about ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function waitingPageHtml(input: {
  locale: "ja" | "en";
  next: string;
  retrySeconds: number;
  ahead?: number;
  waitSeconds?: number;
  unavailable?: boolean;
}): string {
  const { locale, retrySeconds } = input;
  const self = `/waiting?next=${encodeURIComponent(input.next)}`;
  const ja = locale === "ja";
  const title = ja ? "ただいま混み合っています" : "We are busy right now";
  const lines = input.unavailable
    ? [ja ? "ただいま接続しにくくなっています。このままお待ちいただくと、自動でもう一度お試しします。" : "The service is hard to reach right now. Please wait; this page will try again by itself."]
    : [
        ja
          ? "予約の受付が始まったばかりで、多くの方がアクセスしています。順番にご案内しますので、このページを開いたままお待ちください。"
          : "Many people are visiting now that booking has opened. You will be let in in order of arrival; please keep this page open.",
        ja
          ? `あなたの前に <strong>${(input.ahead ?? 0).toLocaleString("ja-JP")}人</strong> 待っています（目安 ${minutesText(locale, input.waitSeconds ?? 0)}）。`
          : `<strong>${(input.ahead ?? 0).toLocaleString("en-US")}</strong> people are ahead of you (${minutesText(locale, input.waitSeconds ?? 0)}).`,
        ja
          ? "ページを再読み込みしたり、別のタブで開き直したりしても順番は変わりません。順番が来ると自動で次の画面に進みます。"
          : "Reloading or opening a new tab keeps your place. You will move on automatically when it is your turn.",
      ];
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${retrySeconds};url=${escapeHtml(self)}">
<title>${title}</title>
<style>
body{margin:0;font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;background:#f8fafc;color:#0f172a;line-height:1.7}
header{background:#0b5cad;color:#fff;padding:12px 16px;font-weight:bold}
main{max-width:40rem;margin:0 auto;padding:24px 16px}
h1{font-size:1.4rem}
p{font-size:1.05rem}
a{color:#0b5cad}
.box{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 2px rgba(0,0,0,.1)}
</style>
</head>
<body>
<header>${ja ? "ワクチン接種予約" : "Vaccination booking"}</header>
<main>
<h1>${title}</h1>
<div class="box" role="status" aria-live="polite">
${lines.map((l) => `<p>${l}</p>`).join("\n")}
</div>
<p>${ja ? `${retrySeconds}秒ごとに自動で確認しています。` : `Checking again every ${retrySeconds} seconds.`} <a href="${escapeHtml(self)}">${ja ? "今すぐ確認する" : "Check now"}</a></p>
</main>
</body>
</html>`;
}
