import { describe, expect, it } from "vitest";
import { literalMalformedSegments } from "./malformed-path";

describe("literalMalformedSegments", () => {
  it("leaves well-formed paths alone, encoded text included", () => {
    for (const url of ["/en/seminars/abc", "/en/read?p=a%E0&x=1", "/api/documents/%D0%B4%D0%BE%D0%BA/window", "/"])
      expect(literalMalformedSegments(url)).toBe(url);
  });

  it("escapes the % signs of a segment that cannot be decoded, and only of that one", () => {
    expect(literalMalformedSegments("/api/seminars/%E0%A4%A/annotations?x=%E0")).toBe("/api/seminars/%25E0%25A4%25A/annotations?x=%E0");
    expect(literalMalformedSegments("/en/seminars/%")).toBe("/en/seminars/%25");
    expect(literalMalformedSegments("/api/w3c/seminars/%ZZ/%41")).toBe("/api/w3c/seminars/%25ZZ/%41");
    expect(decodeURIComponent(literalMalformedSegments("/a/%E0%A4%A"))).toBe("/a/%E0%A4%A");
  });
});
