import { describe, expect, it } from "vitest";
import { inviteCodeOf } from "./invite-path";

describe("the invite a sign-in leads to", () => {
  it("reads the code of a join page in any interface language", () => {
    expect(inviteCodeOf("/en/join/demo-seminar-2026")).toBe("demo-seminar-2026");
    expect(inviteCodeOf("/ru/join/AbC_12-x")).toBe("AbC_12-x");
  });

  it("is null for anything else: other pages, queries, extra segments, other hosts", () => {
    for (const path of ["/en/seminars", "/en/join/", "/en/join/abc/extra", "/en/join/abc?x=1", "//evil.example/en/join/abc", "", null, undefined])
      expect(inviteCodeOf(path)).toBeNull();
  });
});
