/** Blank-line paragraphs: the raw line spans of runs of non-blank lines (1-based, inclusive). */
export function paragraphSpans(lines: string[], from = 1, to = lines.length): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (let n = from; n <= to + 1; n++) {
    const blank = n > to || lines[n - 1].trim() === "";
    if (!blank && start === 0) start = n;
    if (blank && start !== 0) {
      spans.push([start, n - 1]);
      start = 0;
    }
  }
  return spans;
}

export const URL = /https?:\/\/[^\s<>"“”]+[^\s<>"“”.,;:!?)]/u;
