// `npm run demo`: migrate, seed the demo municipality, build and serve on PORT (default 3000)
// with the embedded database (or DATABASE_URL when set). The session secret is generated
// once into .data/ so logins survive a restart.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runCli } from "./cli";

function ensureSecret(): void {
  if (process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET) return;
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString("base64"), { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: process.env });
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} が失敗しました（${signal ?? code}）`))));
    child.on("error", reject);
  });
}

async function main() {
  ensureSecret();
  const port = process.env.PORT || "3000";
  // Cookies are marked Secure only behind HTTPS; the demo is plain http on localhost.
  process.env.COOKIE_SECURE ??= "false";
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  console.log("== 1/3 データベースの準備とデモデータの投入");
  await runCli(["seed", "demo"]);

  if (process.env.DEMO_SKIP_BUILD === "1" && fs.existsSync(path.join(".next", "BUILD_ID"))) {
    console.log("== 2/3 ビルド（DEMO_SKIP_BUILD=1: 既存のビルドを使います）");
  } else {
    console.log("== 2/3 ビルド（next build）");
    await run(process.execPath, [require.resolve("next/dist/bin/next"), "build"]);
  }

  console.log(`== 3/3 起動: http://localhost:${port}/ （住民サイト） http://localhost:${port}/admin/login （職員）`);
  const server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", port], { stdio: "inherit", env: process.env });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e: unknown) => {
  console.error(`エラー: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
