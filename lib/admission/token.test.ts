import { signToken, verifyToken } from "./token";

const SECRET = "s".repeat(40);

describe("admission tokens", () => {
  it("round-trips a pass and a ticket", () => {
    expect(verifyToken(SECRET, signToken(SECRET, { kind: "pass", exp: 2000 }), 1000)).toEqual({ kind: "pass", exp: 2000 });
    expect(verifyToken(SECRET, signToken(SECRET, { kind: "ticket", ticket: 42, exp: 2000 }), 1000)).toEqual({ kind: "ticket", ticket: 42, exp: 2000 });
  });

  it("refuses expired, forged, tampered and foreign tokens", () => {
    const pass = signToken(SECRET, { kind: "pass", exp: 2000 });
    expect(verifyToken(SECRET, pass, 2000)).toBeNull();
    expect(verifyToken("t".repeat(40), pass, 1000)).toBeNull();
    expect(verifyToken(SECRET, pass.replace("p.2000", "p.9999"), 1000)).toBeNull();
    const ticket = signToken(SECRET, { kind: "ticket", ticket: 42, exp: 2000 });
    expect(verifyToken(SECRET, ticket.replace("t.42", "t.1"), 1000)).toBeNull();
    for (const junk of [undefined, "", ".", "p.2000", "p.2000.", "x".repeat(500)]) expect(verifyToken(SECRET, junk, 1000)).toBeNull();
  });
});
