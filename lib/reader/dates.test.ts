import { describe, expect, it } from "vitest";
import { parsePartialDate } from "./dates";

const fmt = (locale: string, v: string) => {
  const p = parsePartialDate(v)!;
  return new Intl.DateTimeFormat(locale, p.options).format(p.date);
};

describe("partial dates", () => {
  it("shows only the parts the source gives, per locale", () => {
    expect(fmt("en", "1972-12")).toBe("December 1972");
    expect(fmt("de", "1972-12")).toBe("Dezember 1972");
    expect(fmt("ru", "1972-12")).toMatch(/^декабрь 1972/);
    expect(fmt("de", "2020-05-14")).toBe("14. Mai 2020");
    expect(fmt("en", "1933")).toBe("1933");
  });
  it("rejects what is not a date", () => {
    expect(parsePartialDate(null)).toBeNull();
    expect(parsePartialDate("Anfang 1933")).toBeNull();
    expect(parsePartialDate("1972-13")).toBeNull();
  });
});
