// Is this error "the database cannot be reached right now" (a restart, a failover, a dropped
// connection), as opposed to a bug? Such errors reach the resident as a clear refusal
// (`db_unavailable`) instead of a 500. The transaction they interrupted was never committed
// by us, or its commit was not acknowledged: the message asks the resident to check My page.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    if (CONNECTION_CODES.has(code)) return true;
    // SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now).
    if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return true;
  }
  return false;
}

export const DB_UNAVAILABLE = {
  code: "db_unavailable",
  reason:
    "ただいまシステムに接続できないため、予約を受け付けられませんでした。しばらくしてからもう一度お試しください。" +
    "予約が完了しているかどうかは、マイページでご確認いただけます。",
} as const;
