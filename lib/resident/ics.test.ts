import { messagesFor } from "@/lib/i18n";
import { buildReservationIcs, icsFileName, reservationUid, type ReservationIcsInput } from "./ics";

/** Unfolds RFC 5545 lines and reads each component's properties (name → unescaped value). */
function parseIcs(text: string): { lines: string[]; events: Record<string, string>[]; alarms: Record<string, string>[] } {
  const lines = text.replace(/\r\n[ \t]/g, "").split("\r\n").filter(Boolean);
  const events: Record<string, string>[] = [];
  const alarms: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") events.push((current = {}));
    else if (line === "BEGIN:VALARM") alarms.push((current = {}));
    else if (line === "END:VALARM") current = events.at(-1) ?? null;
    else if (line === "END:VEVENT") current = null;
    else if (current) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).split(";")[0]!;
      current[name] = line
        .slice(colon + 1)
        .replace(/\\n/gi, "\n")
        .replace(/\\([,;\\])/g, "$1");
    }
  }
  return { lines, events, alarms };
}

const reservation: ReservationIcsInput = {
  reservationNumber: "123456782",
  status: "booked",
  doseNumber: 1,
  date: "2026-12-03",
  startTime: "09:00",
  endTime: "09:30",
  venue: { name: "八王子市役所 集団接種会場", address: "東京都八王子市元本郷町三丁目24番1号, 本庁舎1階; 大会議室" },
  guardianRequired: false,
};

describe("buildReservationIcs", () => {
  it("gives the Tokyo wall-clock times as UTC instants", () => {
    const { events } = parseIcs(buildReservationIcs(reservation, messagesFor("ja"), "132012"));
    expect(events).toHaveLength(1);
    expect(events[0]!.DTSTART).toBe("20261203T000000Z");
    expect(events[0]!.DTEND).toBe("20261203T003000Z");
  });

  it("moves a morning slot before 09:00 to the previous UTC day", () => {
    const early = { ...reservation, startTime: "08:30:00", endTime: "09:15:00" };
    const { events } = parseIcs(buildReservationIcs(early, messagesFor("ja"), "132012"));
    expect(events[0]!.DTSTART).toBe("20261202T233000Z");
    expect(events[0]!.DTEND).toBe("20261203T001500Z");
  });

  it("names the dose, the venue with its address and the reservation number in Japanese", () => {
    const text = buildReservationIcs({ ...reservation, doseNumber: 2 }, messagesFor("ja"), "132012");
    const { events, alarms } = parseIcs(text);
    const event = events[0]!;
    expect(event.SUMMARY).toBe("新型コロナワクチン接種（2回目）");
    expect(event.LOCATION).toBe("八王子市役所 集団接種会場 東京都八王子市元本郷町三丁目24番1号, 本庁舎1階; 大会議室");
    expect(event.UID).toBe(reservationUid("123456782", "132012"));
    expect(event.STATUS).toBe("CONFIRMED");
    expect(event.DESCRIPTION).toContain("予約番号: 123456782");
    expect(event.DESCRIPTION).toContain("・接種券（予診票と一体のもの）");
    expect(event.DESCRIPTION).toContain("予診票は事前に記入");
    expect(event.DESCRIPTION).not.toContain("母子健康手帳");
    expect(alarms).toEqual([expect.objectContaining({ ACTION: "DISPLAY", TRIGGER: "-PT24H" })]);
  });

  it("asks a child's family for the guardian and the 母子健康手帳", () => {
    const { events } = parseIcs(buildReservationIcs({ ...reservation, guardianRequired: true }, messagesFor("ja"), "132012"));
    expect(events[0]!.DESCRIPTION).toContain("・母子健康手帳");
    expect(events[0]!.DESCRIPTION).toContain("保護者の同伴");
  });

  it("speaks the resident's language", () => {
    const { events } = parseIcs(buildReservationIcs(reservation, messagesFor("en"), "132012"));
    expect(events[0]!.SUMMARY).toBe("COVID-19 vaccination (dose 1)");
    expect(events[0]!.DESCRIPTION).toContain("Reservation number: 123456782");
  });

  it("keeps one UID per reservation, also after a change of slot, and marks a cancelled one", () => {
    const ja = messagesFor("ja");
    const first = parseIcs(buildReservationIcs(reservation, ja, "132012")).events[0]!;
    const moved = parseIcs(buildReservationIcs({ ...reservation, date: "2026-12-05", status: "cancelled" }, ja, "132012")).events[0]!;
    const other = parseIcs(buildReservationIcs({ ...reservation, reservationNumber: "876543214" }, ja, "132012")).events[0]!;
    expect(moved.UID).toBe(first.UID);
    expect(moved.DTSTART).toBe("20261205T000000Z");
    expect(moved.STATUS).toBe("CANCELLED");
    expect(other.UID).not.toBe(first.UID);
  });

  it("writes CRLF lines no calendar has to guess about", () => {
    const text = buildReservationIcs(reservation, messagesFor("ja"), "132012");
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
  });
});

describe("icsFileName", () => {
  it("is ASCII only, whatever it is given", () => {
    expect(icsFileName("123456782")).toBe("reservation-123456782.ics");
    expect(icsFileName('12"3\r\n')).toBe("reservation-123.ics");
  });
});
