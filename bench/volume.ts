/**
 * A whole volume in the reader (run by bench/run.ts against a started production server). Self-contained: a
 * fresh instructor uploads a synthetic 5 MB TEI volume (lib/content/testing/tei-volume) to a seminar of their
 * own through the real upload path (POST /api/seminars/:id/uploads, then …/publish: lib/teaching + the content
 * pipeline), then, signed in as that instructor:
 *  1. server time to render the reader on the volume (it opens at one window, lib/reader/window.ts), at its
 *     start and at a deep link in its middle, against the reader on Mastný's essay alone in the same run;
 *  2. the HTML each page weighs, and what the whole volume would weigh rendered at once (lib/reader/html.ts
 *     renderDocument, measured here in-process on the same document);
 *  3. one further window from GET /api/documents/[slug]/window, as the pane loads it while the reader scrolls;
 *  4. how many times the page carries the text of the window it opens with (once in its HTML; issue 15: not
 *     again in the RSC payload), counted by a passage of that window's plain text.
 */
import { Member } from "@/system/harness";
import { teiVolume } from "@/lib/content/testing/tei-volume";
import { windowLabels } from "@/app/api/documents/[slug]/labels";

type Row = { name: string; value: number; unit: string };

const RUNS = Number(process.env.BENCH_VOLUME_RUNS ?? 20);
const WARMUP = 3;
const BASELINE_PATH = "/en/read?p=mastny-separate-peace";

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** N sequential GETs as the member, each until the whole body is read. */
async function timeGets(member: Member, path: string, runs = RUNS): Promise<{ median: number; p95: number; bytes: number }> {
  const once = async () => {
    const res = await member.fetch(path, { headers: { "accept-encoding": "identity" } });
    const body = await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return body.byteLength;
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = await once();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), bytes };
}

/** How many times the page holds the first window's text (its HTML and its RSC payload alike), by a run of its plain text. */
function copiesOfFirstWindow(page: string, first: { html: string }): number {
  // Within one text node (a run across a tag would not be in the page as such).
  const runs = first.html.split(/<[^>]*>/).flatMap((text) => text.match(/[A-Za-z0-9 ,.]{40,}/g) ?? []);
  const probe = runs[Math.floor(runs.length / 2)]?.trim().slice(0, 40);
  if (!probe) throw new Error("the first window has no run of plain text to look for");
  // The text of a synthetic volume repeats itself: counted against how often the window itself holds it.
  return (page.split(probe).length - 1) / (first.html.split(probe).length - 1);
}

export async function benchVolume(base: string): Promise<{ rows: Row[]; notes: string[] }> {
  const run = Math.random().toString(36).slice(2, 8);
  const instructor = await Member.signUp(base, "Bench Instructor", `bench-volume-${run}@synopse.test`);
  const seminar = await instructor.json<{ id: string }>("/api/seminars", {
    method: "POST",
    body: JSON.stringify({ title: `Volume bench ${run}`, documents: [] }),
  });

  const tei = Buffer.from(teiVolume(5_000_000));
  const t0 = performance.now();
  const preview = await instructor.json<{ token: string; slug: string; blocks: number }>(
    `/api/seminars/${seminar.id}/uploads?name=band.xml&slug=bench-band-${run}`,
    {
      method: "POST",
      body: tei,
      headers: { "content-type": "application/xml" },
    },
  );
  const { slug } = await instructor.json<{ slug: string }>(`/api/seminars/${seminar.id}/uploads/publish`, {
    method: "POST",
    body: JSON.stringify({ token: preview.token }),
  });
  const imported = performance.now() - t0;

  const volumePath = `/en/read?p=${slug}`;
  // Paragraph 7 of chapter 600, about the middle of the volume (the TEI numbers paragraphs p1, p2, … in order).
  const deepPath = `/en/read?p=${slug}&b=p7195`;
  const baseline = await timeGets(instructor, BASELINE_PATH);
  const volume = await timeGets(instructor, volumePath);
  const deep = await timeGets(instructor, deepPath);
  const html = await (await instructor.fetch(volumePath)).text();
  const windows = Number(/\(2 of (\d+)\)/.exec(html)?.[1] ?? NaN);
  const middle = Math.floor(windows / 2);
  const window = await timeGets(instructor, `/api/documents/${slug}/window?n=${middle}&pane=pane1&locale=en`);
  const copies = copiesOfFirstWindow(
    html,
    (await (await instructor.fetch(`/api/documents/${slug}/window?n=0&pane=pane1&locale=en`)).json()) as { html: string },
  );

  // The same document rendered whole, as the reader did before windows (in-process: same pipeline and renderer).
  const { buildMemorySource } = await import("@/lib/content/pipeline");
  const { renderDocument } = await import("@/lib/reader/html");
  const doc = buildMemorySource({ fileName: "band.xml", bytes: tei, slug: "bench-band", meta: { kind: "essay", source: "bench" } }).doc;
  const wholeKB = Buffer.byteLength(renderDocument(doc, "pane1", windowLabels("en")).html) / 1024;

  const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
  return {
    rows: [
      { name: "baseline: reader on Mastný's essay alone, server render (median)", value: round(baseline.median), unit: "ms" },
      { name: "reader on the 5 MB volume, opening at its start (median)", value: round(volume.median), unit: "ms" },
      { name: "reader on the 5 MB volume, opening at its start (p95)", value: round(volume.p95), unit: "ms" },
      { name: "volume / Mastný, median", value: round(volume.median / baseline.median, 2), unit: "×" },
      { name: "reader on the volume, deep link into its middle (median)", value: round(deep.median), unit: "ms" },
      { name: "deep link / Mastný, median", value: round(deep.median / baseline.median, 2), unit: "×" },
      { name: "one further window, GET /api/documents/[slug]/window (median)", value: round(window.median), unit: "ms" },
      { name: "HTML: Mastný's essay alone", value: round(baseline.bytes / 1024), unit: "KB" },
      { name: "HTML: the volume, opening at its start", value: round(volume.bytes / 1024), unit: "KB" },
      { name: "HTML: the volume, deep link", value: round(deep.bytes / 1024), unit: "KB" },
      { name: "volume HTML / Mastný HTML", value: round(volume.bytes / baseline.bytes, 2), unit: "×" },
      { name: "one further window (JSON)", value: round(window.bytes / 1024), unit: "KB" },
      { name: "copies of the first window's text in the page (HTML and RSC payload)", value: round(copies, 2), unit: "copies" },
      { name: "the whole volume's text as one HTML string (before windows; not sent any more)", value: round(wholeKB), unit: "KB" },
      { name: "windows in the volume", value: windows, unit: "windows" },
      { name: "import: upload preview + publish (5 MB TEI, for reference)", value: round(imported / 1000, 1), unit: "s" },
    ],
    notes: [
      `${RUNS} sequential requests each (after ${WARMUP} warm-up requests), whole body read, uncompressed, over loopback, signed in as the instructor whose seminar holds the volume (${(tei.length / 1e6).toFixed(1)} MB TEI, ${preview.blocks} blocks).`,
      "The first window's text goes into the page once, in its HTML (handed over to the pane's server render, not a prop in the RSC payload); counted by a run of 40 plain characters from the middle of that window.",
      "A window is about 150,000 characters of text (lib/reader/window.ts WINDOW_BUDGET); the reader keeps at most three loaded and fetches the next when the reader scrolls within 1,500 px of either end.",
    ],
  };
}
