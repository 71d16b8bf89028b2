import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./same-origin-path";

describe("sameOriginPath", () => {
  it("keeps paths on this site, query and fragment included", () => {
    expect(sameOriginPath("/en/seminars")).toBe("/en/seminars");
    expect(sameOriginPath("/en/read?l=a|b&s=1#p3")).toBe("/en/read?l=a|b&s=1#p3");
    expect(sameOriginPath("/en/%2F%2Fevil.example")).toBe("/en/%2F%2Fevil.example");
  });

  it("refuses everything that a browser would take to another host", () => {
    for (const evil of [
      "/\t/evil.example/phish", // the reported case: ?next=/%09/evil.example/phish
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      " /evil",
      "/./\t/evil.example",
      "/.//evil.example",
    ]) {
      expect(sameOriginPath(evil), JSON.stringify(evil)).toBeNull();
    }
  });

  it("refuses what is not a path at all", () => {
    expect(sameOriginPath(undefined)).toBeNull();
    expect(sameOriginPath(["/en"])).toBeNull();
    expect(sameOriginPath("")).toBeNull();
    expect(sameOriginPath("en/seminars")).toBeNull();
    expect(sameOriginPath(`/${"a".repeat(5000)}`)).toBeNull();
  });
});
