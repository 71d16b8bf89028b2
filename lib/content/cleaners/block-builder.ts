/**
 * Build one clean block from its gathered raw text (the raw lines of its spans joined by "\n", exactly as
 * lib/content/fidelity.ts gathers them), piece by piece, and derive the Mends and in-block Removals that prove
 * fidelity. A cleaner walks the raw text in order and says what each piece becomes:
 *
 *     const b = new BlockBuilder("p1", gathered, (label) => `fn${label}`);
 *     b.keep("THE FEAR THAT Moscow … peace.\"");       // unchanged text (whitespace is collapsed)
 *     b.ref("¹", "1", "superscript footnote marker");  // a footnote-ref mark, rendered [^1]
 *     b.open("em", "*", "Markdown italics"); b.keep("modus vivendi"); b.close("*");
 *     b.change("sovetско", "sovetsko", "Cyrillic letters in a Latin transliteration");
 *     b.remove(" date 2020-05 ", "date moved to metadata");
 *     const { text, marks, mends, removals } = b.finish();
 *
 * Every piece must match the raw text at the cursor, and the pieces must cover it all (trailing whitespace
 * aside), so a cleaner cannot silently lose or invent text. Adjacent changes become one mend, and a mark's
 * whole span (e.g. "*modus vivendi*" → "modus vivendi") is one mend, which keeps the audit trail readable.
 * Hand-written because no library maps raw offsets to clean offsets with this contract.
 */
import type { Mark, Removal } from "../types";
import type { Mend } from "./types";

interface Piece {
  /** offset in the gathered raw text */
  offset: number;
  raw: string;
  clean: string;
  changed: boolean;
  reason?: string;
  /** removed (in-block Removal) rather than mended */
  removal?: boolean;
  /** inside a mark that has changed delimiters: merge into the surrounding mend */
  grouped?: boolean;
}

export interface BuiltBlock {
  text: string;
  marks: Mark[];
  mends: Mend[];
  removals: Array<Removal & { blockId: string }>;
}

export class BlockBuilder {
  private pos = 0;
  private pieces: Piece[] = [];
  private text = "";
  private pendingSpace = false;
  private afterBreak = false;
  /** Line breaks written only once more text follows: a block never ends in one (Markdown could not keep it). */
  private pendingBreaks = 0;
  /** Where the last footnote marker stands: a space after it is written even after a space before it. */
  private refAt = -1;
  private marks: Mark[] = [];
  private open_: Array<{ kind: "em" | "strong" | "link"; start: number; href: string | null }> = [];

  /** The block's gathered raw text. */
  readonly raw: string;
  /** raw line number of each line of `raw` */
  private readonly lineNumbers: number[];
  private readonly describe: string;

  constructor(
    readonly blockId: string,
    rawLines: string[],
    readonly spans: Array<[number, number]>,
    private readonly footnoteIdOf: (label: string) => string = (label) => `fn${label}`,
  ) {
    this.lineNumbers = spans.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k));
    this.raw = this.lineNumbers.map((n) => rawLines[n - 1] ?? "").join("\n");
    this.describe = `block ${blockId} (raw lines ${spans.map(([a, b]) => (a === b ? a : `${a}-${b}`)).join(",")})`;
  }

  /** Raw line number of an offset into the gathered raw text. */
  lineAt(offset: number): number {
    let line = 0;
    for (let k = 0; k < offset && k < this.raw.length; k++) if (this.raw[k] === "\n") line++;
    return this.lineNumbers[Math.min(line, this.lineNumbers.length - 1)];
  }

  /** Raw text not yet consumed. */
  get rest(): string {
    return this.raw.slice(this.pos);
  }

  get done(): boolean {
    return this.pos >= this.raw.length;
  }

  private consume(raw: string): number {
    if (!this.raw.startsWith(raw, this.pos)) {
      throw new Error(
        `${this.describe}: cleaner expected ${JSON.stringify(raw.slice(0, 40))} at raw offset ${this.pos}, found ${JSON.stringify(this.rest.slice(0, 40))}`,
      );
    }
    const at = this.pos;
    this.pos += raw.length;
    return at;
  }

  private emit(s: string): void {
    for (const ch of s) {
      if (/\s/u.test(ch)) {
        if (this.text.length > 0 && !this.afterBreak) this.pendingSpace = true;
      } else {
        this.flushBreaks();
        if (this.pendingSpace && (!this.text.endsWith(" ") || this.refAt === this.text.length)) this.text += " ";
        this.pendingSpace = false;
        this.afterBreak = false;
        this.text += ch;
      }
    }
  }

  private push(p: Piece): void {
    if (this.open_.length > 0 && p.changed === false) p.grouped = true;
    this.pieces.push(p);
  }

  /** Raw text kept as it is (whitespace runs become one space). */
  keep(raw: string): this {
    if (raw === "") return this;
    const offset = this.consume(raw);
    this.emit(raw);
    this.push({ offset, raw, clean: raw, changed: false });
    return this;
  }

  /** Raw text replaced by `clean` (a mend). */
  change(raw: string, clean: string, reason: string): this {
    const offset = this.consume(raw);
    this.emit(clean);
    this.push({ offset, raw, clean, changed: raw !== clean, reason });
    return this;
  }

  /** Raw text deleted (an in-block Removal: listed in the removals table). */
  remove(raw: string, reason: string): this {
    const offset = this.consume(raw);
    this.push({ offset, raw, clean: "", changed: true, reason, removal: true });
    return this;
  }

  /** A hard line break inside the block ("\n" in the text, once text follows it). */
  lineBreak(raw: string, reason: string): this {
    const offset = this.consume(raw);
    this.pendingSpace = false;
    this.pendingBreaks++;
    this.afterBreak = true;
    this.push({ offset, raw, clean: "\n", changed: raw !== "\n", reason });
    return this;
  }

  private flushBreaks(): void {
    if (this.pendingBreaks > 0) this.text += "\n".repeat(this.pendingBreaks);
    this.pendingBreaks = 0;
  }

  /** A footnote marker: a footnote-ref mark at the current position; `raw` is what stood in the text. */
  ref(raw: string, label: string, reason: string): this {
    const offset = this.consume(raw);
    // "word <note/>": the marker stands after the space (or line break), as in the raw text
    this.flushBreaks();
    if (this.pendingSpace && !this.text.endsWith(" ")) this.text += " ";
    this.pendingSpace = false;
    this.refAt = this.text.length;
    this.marks.push({ kind: "footnote-ref", at: this.text.length, footnoteId: this.footnoteIdOf(label), label });
    const clean = `[^${label}]`;
    this.push({ offset, raw, clean, changed: raw !== clean, reason });
    return this;
  }

  /** Start a mark; `raw` is its opening syntax ("*", "[") or "" when the mark has no syntax in the raw text. */
  open(kind: "em" | "strong" | "link", raw: string, reason: string, href: string | null = null): this {
    const offset = this.consume(raw);
    this.flushBreaks();
    if (this.pendingSpace) {
      this.text += " ";
      this.pendingSpace = false;
    }
    this.open_.push({ kind, start: this.text.length, href });
    if (raw !== "") this.pieces.push({ offset, raw, clean: "", changed: true, reason, grouped: true });
    return this;
  }

  /** End the innermost open mark; `raw` is its closing syntax ("*", "](url)") or "". */
  close(raw: string, reason: string): this {
    const offset = this.consume(raw);
    const m = this.open_.pop();
    if (!m) throw new Error(`${this.describe}: close() without open()`);
    if (m.kind === "link") this.marks.push({ kind: "link", start: m.start, end: this.text.length, href: m.href });
    else this.marks.push({ kind: m.kind, start: m.start, end: this.text.length });
    if (raw !== "") this.pieces.push({ offset, raw, clean: "", changed: true, reason, grouped: true });
    return this;
  }

  /**
   * Where a point mark (a deletion, a gap, a page break) sits: before the next word, after a space still
   * pending (finish() clamps it to the text's end when no word follows).
   */
  get at(): number {
    return this.text.length + this.pendingBreaks + (this.pendingSpace ? 1 : 0);
  }

  /**
   * Start of a range mark whose tags are recorded separately (TEI's editorial and name marks): a pending space
   * is written first, so that the range starts at its first character. Pair with `endRange` / `addMark`.
   */
  startRange(): number {
    this.flushBreaks();
    if (this.pendingSpace) {
      this.text += " ";
      this.pendingSpace = false;
    }
    return this.text.length;
  }

  /** End of such a range (a space still pending belongs after it). */
  endRange(): number {
    return this.text.length;
  }

  /** A mark made by the cleaner itself (offsets from `at`, `startRange`, `endRange`). */
  addMark(mark: Mark): this {
    this.marks.push(mark);
    return this;
  }

  finish(): BuiltBlock {
    if (this.open_.length > 0) throw new Error(`${this.describe}: unclosed ${this.open_[0].kind}`);
    if (this.rest.trim() !== "") throw new Error(`${this.describe}: raw text left unaccounted for: ${JSON.stringify(this.rest.slice(0, 60))}`);
    if (this.rest !== "") this.keep(this.rest);

    // In-block removals are applied (by fidelity) first, each at its first occurrence: keep a removal only
    // where that lands on this piece; otherwise it becomes a mend to "" (same effect, still audited).
    const removals: Array<Removal & { blockId: string }> = [];
    let work = this.raw;
    let offset = 0; // offset of the current piece in `work`
    for (const p of this.pieces) {
      if (p.removal) {
        if (work.indexOf(p.raw) === offset) {
          work = work.slice(0, offset) + work.slice(offset + p.raw.length);
          const lines: [number, number] = [this.lineAt(p.offset), this.lineAt(p.offset + p.raw.length - 1)];
          removals.push({ blockId: this.blockId, lines, text: p.raw, reason: p.reason ?? "removed" });
          p.raw = "";
          p.changed = false;
          continue;
        }
        p.removal = false;
      }
      offset += p.raw.length;
    }

    // Mends over the text after removals: runs of changed (or grouped) pieces, replayed exactly as fidelity.ts does.
    const live = this.pieces.filter((p) => p.raw !== "" || p.clean !== "");
    const mends: Mend[] = [];
    let cur = work; // the text as mended so far
    let cursor = 0; // fidelity's search start in `cur`
    let delta = 0; // length of `cur` minus length of `work` so far
    let rawPos = 0; // position in `work`
    let lastMendEnd = 0; // position in `work` after the last mend
    let i = 0;
    while (i < live.length) {
      if (!live[i].changed && !live[i].grouped) {
        rawPos += live[i].raw.length;
        i++;
        continue;
      }
      let j = i;
      let raw = "";
      let clean = "";
      const reasons: string[] = [];
      while (j < live.length && (live[j].changed || live[j].grouped)) {
        raw += live[j].raw;
        clean += live[j].clean;
        const r = live[j].reason;
        if (r && live[j].changed && !reasons.includes(r)) reasons.push(r);
        j++;
      }
      i = j;
      if (raw === clean) {
        rawPos += raw.length;
        continue;
      }
      let start = rawPos;
      if (cur.indexOf(raw, cursor) !== start + delta) {
        // the same text occurs earlier: widen the mend back to the previous one so it is found where it belongs
        const prefix = work.slice(lastMendEnd, rawPos);
        raw = prefix + raw;
        clean = prefix + clean;
        start = lastMendEnd;
      }
      const at = start + delta;
      cur = cur.slice(0, at) + clean + cur.slice(at + raw.length);
      mends.push({ blockId: this.blockId, raw, clean, reason: reasons.join("; ") });
      cursor = at + clean.length;
      delta += clean.length - raw.length;
      rawPos = start + raw.length;
      lastMendEnd = rawPos;
    }

    const text = this.text;
    const marks = this.marks.map((m) => {
      if ("at" in m) return { ...m, at: Math.min(m.at, text.length) };
      return { ...m, start: Math.min(m.start, text.length), end: Math.min(m.end, text.length) };
    });
    return { text, marks, mends, removals };
  }
}
