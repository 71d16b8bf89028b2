import { describe, expect, it } from "vitest";
import { formatLayout, parseLayout, queryFromRecord, readerHref, slugsFromLibraryForm } from "./layout";

const q = (s: string) => new URLSearchParams(s);

describe("reader layout URL", () => {
  it("reads one to three panes, sync and a deep link", () => {
    const parsed = parseLayout(q("p=forum,mastny&sync=1&b=2.p12&r=10-42"));
    expect(parsed).toEqual({
      ok: true,
      layout: { slugs: ["forum", "mastny"], sync: true, target: { pane: 1, blockId: "p12", blockStart: 10, blockEnd: 42 } },
    });
  });

  it("treats a block without pane number as pane 1 and a missing range as the whole block", () => {
    const parsed = parseLayout(q("p=mastny&b=fn12"));
    expect(parsed.ok && parsed.layout.target).toEqual({ pane: 0, blockId: "fn12" });
    expect(parsed.ok && parsed.layout.sync).toBe(false);
  });

  it("reads and writes a second passage (b2/r2), the other end of a link", () => {
    const parsed = parseLayout(q("p=forum,mastny&b=post3&r=4-40&b2=2.p12&r2=0-80"));
    expect(parsed).toEqual({
      ok: true,
      layout: {
        slugs: ["forum", "mastny"],
        sync: false,
        target: { pane: 0, blockId: "post3", blockStart: 4, blockEnd: 40 },
        peer: { pane: 1, blockId: "p12", blockStart: 0, blockEnd: 80 },
      },
    });
    if (!parsed.ok) return;
    expect(formatLayout(parsed.layout)).toBe("p=forum,mastny&b=post3&r=4-40&b2=2.p12&r2=0-80");
    expect(parseLayout(q("p=forum&b2=2.p12"))).toEqual({ ok: false, problem: { kind: "bad-block", value: "2.p12" } });
    expect(parseLayout(q("p=forum,mastny&b2=2.p12&r2=8-8"))).toEqual({ ok: false, problem: { kind: "bad-range", value: "8-8" } });
  });

  it("accepts percent-encoded commas, as URLSearchParams writes them", () => {
    const parsed = parseLayout(q("p=a%2Cb%2Cc"));
    expect(parsed.ok && parsed.layout.slugs).toEqual(["a", "b", "c"]);
  });

  it("rejects malformed layouts with a reason the page can explain", () => {
    expect(parseLayout(q(""))).toEqual({ ok: false, problem: { kind: "no-documents" } });
    expect(parseLayout(q("p=,,"))).toEqual({ ok: false, problem: { kind: "no-documents" } });
    expect(parseLayout(q("p=a,b,c,d"))).toEqual({ ok: false, problem: { kind: "too-many", count: 4 } });
    expect(parseLayout(q("p=a,<script>"))).toEqual({ ok: false, problem: { kind: "bad-slug", value: "<script>" } });
    expect(parseLayout(q("p=a&b=3.p1"))).toEqual({ ok: false, problem: { kind: "bad-block", value: "3.p1" } });
    expect(parseLayout(q("p=a&b=p 1"))).toEqual({ ok: false, problem: { kind: "bad-block", value: "p 1" } });
    expect(parseLayout(q("p=a&b=p1&r=9-3"))).toEqual({ ok: false, problem: { kind: "bad-range", value: "9-3" } });
    expect(parseLayout(q("p=a&b=p1&r=x"))).toEqual({ ok: false, problem: { kind: "bad-range", value: "x" } });
  });

  it("formats a short, readable address that parses back to the same layout", () => {
    const layout = { slugs: ["forum", "mastny", "bayerlein"], sync: true, target: { pane: 2, blockId: "h2", blockStart: 0, blockEnd: 5 } };
    const s = formatLayout(layout);
    expect(s).toBe("p=forum,mastny,bayerlein&sync=1&b=3.h2&r=0-5");
    expect(parseLayout(q(s))).toEqual({ ok: true, layout });
    expect(readerHref("de", { slugs: ["mastny"], sync: false, target: { pane: 0, blockId: "p3" } })).toBe("/de/read?p=mastny&b=p3");
  });

  it("collects the library form's checkboxes", () => {
    expect(slugsFromLibraryForm(q("d=a&d=b"))).toEqual(["a", "b"]);
    expect(slugsFromLibraryForm(q("p=a"))).toBeNull();
    expect(slugsFromLibraryForm(queryFromRecord({ d: ["x", "y"], p: undefined }))).toEqual(["x", "y"]);
  });
});
