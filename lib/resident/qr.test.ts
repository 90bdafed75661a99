import QRCode from "qrcode";
import { reservationCheckDigit } from "@/lib/booking/book";
import { parseReceptionQr, RECEPTION_QR_PREFIX, receptionQrPayload, receptionQrSvg } from "./qr";

const NUMBER = "123456782"; // 12345678 + check digit 2

/** Reads the dark modules back out of the SVG path qrcode draws (rows of `h` runs). */
function modulesFromSvg(svg: string, size: number, margin: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const d = /<path[^>]*stroke="[^"]*"[^>]*d="([^"]+)"/.exec(svg)?.[1];
  if (!d) throw new Error("no dark path in the SVG");
  let x = 0;
  let y = 0;
  for (const [, command, args] of d.matchAll(/([Mmh])([^Mmh]+)/g)) {
    const numbers = args!.trim().split(/[\s,]+/).map(Number);
    if (command === "M") [x, y] = [numbers[0]!, numbers[1]!];
    else if (command === "m") [x, y] = [x + numbers[0]!, y + numbers[1]!];
    else {
      for (let i = 0; i < numbers[0]!; i++) grid[Math.floor(y) - margin]![x - margin + i] = true;
      x += numbers[0]!;
    }
  }
  return grid;
}

describe("reception QR", () => {
  it("carries the reservation number behind the prefix", () => {
    expect(reservationCheckDigit("12345678")).toBe("2");
    expect(receptionQrPayload(NUMBER)).toBe(`${RECEPTION_QR_PREFIX}${NUMBER}`);
    expect(receptionQrPayload(NUMBER)).toBe("VRSV:123456782");
  });

  it("encodes exactly the payload (the QR's own segments)", () => {
    const qr = QRCode.create(receptionQrPayload(NUMBER), { errorCorrectionLevel: "M" });
    const segments = qr.segments as unknown as { data: string; mode: { id: string } }[];
    expect(segments.map((s) => s.data).join("")).toBe("VRSV:123456782");
    // The prefix keeps the whole text out of byte mode: the smallest code (21 × 21).
    expect(segments.map((s) => s.mode.id)).not.toContain("Byte");
    expect(qr.version).toBe(1);
  });

  it("draws that very QR in the SVG, module for module", async () => {
    const svg = await receptionQrSvg(NUMBER);
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 29 29"/);
    const qr = QRCode.create("VRSV:123456782", { errorCorrectionLevel: "M" });
    const size = qr.modules.size;
    const expected = Array.from({ length: size }, (_, row) =>
      Array.from({ length: size }, (_, col) => Boolean(qr.modules.get(row, col))),
    );
    expect(modulesFromSvg(svg, size, 4)).toEqual(expected);
    // And not just any QR: another number draws differently.
    const other = await receptionQrSvg("876543214");
    expect(modulesFromSvg(other, size, 4)).not.toEqual(expected);
  });

  it("refuses to make a code for something that is not a reservation number", () => {
    expect(() => receptionQrPayload("123456789")).toThrow(RangeError);
    expect(() => receptionQrPayload("12345678")).toThrow(RangeError);
  });
});

describe("parseReceptionQr", () => {
  it("round-trips the payload, also with the newline a keyboard scanner adds", () => {
    expect(parseReceptionQr(receptionQrPayload(NUMBER))).toBe(NUMBER);
    expect(parseReceptionQr(`${receptionQrPayload(NUMBER)}\r\n`)).toBe(NUMBER);
  });

  it("rejects other codes: no prefix, another prefix, the voucher's 18-digit code", () => {
    expect(parseReceptionQr(NUMBER)).toBeNull();
    expect(parseReceptionQr(`XRSV:${NUMBER}`)).toBeNull();
    expect(parseReceptionQr(`vrsv:${NUMBER}`)).toBeNull();
    expect(parseReceptionQr("111320121234567890")).toBeNull();
    expect(parseReceptionQr("https://example.jp/?r=123456782")).toBeNull();
    expect(parseReceptionQr("")).toBeNull();
  });

  it("rejects a wrong check digit, a short or long number and trailing text", () => {
    expect(parseReceptionQr("VRSV:123456789")).toBeNull();
    expect(parseReceptionQr("VRSV:12345678")).toBeNull();
    expect(parseReceptionQr("VRSV:1234567820")).toBeNull();
    expect(parseReceptionQr("VRSV:123456782x")).toBeNull();
    expect(parseReceptionQr("VRSV: 123456782")).toBeNull();
  });
});
