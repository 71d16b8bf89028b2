/**
 * Upload cleaning in a worker thread: the result comes back whole, a refused file comes back as the same
 * ContentError the pipeline threw, a file that needs more memory than the cap is refused (not the server's
 * heap), and the request thread stays free while a worker cleans.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ContentError } from "@/lib/content/errors";
import { teiVolume } from "@/lib/content/testing/tei-volume";
import { isAppError } from "@/lib/errors";
import { cleanOffThread } from "./upload-off-thread";

vi.setConfig({ testTimeout: 180_000 });

const markdown = (text: string) => new TextEncoder().encode(`---\ntitle: Ein Brief\nlang: de\nkind: essay\nsource: Test\n---\n\n${text}\n`);

afterEach(() => {
  delete process.env.SYNOPSE_UPLOAD_WORKER_MB;
});

describe("cleanOffThread", () => {
  it("cleans a file in a worker and returns the preview and the packed draft", async () => {
    const cleaned = await cleanOffThread({
      fileName: "brief.md",
      bytes: markdown("Der erste Absatz.\n\nDer zweite Absatz."),
      slug: "ein-brief",
      meta: { kind: "essay", source: "test" },
    });
    expect(cleaned.slug).toBe("ein-brief");
    expect(cleaned.preview.blocks).toBe(2);
    expect(cleaned.preview.title).toBe("Ein Brief");
    expect(cleaned.draft.byteLength).toBeGreaterThan(20);
  });

  it("passes the pipeline's refusal back as a ContentError with line and code", async () => {
    const e = await cleanOffThread({
      fileName: "bad.xml",
      bytes: new TextEncoder().encode("<TEI><text><body><p>open</body></text></TEI>"),
      slug: "bad",
      meta: { kind: "essay", source: "test" },
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ContentError);
    expect((e as ContentError).code).toMatch(/^xml-/);
  });

  it("refuses a file that needs more memory than the worker's cap, and keeps the event loop free meanwhile", async () => {
    process.env.SYNOPSE_UPLOAD_WORKER_MB = "16";
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const e = await cleanOffThread({
      fileName: "band.xml",
      bytes: new TextEncoder().encode(teiVolume(5_000_000)),
      slug: "band",
      meta: { kind: "essay", source: "test" },
    }).catch((err: unknown) => err);
    clearInterval(timer);
    expect(isAppError(e) && e.code).toBe("upload-too-complex");
    // The timer kept firing while the worker worked.
    expect(ticks).toBeGreaterThan(3);
  });
});
