// The Messaging API clients of @line/bot-sdk, pointed at LINE_API_BASE_URL /
// LINE_API_DATA_BASE_URL (LINE's own by default, a fake server in tests).
import { messagingApi } from "@line/bot-sdk";
import type { LineConfig } from "./config";

export class LineNotConfiguredError extends Error {
  constructor(what: string) {
    super(`${what} が設定されていません（docs/line.md を参照してください）。`);
    this.name = "LineNotConfiguredError";
  }
}

export function messagingClient(config: LineConfig): messagingApi.MessagingApiClient {
  if (!config.channelAccessToken) throw new LineNotConfiguredError("LINE_CHANNEL_ACCESS_TOKEN");
  return new messagingApi.MessagingApiClient({ channelAccessToken: config.channelAccessToken, baseURL: config.apiBaseUrl });
}

export function messagingBlobClient(config: LineConfig): messagingApi.MessagingApiBlobClient {
  if (!config.channelAccessToken) throw new LineNotConfiguredError("LINE_CHANNEL_ACCESS_TOKEN");
  return new messagingApi.MessagingApiBlobClient({ channelAccessToken: config.channelAccessToken, baseURL: config.apiDataBaseUrl });
}
