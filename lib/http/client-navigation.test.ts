import { describe, expect, it } from "vitest";
import { isClientNavigation, markClientNavigation } from "./client-navigation";

describe("client navigation, as the proxy passes it on", () => {
  const forward = (incoming: Record<string, string>) => {
    const request = new Headers(incoming);
    const forwarded = new Headers(request);
    markClientNavigation(request, forwarded);
    return isClientNavigation(forwarded);
  };

  it("is a request of Next's router for the payload alone", () => {
    expect(forward({ rsc: "1" })).toBe(true);
    expect(forward({})).toBe(false);
  });

  it("cannot be claimed by the browser with our own header", () => {
    expect(forward({ "x-synopse-client-navigation": "1" })).toBe(false);
  });
});
