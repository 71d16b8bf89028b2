import { describe, expect, it } from "vitest";
import { compareDates, extractDates, formatDate, yearFromSameDay } from "./dates";

const labels = (text: string) => extractDates(text).map(formatDate);

describe("extractDates: German forms", () => {
  it("reads day-month-year, numeric dates and month-year", () => {
    expect(labels("Am 16. Juni 1943 berichtete die schwedische Zeitung")).toEqual(["1943-06-16"]);
    expect(labels("Unterredung zwischen Hitler und Molotow in Berlin am 12. November 1940")).toEqual(["1940-11-12"]);
    expect(labels("Am 22.2.1933,7 fünf Tage vor dem Reichstagsbrand")).toEqual(["1933-02-22"]);
    expect(labels("löste die KomIntern im Mai 1943 auf")).toEqual(["1943-05"]);
    expect(labels("erfolgte allerdings erst im Juni 1944.")).toEqual(["1944-06"]);
  });
  it("takes the year of 'Weihnachten 1944, am 24. Dezember' for the day", () => {
    const [xmas, day] = extractDates("Weihnachten 1944, am 24. Dezember, ersuchte US-Präsident Franklin D. Roosevelt");
    expect(formatDate(xmas)).toBe("1944-12");
    expect(formatDate(day)).toBe("1944-12-24");
    expect(day.yearInferred).toBe(true);
  });
  it("reads the forum's two-digit years only where they cannot be a day or a count", () => {
    expect(labels("Im September 43 war Dekanosow in Stockholm")).toEqual(["1943-09"]);
    expect(labels("die Forderungen aus November 40 erneut")).toEqual(["1940-11"]);
    expect(labels("immer schon nach Moskau im Dez '41")).toEqual(["1941-12"]);
    expect(labels("Bis ca. Ende 43 wäre Stalin")).toEqual(["1943"]);
    expect(extractDates("zwischen 41 und 44 angemessener").map((d) => d.text)).toEqual(["41", "44"]);
    expect(labels("innerhalb von 8 Tagen einen Waffenstillstand")).toEqual([]);
  });
  it("does not take decades, footnote-glued numbers or page numbers as years", () => {
    expect(labels("in den 1950er Jahren bereits")).toEqual([]);
    expect(labels("der kampflosen Niederlage 193338 und")).toEqual([]);
    expect(labels("Weber, Archivrevolution, S. 998–1005, hier S. 1004.")).toEqual([]);
  });
});

describe("extractDates: English forms", () => {
  it("reads month-first, day-first, abbreviated and ranged dates", () => {
    expect(labels("On June 16, 1943, the newspaper")).toEqual(["1943-06-16"]);
    expect(labels("presented to Hitler on 18 December 1942 by Foreign Minister Ciano")).toEqual(["1942-12-18"]);
    expect(labels("American Historical Review (Dec. 1972)")).toEqual(["1972-12"]);
    expect(labels("The Battle of Stalingrad ended in February, 1943, by which time")).toEqual(["1943-02"]);
    expect(labels("Churchill to Roosevelt, Mar. 7, 1942, in")).toEqual(["1942-03-07"]);
    expect(labels("On August 2-5, 1943, Ribbentrop's assistant")).toEqual(["1943-08-02"]);
    expect(labels("during the winter of 1942-43")).toEqual(["1942", "1943"]);
  });
  it("does not read the modal 'may' or a bare month as a date", () => {
    expect(labels("he may have given up any hope in March")).toEqual([]);
  });
  it("leaves the year open when nothing before gives it, and can take it from a footnote", () => {
    const [d] = extractDates("On November 12 Molotov handed to the United States ambassador a memorandum");
    expect(d.year).toBeNull();
    const footnote = extractDates("Molotov to Harriman, Nov. 12, 1943, ibid., 502-03.");
    expect(yearFromSameDay(d, footnote)).toBe(1943);
  });
});

describe("compareDates", () => {
  const one = (s: string) => extractDates(s)[0];
  it("matches the same day written in German and English", () => {
    expect(compareDates(one("am 16. Juni 1943"), one("June 16, 1943"))).toEqual({ kind: "same-day", strength: 1 });
    expect(compareDates(one("16 June 1943"), one("16. Juni 1943")).kind).toBe("same-day");
  });
  it("flags the same day in another year as a look-alike, not a match", () => {
    const r = compareDates(one("am 12. November 1940"), one("Nov. 12, 1943"));
    expect(r.kind).toBe("other-year");
    expect(r.strength).toBe(1);
  });
  it("treats a shared year alone as weak and different inferred years as no evidence", () => {
    expect(compareDates(one("Juni 1943"), one("June 16, 1943")).kind).toBe("same-month");
    expect(compareDates(one("1943"), one("June 16, 1943")).kind).toBe("same-year");
    const a = extractDates("in 1941. By a note of 12 November Molotov")[1];
    const b = extractDates("in 1943. On November 12 Molotov")[1];
    expect(a.yearInferred && b.yearInferred).toBe(true);
    expect(compareDates(a, b).kind).toBe("none");
  });
});
