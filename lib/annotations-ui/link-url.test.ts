import { describe, expect, it } from "vitest";
import { checkLinkAddress } from "./link-url";

describe("the note editor's link field", () => {
  it("accepts web and e-mail addresses, adding https:// to a bare host", () => {
    expect(checkLinkAddress(" https://history.state.gov/frus ")).toEqual({ ok: true, href: "https://history.state.gov/frus" });
    expect(checkLinkAddress("books.google.com/x?a=1")).toEqual({ ok: true, href: "https://books.google.com/x?a=1" });
    expect(checkLinkAddress("localhost:3000/read")).toEqual({ ok: true, href: "https://localhost:3000/read" });
    expect(checkLinkAddress("mailto:irene@example.org")).toEqual({ ok: true, href: "mailto:irene@example.org" });
  });

  it("refuses scripts and other schemes by name, whatever their case or spacing", () => {
    expect(checkLinkAddress("javascript:alert(1)")).toEqual({ ok: false, reason: "scheme", scheme: "javascript" });
    expect(checkLinkAddress("  JavaScript:alert(document.cookie)")).toEqual({ ok: false, reason: "scheme", scheme: "javascript" });
    expect(checkLinkAddress("data:text/html,<script>")).toEqual({ ok: false, reason: "scheme", scheme: "data" });
    expect(checkLinkAddress("file:///etc/passwd")).toEqual({ ok: false, reason: "scheme", scheme: "file" });
  });

  it("refuses what is no address at all", () => {
    expect(checkLinkAddress("https://")).toEqual({ ok: false, reason: "invalid" });
    expect(checkLinkAddress("not an address")).toEqual({ ok: false, reason: "invalid" });
  });
});
