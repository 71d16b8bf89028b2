/**
 * Document dates are as precise as the source allows ("1972", "1972-12", "2020-05-14"). To format one per
 * locale we need a Date plus the options that show only the known parts.
 */
export interface PartialDateOptions {
  year: "numeric";
  month?: "long";
  day?: "numeric";
  timeZone: "UTC";
}

export interface PartialDate {
  date: Date;
  options: PartialDateOptions;
}

export function parsePartialDate(value: string | null): PartialDate | null {
  if (!value) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), m[2] ? Number(m[2]) : 1, m[3] ? Number(m[3]) : 1];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const options: PartialDateOptions = { year: "numeric", timeZone: "UTC" };
  if (m[2]) options.month = "long";
  if (m[3]) options.day = "numeric";
  return { date: new Date(Date.UTC(year, month - 1, day)), options };
}
