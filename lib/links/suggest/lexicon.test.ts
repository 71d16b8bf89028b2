import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { formatLexicon, loadLexicon, parseLexicon, translations, type Lexicon } from "./lexicon";

const dir = mkdtempSync(path.join(os.tmpdir(), "synopse-lexicon-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample: Lexicon = {
  pairs: new Map([
    ["de>en", new Map([["gesandtschaft", "legat"]])],
    ["en>de", new Map([["legat", "gesandtschaft"]])],
  ]),
  sources: ["test"],
};

describe("the lexicon file", () => {
  it("round-trips through its gzip'ed file and translates both ways", () => {
    const file = path.join(dir, "ok.tsv.gz");
    writeFileSync(file, gzipSync(formatLexicon(sample)));
    const lexicon = loadLexicon(file)!;
    expect(lexicon.sources).toEqual(["test"]);
    expect(translations(lexicon, "gesandtschaft", "de", "en")).toEqual(["legat"]);
    expect(translations(lexicon, "legat", "en", "de")).toEqual(["gesandtschaft"]);
    expect(translations(lexicon, "legat", "en", "ru")).toEqual([]);
  });
  it("is null when missing or damaged (the engine falls back), never a crash", () => {
    expect(loadLexicon(path.join(dir, "missing.tsv.gz"))).toBeNull();
    const damaged = path.join(dir, "damaged.tsv.gz");
    writeFileSync(damaged, "not gzip at all");
    expect(loadLexicon(damaged)).toBeNull();
    expect(() => parseLexicon("something else\n")).toThrow();
    expect(translations(null, "krieg", "de", "en")).toEqual([]);
  });
});
