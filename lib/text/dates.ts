/**
 * Dates in German, English and Russian prose, normalized to {year, month?, day?} with their precision.
 * Used by link suggestions (a shared day is strong evidence, a shared year alone is weak, the same day in
 * another year is a contradiction) and by search. Framework-free.
 *
 * Hand-written because the date parsers on npm (chrono-node, date-fns parse) either want one locale at a
 * time, return a full timestamp (inventing a day for "Juni 1943" and a year for "June 16"), or do not know
 * the forms historians write: "16. Juni 1943", "22.2.1933", "Dez '41", "Ende 43", "June 16, 1943",
 * "Aug. 2-5, 1943", "1942-43". Here precision and "year inferred from context" are first-class.
 */

export type DatePrecision = "day" | "month" | "year";

export interface DateMention {
  /** offsets into the text (UTF-16) */
  start: number;
  end: number;
  text: string;
  /** null when the text gives no year and none could be inferred ("On June 16 …") */
  year: number | null;
  month?: number;
  day?: number;
  precision: DatePrecision;
  /** the year is not written next to the day/month but taken from context (earlier in the text, a footnote) */
  yearInferred?: boolean;
}

// Russian months in the nominative (январь 1948), genitive (1 апреля 1948) and prepositional (в апреле 1948).
const MONTHS: Array<[number, string[]]> = [
  [1, ["januar", "jänner", "january", "jan", "январь", "января", "январе"]],
  [2, ["februar", "february", "feb", "февраль", "февраля", "феврале"]],
  [3, ["märz", "maerz", "march", "mar", "март", "марта", "марте"]],
  [4, ["april", "apr", "апрель", "апреля", "апреле"]],
  [5, ["mai", "may", "май", "мая", "мае"]],
  [6, ["juni", "june", "jun", "июнь", "июня", "июне"]],
  [7, ["juli", "july", "jul", "июль", "июля", "июле"]],
  [8, ["august", "aug", "август", "августа", "августе"]],
  [9, ["september", "sept", "sep", "сентябрь", "сентября", "сентябре"]],
  [10, ["oktober", "october", "okt", "oct", "октябрь", "октября", "октябре"]],
  [11, ["november", "nov", "ноябрь", "ноября", "ноябре"]],
  [12, ["dezember", "december", "dez", "dec", "декабрь", "декабря", "декабре"]],
];
const MONTH_BY_NAME = new Map<string, number>();
for (const [n, names] of MONTHS) for (const name of names) MONTH_BY_NAME.set(name, n);
// Longest names first so "September" wins over "Sep"; abbreviations may carry a period.
const MONTH_RE = [...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join("|");

const SP = "[\\s\\u00a0\\u2005\\u2006\\u2009]";
const YEAR4 = "(18[5-9]\\d|19\\d\\d|20[0-4]\\d)";

// Order matters: earlier patterns claim their span first.
const PATTERNS: Array<{ re: RegExp; make: (m: RegExpExecArray) => Omit<DateMention, "start" | "end" | "text"> | null }> = [
  // 22.2.1933, 12.04.1933, [28.12.1931]
  {
    re: new RegExp(`\\b(\\d{1,2})\\.${SP}?(\\d{1,2})\\.${SP}?${YEAR4}\\b`, "g"),
    make: (m) => day(Number(m[3]), Number(m[2]), Number(m[1])),
  },
  // 16. Juni 1943, am 24. Dezember, 12. November 1940, 6. Mai
  {
    re: new RegExp(`\\b(\\d{1,2})\\.${SP}*(${MONTH_RE})\\.?(?:${SP}+(?:${YEAR4}|'(\\d\\d)))?(?![\\p{L}])`, "giu"),
    make: (m) => day(yearOf(m[3], m[4]), monthOf(m[2]), Number(m[1])),
  },
  // June 16, 1943 · Aug. 2-5, 1943 · Sept. 14 · On November 12 · May 23 (English: month first)
  {
    re: new RegExp(`(?<![\\p{L}])(${MONTH_RE})\\.?${SP}+(\\d{1,2})(?:st|nd|rd|th)?(?:${SP}*[-–]${SP}*\\d{1,2})?(?:,${SP}*${YEAR4})?(?![\\d\\p{L}])`, "giu"),
    make: (m) => (Number(m[2]) <= 31 ? day(yearOf(m[3]), monthOf(m[1]), Number(m[2])) : null),
  },
  // 16 June 1943, 12 November, 18 December 1942
  {
    re: new RegExp(`\\b(\\d{1,2})${SP}+(${MONTH_RE})\\.?(?:,?${SP}+${YEAR4})?(?![\\p{L}])`, "giu"),
    make: (m) => day(yearOf(m[3]), monthOf(m[2]), Number(m[1])),
  },
  // Juni 1943, Dec. 1972, May 1944, February, 1943, Dez '41, November 40, September 43 (two digits > 31 can only be a year)
  {
    re: new RegExp(`(?<![\\p{L}])(${MONTH_RE})\\.?,?${SP}+(?:${YEAR4}|'(\\d\\d)|(\\d\\d))(?![\\d\\p{L}])`, "giu"),
    make: (m) => {
      const yy = m[4] && Number(m[4]) > 31 ? m[4] : undefined;
      const year = yearOf(m[2], m[3] ?? yy);
      return year ? { year, month: monthOf(m[1]), precision: "month" } : null;
    },
  },
  // Weihnachten 1870 / Christmas 1870
  {
    re: new RegExp(`\\b(?:Weihnachten|Christmas)${SP}+${YEAR4}\\b`, "g"),
    make: (m) => ({ year: Number(m[1]), month: 12, precision: "month" }),
  },
  // 1942-43, 1939-41, 1941/42, 1933/34: the first year (the second is added below)
  {
    re: new RegExp(`\\b${YEAR4}${SP}?[-–/]${SP}?(\\d{2})(?![\\d\\p{L}])`, "gu"),
    make: (m) => ({ year: Number(m[1]), precision: "year" }),
  },
  // Ende 43, Anfang 1944, Frühjahr 1943, zwischen 41 und 43, in 42/43, mid-1943, early 1942
  {
    re: new RegExp(
      `\\b(?:Ende|Anfang|Mitte|Frühjahr|Sommer|Herbst|Winter|zwischen|und|in|bis|seit)${SP}+(\\d{2})(?:/(\\d{2}))?(?![\\d\\p{L}.])(?!${SP}*(?:Tag|Jahr|Monat|Woche|Prozent|%))`,
      "gu",
    ),
    make: (m) => {
      const yy = Number(m[1]);
      return yy >= 14 && yy <= 49 ? { year: 1900 + yy, precision: "year" } : null;
    },
  },
  // a year alone: 1943 (not 1930er / 1950s decades, not part of a longer number)
  {
    re: new RegExp(`(?<![\\d.,/])${YEAR4}(?![\\d]|er\\b|s\\b|’s)`, "g"),
    make: (m) => ({ year: Number(m[1]), precision: "year" }),
  },
];

function monthOf(name: string): number {
  return MONTH_BY_NAME.get(name.toLowerCase())!;
}

function yearOf(four?: string, two?: string): number | null {
  if (four) return Number(four);
  if (two) return 1900 + Number(two);
  return null;
}

function day(year: number | null, month: number, d: number): Omit<DateMention, "start" | "end" | "text"> | null {
  if (month < 1 || month > 12 || d < 1 || d > 31) return null;
  return { year, month, day: d, precision: "day" };
}

/**
 * All date mentions in a text, in text order. A day or month without a year gets the nearest year written
 * before it in the same text (`yearInferred`), else `contextYear` if given, else year null.
 */
export function extractDates(text: string, options: { contextYear?: number | null } = {}): DateMention[] {
  const taken: Array<[number, number]> = [];
  const found: DateMention[] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  for (const { re, make } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      const value = make(m);
      if (!value) continue;
      taken.push([start, end]);
      // "Ende 43", "und 44": the date is the number, the word before it only told us so.
      const lead = value.precision === "year" ? /^\p{L}+\s+/u.exec(m[0]) : null;
      const from = lead ? start + lead[0].length : start;
      found.push({ start: from, end, text: text.slice(from, end), ...value });
      // "1942-43" and "42/43": the second year as its own mention.
      const second = /(?:[-–/])(\d{2})$/.exec(m[0]);
      if (second && value.precision === "year") {
        const y = Math.floor(value.year! / 100) * 100 + Number(second[1]);
        if (y > value.year!) found.push({ start: end - 2, end, text: second[1], year: y, precision: "year" });
      }
    }
  }
  found.sort((a, b) => a.start - b.start);
  let lastYear: number | null = null;
  for (const d of found) {
    if (d.year === null) {
      const y = lastYear ?? options.contextYear ?? null;
      if (y !== null) {
        d.year = y;
        d.yearInferred = true;
      }
    } else if (!d.yearInferred) lastYear = d.year;
  }
  return found;
}

/** A year for a day/month written without one, taken from dated mentions elsewhere (e.g. the passage's footnotes):
 * the same month and day if some mention has it, else null. */
export function yearFromSameDay(d: DateMention, elsewhere: DateMention[]): number | null {
  if (d.day === undefined) return null;
  const hit = elsewhere.find((o) => o.day === d.day && o.month === d.month && o.year !== null && !o.yearInferred);
  return hit ? hit.year : null;
}

export type DateRelation =
  /** same calendar day, same year */
  | { kind: "same-day"; strength: number }
  /** same month and year (at least one side only month-precise) */
  | { kind: "same-month"; strength: number }
  /** same year (at least one side only year-precise) */
  | { kind: "same-year"; strength: number }
  /** same day and month, different years: a look-alike, evidence against */
  | { kind: "other-year"; strength: number }
  | { kind: "none"; strength: 0 };

/**
 * How two mentions relate. `strength` in 0..1 says how sure we are: written years count fully, an
 * inferred year less, an unknown year least. Two inferred years that differ prove nothing.
 */
export function compareDates(a: DateMention, b: DateMention): DateRelation {
  const certainty = (x: DateMention) => (x.year === null ? 0 : x.yearInferred ? 0.5 : 1);
  const sure = Math.min(certainty(a), certainty(b));
  if (a.day !== undefined && b.day !== undefined) {
    if (a.day !== b.day || a.month !== b.month) return { kind: "none", strength: 0 };
    if (a.year === null || b.year === null) return { kind: "same-day", strength: 0.4 };
    if (a.year === b.year) return { kind: "same-day", strength: sure === 1 ? 1 : 0.6 };
    const against = certainty(a) + certainty(b) >= 1.5 ? (sure === 1 ? 1 : 0.5) : 0;
    return against > 0 ? { kind: "other-year", strength: against } : { kind: "none", strength: 0 };
  }
  if (a.year === null || b.year === null || a.year !== b.year) return { kind: "none", strength: 0 };
  if (a.month !== undefined && b.month !== undefined) {
    return a.month === b.month ? { kind: "same-month", strength: sure === 1 ? 1 : 0.6 } : { kind: "none", strength: 0 };
  }
  return { kind: "same-year", strength: sure === 1 ? 1 : 0.5 };
}

/** ISO-like label: "1943-06-16", "1943-06", "1943", "?-06-16". */
export function formatDate(d: DateMention): string {
  const y = d.year === null ? "?" : String(d.year);
  const m = d.month ? `-${String(d.month).padStart(2, "0")}` : "";
  const dd = d.day ? `-${String(d.day).padStart(2, "0")}` : "";
  return `${y}${m}${dd}`;
}
