import { describe, expect, it } from "vitest";
import { dropUntrustedForwarded, proxyList } from "./forwarded";

const spoofed = () => ({
  host: "synopse.example",
  "x-forwarded-for": "203.0.113.9",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-real-ip": "1.2.3.4",
});

describe("forwarded headers", () => {
  it("are dropped when the peer is not a configured proxy (none by default)", () => {
    const h: Record<string, string | undefined> = spoofed();
    dropUntrustedForwarded(h, "198.51.100.7", proxyList([]));
    expect(h).toEqual({ host: "synopse.example" });
    const h2: Record<string, string | undefined> = spoofed();
    dropUntrustedForwarded(h2, "10.1.2.3", proxyList(["10.0.0.1", "192.168.0.0/16"]));
    expect(h2["x-forwarded-for"]).toBeUndefined();
  });

  it("are kept from a configured proxy, by address or range, IPv4-mapped included", () => {
    for (const peer of ["10.0.0.1", "::ffff:10.0.0.1", "192.168.4.5"]) {
      const h: Record<string, string | undefined> = spoofed();
      dropUntrustedForwarded(h, peer, proxyList(["10.0.0.1", "192.168.0.0/16", "not-an-address"]));
      expect(h["x-forwarded-for"], peer).toBe("203.0.113.9");
    }
  });
});
