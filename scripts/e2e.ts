// End-to-end: runs `npm run demo` exactly as a newcomer would (seed, build, serve) on a free
// port with a throwaway database, waits for /api/health, then drives Debian's Chromium with
// playwright-core (tests/e2e). With E2E_DATABASE_URL the demo runs on that PostgreSQL instead.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startFakeLine } from "../tests/support/fake-line";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// A Japanese font, so that screenshots show text rather than empty boxes.
const JAPANESE_FONT = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf";

function ensureChromium(): void {
  const missing = [!fs.existsSync(CHROMIUM) && "chromium", !fs.existsSync(JAPANESE_FONT) && "fonts-ipafont-gothic"].filter(Boolean) as string[];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${missing.join(", ")} が見つかりません。sudo apt-get install -y ${missing.join(" ")} を実行してください。`);
  }
  console.log(`[e2e] Debian のパッケージをインストールします: ${missing.join(" ")}`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", ...missing], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function freshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: postgres } = await import("postgres");
  const name = `e2e_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

async function waitForHealth(base: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`npm run demo が終了しました（${server.exitCode}）`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${timeoutMs / 1000} 秒待っても ${base}/api/health が応答しません`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid, "SIGTERM"); // the whole group: npm, tsx, next start
    } catch {
      child.kill("SIGTERM");
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }, 10_000).unref();
  });
}

async function main(): Promise<number> {
  ensureChromium();
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "vaccine-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEXTAUTH_SECRET: "e2e-secret-0123456789-0123456789-0123456789" };
  // LINE: the LIFF pages run with @line/liff-mock, and ID tokens are verified by a fake LINE
  // Platform on 127.0.0.1 (tests/support/fake-line.ts; LIFF_MOCK is honoured only with a loopback API base).
  const fakeLine = await startFakeLine({ channelAccessToken: "e2e-line-access-token", loginChannelId: "1657000000" });
  Object.assign(env, {
    LIFF_ID: "1657000000-E2eLiffX",
    LIFF_MOCK: "1",
    LINE_API_BASE_URL: fakeLine.url,
    LINE_API_DATA_BASE_URL: fakeLine.url,
    LINE_CHANNEL_SECRET: "e2e-line-channel-secret",
    LINE_CHANNEL_ACCESS_TOKEN: "e2e-line-access-token",
  });
  delete env.DATABASE_URL;
  let dropDatabase: (() => Promise<void>) | null = null;
  if (process.env.E2E_DATABASE_URL) {
    const fresh = await freshPostgresDatabase(process.env.E2E_DATABASE_URL);
    env.DATABASE_URL = fresh.url;
    dropDatabase = fresh.drop;
    console.log("[e2e] database: PostgreSQL (E2E_DATABASE_URL)");
  } else {
    env.PGLITE_DATA_DIR = path.join(work, "pglite");
    console.log(`[e2e] database: PGlite in ${env.PGLITE_DATA_DIR}`);
  }
  const log = fs.openSync(path.join(work, "demo.log"), "w");
  console.log(`[e2e] npm run demo on ${base} (log: ${path.join(work, "demo.log")})`);
  const server = spawn("npm", ["run", "demo"], { env, stdio: ["ignore", log, log], detached: true });
  try {
    await waitForHealth(base, server, 8 * 60_000);
    console.log("[e2e] server is up; running tests/e2e");
    const jest = spawn(
      process.execPath,
      ["--experimental-vm-modules", require.resolve("jest/bin/jest"), "--selectProjects", "e2e", "--runInBand", ...process.argv.slice(2)],
      { env: { ...env, E2E_BASE_URL: base, CHROMIUM_PATH: CHROMIUM }, stdio: "inherit" },
    );
    return await new Promise<number>((resolve) => jest.on("exit", (code) => resolve(code ?? 1)));
  } catch (e) {
    console.error(`[e2e] ${e instanceof Error ? e.message : String(e)}`);
    console.error(fs.readFileSync(path.join(work, "demo.log"), "utf8").slice(-5000));
    return 1;
  } finally {
    await stop(server);
    await fakeLine.close();
    await dropDatabase?.();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
