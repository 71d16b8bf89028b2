/**
 * npm run content:build            build content/sources → content/documents (atomic; nothing written on error)
 * npm run content:build -- --check exit 1 if content/documents is not what the pipeline would write
 * Option --dir <content dir> (default ./content). Errors print as `file:line: message` and exit 1.
 */
import path from "node:path";
import { CORPUS_CLEANERS } from "../content/cleaners";
import { ContentError } from "../lib/content/errors";
import { buildCorpus, diffCorpus, writeCorpus, type BuildResult } from "../lib/content/pipeline";

function summary(build: BuildResult): string {
  const rows = build.documents.map((d) => {
    const body = d.doc.blocks.filter((b) => b.type !== "footnote").length;
    const notes = d.doc.blocks.filter((b) => b.type === "footnote").length;
    return [
      d.doc.meta.slug,
      d.doc.meta.kind,
      d.doc.meta.lang,
      String(body),
      String(notes),
      String(d.result.removals.length),
      String(d.result.mends.length),
      d.doc.version,
    ];
  });
  const head = ["document", "kind", "lang", "blocks", "footnotes", "removals", "mends", "version"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i >= 3 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  return [fmt(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmt)].join("\n");
}

function main(argv: string[]): number {
  const check = argv.includes("--check");
  const dirAt = argv.indexOf("--dir");
  const contentDir = path.resolve(dirAt >= 0 ? argv[dirAt + 1] : "content");
  try {
    const build = buildCorpus(contentDir, { cleaners: CORPUS_CLEANERS });
    console.log(summary(build));
    const diffs = diffCorpus(contentDir, build);
    if (check) {
      if (diffs.length === 0) {
        console.log("content/documents is up to date.");
        return 0;
      }
      console.error(`content/documents is out of date (run npm run content:build):\n  ${diffs.join("\n  ")}`);
      return 1;
    }
    if (diffs.length === 0) console.log("content/documents is already up to date; nothing written.");
    else {
      writeCorpus(contentDir, build);
      console.log(`wrote ${build.files.size} files to ${path.relative(process.cwd(), path.join(contentDir, "documents")) || "."} (${diffs.length} changed)`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ContentError) {
      console.error(e.message);
      console.error("Nothing was written; content/documents is unchanged.");
      return 1;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
