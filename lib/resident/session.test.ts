import { clientAddressFrom } from "./session";

describe("clientAddressFrom", () => {
  const h = (forwarded?: string, realIp?: string) => {
    const headers = new Headers();
    if (forwarded) headers.set("x-forwarded-for", forwarded);
    if (realIp) headers.set("x-real-ip", realIp);
    return headers;
  };

  it("takes the address our own proxy appended, not what the client claims", () => {
    expect(clientAddressFrom(h("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddressFrom(h("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
  });

  it("uses the only entry when there is one, and never reads past the left end", () => {
    expect(clientAddressFrom(h("203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddressFrom(h("203.0.113.7"), 3)).toBe("203.0.113.7");
  });

  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddressFrom(h("6.6.6.6", "198.51.100.1"), 0)).toBe("198.51.100.1");
    expect(clientAddressFrom(h(), 1)).toBe("direct");
  });
});
