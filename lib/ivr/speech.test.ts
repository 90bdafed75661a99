// How the IVR writes dates, times and numbers for Japanese text-to-speech.
import { callerNumber } from "./caller";
import { smsReachable } from "./sms";
import { speakDate, speakDigits, speakPhone, speakProduct, speakText, speakTime, speakTimeRange } from "./speech";
import { askTwiml, hangupTwiml } from "./twiml";
import { readTwiml } from "./twiml-reader";

describe("speech", () => {
  it.each([
    ["2026-12-10", "12月10日木曜日"],
    ["2026-12-06", "12月6日日曜日"],
    ["2027-01-02", "1月2日土曜日"],
  ])("reads %s as %s", (date, spoken) => {
    expect(speakDate(date)).toBe(spoken);
  });

  it.each([
    ["09:30", "9時30分"],
    ["09:30:00", "9時30分"],
    ["10:00", "10時"],
    ["09:05", "9時5分"],
    ["14:45:00", "14時45分"],
    ["00:00", "0時"],
  ])("reads %s as %s", (time, spoken) => {
    expect(speakTime(time)).toBe(spoken);
  });

  it("reads a time range, numbers digit by digit, and a phone number by its groups", () => {
    expect(speakTimeRange("09:30:00", "10:00:00")).toBe("9時30分から10時まで");
    expect(speakDigits("123450789")).toBe("1、2、3、4、5、0、7、8、9");
    expect(speakPhone("0120-000-111")).toBe("0、1、2、0の、0、0、0の、1、1、1");
    expect(speakPhone("042(626)3111")).toBe("0、4、2の、6、2、6の、3、1、1、1");
  });

  it("makes screen text speakable", () => {
    expect(speakText("平日 9:00〜17:00")).toBe("平日 9時から17時");
    expect(speakText("2027年3月1日（月）以降の日を選んでください。")).toBe("2027年3月1日月曜日以降の日を選んでください。");
    expect(speakText("2026年12月3日（木） 09:00から始まります。")).toBe("2026年12月3日木曜日 9時から始まります。");
    expect(speakProduct("ファイザー (コミナティ)")).toBe("ファイザー、コミナティ");
    expect(speakProduct("武田/モデルナ (スパイクバックス)")).toBe("武田・モデルナ、スパイクバックス");
    expect(speakProduct("ファイザー (5〜11歳用)")).toBe("ファイザー、5から11歳用");
  });
});

describe("caller numbers", () => {
  it.each([
    ["+819012345678", "+819012345678", true],
    ["+818012345678", "+818012345678", true],
    ["+817012345678", "+817012345678", true],
    ["+81312345678", "+81312345678", false],
    ["+266696687", null, false],
    ["+7378742833", null, false],
    ["anonymous", null, false],
    ["", null, false],
  ])("%s: caller %s, SMS %s", (from, caller, sms) => {
    expect(callerNumber(from)).toBe(caller);
    expect(smsReachable(from || null)).toBe(sms);
  });
});

describe("TwiML", () => {
  it("asks inside a keypad Gather in ja-JP and comes back to the same step on silence", () => {
    const xml = askTwiml("Polly.Takumi", ["一つ目", "<二つ目> & 三つ目"], { action: "/api/ivr/gather?step=venue&x=1", timeout: 8, numDigits: 1 });
    expect(readTwiml(xml)).toEqual([
      {
        verb: "Gather",
        action: "/api/ivr/gather?step=venue&x=1",
        method: "POST",
        numDigits: 1,
        finishOnKey: "#",
        timeout: 8,
        input: "dtmf",
        says: ["一つ目", "<二つ目> & 三つ目"],
      },
      { verb: "Redirect", url: "/api/ivr/gather?step=venue&x=1", method: "POST" },
    ]);
    expect(xml).toContain('language="ja-JP"');
    expect(xml).toContain('voice="Polly.Takumi"');
  });

  it("finishes with Say then Hangup", () => {
    expect(readTwiml(hangupTwiml("Polly.Mizuki", ["さようなら"]))).toEqual([
      { verb: "Say", text: "さようなら", language: "ja-JP", voice: "Polly.Mizuki" },
      { verb: "Hangup" },
    ]);
  });
});
