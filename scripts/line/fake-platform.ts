// A fake LINE Platform on 127.0.0.1 for trying the LIFF pages and the webhook without LINE
// (the same one the tests use). `npx tsx scripts/line/fake-platform.ts [port] [login channel id]`,
// then start the app with LIFF_MOCK=1 LIFF_ID=<channel id>-Demo LINE_API_BASE_URL=<printed url>.
import { startFakeLine } from "../../tests/support/fake-line";

const port = Number(process.argv[2] ?? 4010);
const loginChannelId = process.argv[3] ?? "1657000000";

startFakeLine({ port, loginChannelId, channelAccessToken: process.env.LINE_CHANNEL_ACCESS_TOKEN ?? "test-channel-access-token" }).then((line) => {
  console.log(`fake LINE Platform: ${line.url} (LINE Login channel ${loginChannelId}); Ctrl+C で終了`);
  setInterval(() => {
    for (const call of line.calls.splice(0)) console.log(call.method, call.path, JSON.stringify(call.body)?.slice(0, 300));
  }, 500);
});
