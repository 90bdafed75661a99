// The LINE channel's settings, read from the environment on every request (one deployment =
// one municipality = one LINE official account). See docs/line.md for the LINE console side.

export interface LineConfig {
  /** LINE_CHANNEL_SECRET (Messaging API channel): signs every webhook request (x-line-signature). */
  channelSecret: string | null;
  /** LINE_CHANNEL_ACCESS_TOKEN (Messaging API channel, long-lived): reply, push, rich menu. */
  channelAccessToken: string | null;
  /** LIFF_ID, e.g. 1657000000-AbCdEfGh: the LIFF app on the LINE Login channel. */
  liffId: string | null;
  /** The LINE Login channel id the LIFF ID tokens are issued for: LINE_LOGIN_CHANNEL_ID, else LIFF_ID's prefix. */
  loginChannelId: string | null;
  /** LINE_API_BASE_URL: api.line.me, or a fake server in tests. */
  apiBaseUrl: string;
  /** LINE_API_DATA_BASE_URL: api-data.line.me (rich menu images), or a fake server in tests. */
  apiDataBaseUrl: string;
  /**
   * LIFF_MOCK=1 runs the LIFF pages with @line/liff-mock instead of LINE — honoured only while
   * LINE_API_BASE_URL points at this machine (a fake LINE Platform), so a production deployment
   * never runs the mock. Tokens are verified by LINE_API_BASE_URL's verify endpoint either way.
   */
  liffMock: boolean;
  /** PUBLIC_BASE_URL: the site's own address (web links when no LIFF app is configured). */
  publicBaseUrl: string | null;
}

export const DEFAULT_LINE_API_BASE_URL = "https://api.line.me";
export const DEFAULT_LINE_API_DATA_BASE_URL = "https://api-data.line.me";

function env(name: string): string | null {
  const value = process.env[name]?.trim();
  return value ? value : null;
}

const stripSlash = (url: string) => url.replace(/\/+$/, "");

export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host === "::1";
  } catch {
    return false;
  }
}

/** The channel id in a LIFF ID ("{channel id}-{random}"). */
export function channelIdOfLiffId(liffId: string | null): string | null {
  const match = liffId?.match(/^([0-9]+)-[A-Za-z0-9]+$/);
  return match ? match[1]! : null;
}

export function lineConfig(): LineConfig {
  const liffId = env("LIFF_ID");
  const apiBaseUrl = stripSlash(env("LINE_API_BASE_URL") ?? DEFAULT_LINE_API_BASE_URL);
  return {
    channelSecret: env("LINE_CHANNEL_SECRET"),
    channelAccessToken: env("LINE_CHANNEL_ACCESS_TOKEN"),
    liffId,
    loginChannelId: env("LINE_LOGIN_CHANNEL_ID") ?? channelIdOfLiffId(liffId),
    apiBaseUrl,
    apiDataBaseUrl: stripSlash(env("LINE_API_DATA_BASE_URL") ?? DEFAULT_LINE_API_DATA_BASE_URL),
    liffMock: /^(1|true|yes|on)$/i.test(env("LIFF_MOCK") ?? "") && isLoopbackUrl(apiBaseUrl),
    publicBaseUrl: env("PUBLIC_BASE_URL") ? stripSlash(env("PUBLIC_BASE_URL")!) : null,
  };
}

/**
 * Where a LINE message sends the resident: the LIFF app (https://liff.line.me/{LIFF_ID}/path
 * opens {LIFF endpoint URL}/path inside LINE), else the web site, else nowhere.
 */
export function residentLink(config: LineConfig, liffPath: "" | "/book" | "/reservations" | "/vouchers", webPath: string): string | null {
  if (config.liffId) return `https://liff.line.me/${config.liffId}${liffPath}`;
  if (config.publicBaseUrl) return `${config.publicBaseUrl}${webPath}`;
  return null;
}
