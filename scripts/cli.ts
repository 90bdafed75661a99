// `npm run cli -- <command>`: server-side operations for the municipality's IT staff.
// Uses DATABASE_URL when set, otherwise the embedded database in .data/ (refused while a
// server holds it: PGlite has no lock between processes, so we keep one of our own).
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { migrateDatabase, openDatabase, optionsFromEnv, type Database } from "@/db/client";
import { staffAccounts } from "@/db/schema";
import { initMunicipality } from "@/db/seed/reference";
import { seedDemo, type DemoSummary } from "@/db/seed/demo";
import { seedDemoBookings } from "@/db/seed/demo-bookings";
import { DEMO_HISTORY_DAYS, seedDemoHistory } from "@/db/seed/demo-history";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { importFaqCsv } from "@/lib/chatbot/faq-store";
import { isValidIsoDate, tokyoDate } from "@/lib/domain/dates";
import { isValidMunicipalityCode } from "@/lib/domain/municipality-code";

const USAGE = `使い方: npm run cli -- <コマンド> [オプション]

コマンド:
  init --municipality-code CODE --name NAME
        この環境が担当する自治体を設定し、既定のワクチン表を登録します。
        CODE は6桁の全国地方公共団体コード（検査数字つき、例: 131016）。
  admin create LOGIN_ID [--display-name NAME]
        最初の管理者アカウントを作成します。パスワードは標準入力から読みます
        （例: printf '%s\\n' 'パスワード' | npm run cli -- admin create admin）。
  db migrate
        データベースのマイグレーションを適用します。
  seed demo [--today YYYY-MM-DD]
        デモ用の自治体・会場・予約枠・接種券・アカウントを投入します（何度実行しても同じ結果）。
  import <vouchers|venues|accounts|slots> FILE [--report FILE] [--passwords FILE]
        接種券・会場・アカウント・予約枠のCSV（UTF-8/Shift_JIS）を取り込みます（管理画面と同じ確認）。
        1行でも誤りがあれば何も登録せず、誤りの行を表示して FILE.errors.csv（--report）に書き出します（終了コード2）。
        アカウントの初期パスワードは FILE.passwords.csv（--passwords）に書き出します（一度だけ）。
  import faq FILE
        FAQ（CSV: ID, 質問, 回答, 言い換え, カテゴリ[, 回答(英語)]、UTF-8/Shift_JIS）を取り込みます。
        ファイルにない項目は削除します。1行でも誤りがあれば何も変更しません。
  export vrs --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--encoding sjis] [--venue 会場コード]
        接種日が期間内の接種記録を VRS 予防接種台帳向けの CSV に書き出します（既定 UTF-8、sjis は Shift_JIS・CRLF）。
        出力は監査ログに残り、出力済みとして記録されます（後で訂正した記録は再出力の対象になります）。
  line richmenu [--image FILE]
        LINE公式アカウントのリッチメニュー（予約する / 予約の確認・キャンセル / よくある質問 / 問い合わせ）を
        作成し、画像（既定 public/line/richmenu.png、2500×1686・1MB以下）を登録して既定のメニューにします。
        LINE_CHANNEL_ACCESS_TOKEN が必要です（docs/line.md）。
  reminders send [--date YYYY-MM-DD]
        DATE（既定: 明日）に予約がある方へ、前日のお知らせを送ります（LINE・設定に応じてメール/SMS）。
        何度実行しても同じお知らせは一度だけ送ります。失敗した分は次の実行で再送します。
  ivr simulate [--url http://localhost:3000] [--from +819012345678] [--public-url URL]
        動いているサーバーに電話をかけたつもりで、電話予約（IVR）を端末で試します。
        読み上げる内容を表示し、ボタンの数字を読み取ります（TWILIO_AUTH_TOKEN で署名）。
  help
        この説明を表示します。

データベース: DATABASE_URL があれば PostgreSQL、なければ .data/pglite（PGLITE_DATA_DIR で変更可）。`;

export class UsageError extends Error {}

type Flags = Record<string, string>;

function parseArgs(argv: string[]): { positional: string[]; flags: Flags } {
  const positional: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      const value = inline ?? argv[i + 1];
      if (value === undefined || (inline === undefined && value.startsWith("--"))) throw new UsageError(`--${name} に値を指定してください。`);
      flags[name] = value;
      if (inline === undefined) i++;
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(optionsFromEnv());
  try {
    await migrateDatabase(database);
    return await work(database);
  } finally {
    await database.close();
  }
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("パスワード（入力は表示されません）: ");
  const chunks: Buffer[] = [];
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  return new Promise((resolve, reject) => {
    const finish = () => {
      if (process.stdin.isTTY) {
        process.stdin.setRawMode(false);
        process.stderr.write("\n");
      }
      process.stdin.pause();
      resolve(Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "");
    };
    process.stdin.on("data", (chunk: Buffer) => {
      if (process.stdin.isTTY) {
        if (chunk.includes(3)) return reject(new UsageError("中断しました。"));
        const end = chunk.findIndex((b) => b === 13 || b === 10);
        if (end >= 0) {
          chunks.push(chunk.subarray(0, end));
          return finish();
        }
      }
      chunks.push(chunk);
    });
    process.stdin.on("end", finish);
    process.stdin.on("error", reject);
  });
}

export function formatDemoSummary(summary: DemoSummary): string {
  const lines = [
    `デモデータ: ${summary.municipality.name}（${summary.municipality.code}） 予約枠 ${summary.slotDays.from}〜${summary.slotDays.to}`,
    `  会場 ${summary.counts.venues} / 予約枠 ${summary.counts.slots} / 接種券 ${summary.counts.vouchers} / アカウント ${summary.counts.staffAccounts}`,
    "",
    "デモ用の接種券（接種券番号 / 生年月日）:",
    ...summary.vouchers.map((v) => `  ${v.voucherNumber} / ${v.birthDate}  ${v.description}`),
    "",
    "デモ用アカウント（ログインID / パスワード）:",
    ...summary.accounts.map((a) => `  ${a.loginId.padEnd(12)} / ${a.password}  ${a.displayName}`),
  ];
  return lines.join("\n");
}

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<void> {
  const { positional, flags } = parseArgs(argv);
  const [command, sub, arg] = positional;
  switch (command) {
    case undefined:
    case "help":
      out(USAGE);
      return;
    case "init": {
      const code = flags["municipality-code"];
      const name = flags["name"];
      if (!code || !name) throw new UsageError("init には --municipality-code と --name が必要です。");
      if (!isValidMunicipalityCode(code)) {
        throw new UsageError(`自治体コード「${code}」は正しくありません（6桁・末尾は検査数字。例: 131016 千代田区）。`);
      }
      await withDatabase(async ({ db }) => {
        await initMunicipality(db, code, name);
        await recordAudit(db, { kind: "system", name: "cli" }, { action: "municipality.init", entity: "municipality", entityId: 1, after: { code, name } });
      });
      out(`自治体を設定しました: ${name}（${code}）`);
      return;
    }
    case "admin": {
      if (sub !== "create" || !arg) throw new UsageError("使い方: npm run cli -- admin create LOGIN_ID");
      if (!/^[A-Za-z0-9._@-]{3,64}$/.test(arg)) throw new UsageError("ログインIDは半角英数字と . _ @ - で3〜64文字にしてください。");
      const password = await readPassword();
      const problem = passwordProblem(password);
      if (problem) throw new UsageError(problem);
      const passwordHash = await hashPassword(password);
      await withDatabase(async ({ db }) => {
        const [existing] = await db.select({ id: staffAccounts.id }).from(staffAccounts).where(eq(staffAccounts.loginId, arg));
        if (existing) throw new UsageError(`ログインID「${arg}」はすでに使われています。`);
        const [account] = await db
          .insert(staffAccounts)
          .values({ loginId: arg, displayName: flags["display-name"] ?? "管理者", role: "admin", passwordHash, mustChangePassword: false })
          .returning({ id: staffAccounts.id });
        await recordAudit(db, { kind: "system", name: "cli" }, { action: "staff.create", entity: "staff_account", entityId: account!.id, after: { loginId: arg, role: "admin" } });
      });
      out(`管理者アカウント「${arg}」を作成しました。`);
      return;
    }
    case "db": {
      if (sub !== "migrate") throw new UsageError("使い方: npm run cli -- db migrate");
      await withDatabase(async () => {});
      out("マイグレーションを適用しました。");
      return;
    }
    case "seed": {
      if (sub !== "demo") throw new UsageError("使い方: npm run cli -- seed demo [--today YYYY-MM-DD]");
      const today = flags["today"] ?? tokyoDate(new Date());
      if (!isValidIsoDate(today)) throw new UsageError("--today は YYYY-MM-DD で指定してください。");
      const { summary, booked, history } = await withDatabase(async ({ db }) => ({
        summary: await seedDemo(db, { today }),
        booked: await seedDemoBookings(db, today),
        history: await seedDemoHistory(db, today),
      }));
      out(formatDemoSummary(summary));
      if (booked > 0) out(`\n本日の集団接種会場に予約を${booked}件入れました（受付画面の確認用）。`);
      if (history > 0) out(`過去${DEMO_HISTORY_DAYS}日分の集団接種会場の予約と結果を${history}件入れました（ダッシュボードの確認用）。`);
      return;
    }
    case "import": {
      if (sub && sub !== "faq" && arg) {
        const { isImportKind } = await import("@/lib/import/types");
        if (!isImportKind(sub)) throw new UsageError("使い方: npm run cli -- import <vouchers|venues|accounts|slots|faq> FILE");
        const { importCommandPaths, runImportCommand } = await import("./cli/import");
        const paths = importCommandPaths(sub, arg, flags);
        if (!fs.existsSync(arg)) throw new UsageError(`ファイル「${arg}」を読めません。`);
        if (paths.passwords && fs.existsSync(paths.passwords)) throw new UsageError(`${paths.passwords} がすでにあります。別の --passwords FILE を指定するか、古いファイルを削除してください。`);
        const result = await withDatabase(({ db }) => runImportCommand(db, sub, paths, out));
        if (!result.ok) throw new UsageError(result.message);
        return;
      }
      if (sub !== "faq" || !arg) throw new UsageError("使い方: npm run cli -- import <vouchers|venues|accounts|slots|faq> FILE");
      const file = arg;
      const bytes = await fs.promises.readFile(file).catch(() => {
        throw new UsageError(`ファイル「${file}」を読めません。`);
      });
      const result = await withDatabase(async ({ db }) => {
        const imported = await importFaqCsv(db, bytes);
        if (imported.ok) {
          await recordAudit(db, { kind: "system", name: "cli" }, { action: "faq.import", entity: "faq_entry", entityId: "all", after: { file: path.basename(file), imported: imported.imported } });
        }
        return imported;
      });
      if (!result.ok) {
        throw new UsageError(`FAQを取り込めませんでした（何も変更していません）:\n${result.problems.map((p) => `  ${p.line}行目: ${p.message}`).join("\n")}`);
      }
      out(`FAQを${result.imported}件取り込みました（変更 ${result.changed}件・削除 ${result.removed}件）。`);
      return;
    }
    case "export": {
      const { runExportVrs, EXPORT_USAGE } = await import("./cli/export");
      if (sub !== "vrs") throw new UsageError(EXPORT_USAGE);
      await withDatabase(({ db }) => runExportVrs(db, flags, out));
      return;
    }
    case "line": {
      if (sub !== "richmenu") throw new UsageError("使い方: npm run cli -- line richmenu [--image FILE]");
      const { createDefaultRichMenu, DEFAULT_RICH_MENU_IMAGE, RichMenuError } = await import("./cli/line");
      const { lineConfig } = await import("@/lib/line/config");
      const { LineNotConfiguredError } = await import("@/lib/line/client");
      try {
        await createDefaultRichMenu(lineConfig(), flags["image"] ?? DEFAULT_RICH_MENU_IMAGE, out);
      } catch (e) {
        if (e instanceof RichMenuError || e instanceof LineNotConfiguredError) throw new UsageError(e.message);
        throw e;
      }
      return;
    }
    case "reminders": {
      if (sub !== "send") throw new UsageError("使い方: npm run cli -- reminders send [--date YYYY-MM-DD]");
      const { runRemindersSend, RemindersUsageError } = await import("./cli/reminders");
      try {
        await withDatabase(({ db }) => runRemindersSend(db, flags, out));
      } catch (e) {
        if (e instanceof RemindersUsageError) throw new UsageError(e.message);
        throw e;
      }
      return;
    }
    case "ivr": {
      if (sub !== "simulate") throw new UsageError("使い方: npm run cli -- ivr simulate [--url http://localhost:3000]");
      const { runIvrSimulate } = await import("./ivr-simulate");
      await runIvrSimulate(flags, out);
      return;
    }
    default:
      throw new UsageError(`不明なコマンドです: ${command}\n\n${USAGE}`);
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(`エラー: ${e instanceof Error ? e.message : String(e)}`);
      if (!(e instanceof UsageError) && e instanceof Error && e.name !== "DatabaseInUseError") console.error(e.stack);
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}
