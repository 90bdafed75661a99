// `npm run cli -- import <vouchers|venues|accounts|slots> FILE [--report FILE] [--passwords FILE]`:
// the same import as the console's upload (lib/import/run-import.ts), streaming the file from
// disk. A bad file imports nothing: its bad lines are printed and written to the report
// (FILE.errors.csv beside it unless --report), and the command exits 2. Accounts' initial
// passwords go to FILE.passwords.csv (or --passwords), readable by the owner only.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { importReportCsv } from "@/lib/import/jobs";
import { runImport } from "@/lib/import/run-import";
import { IMPORT_KIND_LABELS, type ImportKind, type ImportProgress, type IssuedPassword } from "@/lib/import/types";

const PHASES: Record<ImportProgress["phase"], string> = { reading: "読み込み・確認中", checking: "重複を確認中", writing: "登録中" };
/** Files above this size show progress on stderr. */
const PROGRESS_FROM_BYTES = 1024 * 1024;

export interface ImportCommandPaths {
  file: string;
  report: string;
  passwords: string;
}

export function importCommandPaths(kind: ImportKind, file: string, flags: Record<string, string>): ImportCommandPaths {
  const base = path.join(path.dirname(file), path.basename(file, path.extname(file)));
  return {
    file,
    report: flags["report"] ?? `${base}.errors.csv`,
    passwords: kind === "accounts" ? (flags["passwords"] ?? `${base}.passwords.csv`) : "",
  };
}

function passwordsCsv(passwords: readonly IssuedPassword[]): string {
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return `\uFEFFログインID,氏名,初期パスワード\r\n${passwords.map((p) => [p.loginId, p.displayName, p.password].map(q).join(",")).join("\r\n")}\r\n`;
}

export async function runImportCommand(
  db: Db,
  kind: ImportKind,
  paths: ImportCommandPaths,
  out: (line: string) => void,
  err: (text: string) => void = (t) => process.stderr.write(t),
): Promise<{ ok: true } | { ok: false; message: string }> {
  const size = fs.statSync(paths.file).size;
  const showProgress = size >= PROGRESS_FROM_BYTES;
  const started = Date.now();
  const outcome = await runImport(db, { kind: "system", name: "cli" }, kind, fs.createReadStream(paths.file, { highWaterMark: 256 * 1024 }), {
    fileName: path.basename(paths.file),
    onProgress: (p) => {
      if (!showProgress) return;
      const percent = size > 0 ? Math.min(100, Math.round((p.bytes / size) * 100)) : 100;
      err(`${PHASES[p.phase]}: ${p.lines.toLocaleString("ja-JP")}行（${percent}%）\n`);
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (outcome.ok) {
    if (outcome.passwords && outcome.passwords.length > 0) {
      fs.writeFileSync(paths.passwords, passwordsCsv(outcome.passwords), { mode: 0o600 });
      out(`初期パスワードを ${paths.passwords} に書き出しました（この一度だけです。安全に渡し、渡したら削除してください。初回ログイン時に変更が必要です）。`);
    }
    out(`${outcome.message}（${outcome.lines.toLocaleString("ja-JP")}行、${seconds}秒）`);
    return { ok: true };
  }
  if (outcome.code !== "invalid_file" || outcome.jobId === null) return { ok: false, message: outcome.message };
  const report = fs.createWriteStream(paths.report);
  for await (const chunk of importReportCsv(db, outcome.jobId)) {
    if (!report.write(chunk)) await new Promise<void>((resolve) => report.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => report.end((e?: Error | null) => (e ? reject(e) : resolve())));
  const lines = outcome.problems.map((p) => `  ${p.line}行目${p.column ? `［${p.column}］` : ""}: ${p.reason}`);
  const more = outcome.badLines > new Set(outcome.problems.map((p) => p.line)).size ? `\n  …ほかにもあります（すべて ${paths.report} にあります）` : "";
  return {
    ok: false,
    message: `${IMPORT_KIND_LABELS[kind]}のCSVを取り込めませんでした。${outcome.message}\n${lines.join("\n")}${more}\n誤りの一覧: ${paths.report}`,
  };
}
