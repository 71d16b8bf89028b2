import { describe, expect, it } from "vitest";
import { demoSeminarNames } from "@/bench/suggest/names-fixture";
import { listDocuments } from "@/lib/content/store";
import { STARTER_GLOSSARY } from "@/lib/links/glossary";
import { suggestRequestSchema, suggestionsFor } from "./server";

describe("suggestionsFor (store-backed)", () => {
  it("answers a valid request with suggestions from other documents", () => {
    const forum = listDocuments().find((m) => m.kind === "forum")!;
    const req = suggestRequestSchema.parse({ passage: { slug: forum.slug, exact: "Semjonow wird als Deutschlandexperte" }, limit: 3 });
    const list = suggestionsFor(req.passage, { limit: req.limit }, STARTER_GLOSSARY, demoSeminarNames());
    expect(list.length).toBeGreaterThan(0);
    expect(list.length).toBeLessThanOrEqual(3);
    expect(list.every((s) => s.slug !== forum.slug && s.reasons.length > 0)).toBe(true);
  });
  it("rejects malformed requests", () => {
    expect(suggestRequestSchema.safeParse({ passage: { slug: "x", blockId: "p1", start: 5, end: 2 } }).success).toBe(false);
    expect(suggestRequestSchema.safeParse({ passage: { slug: "x" } }).success).toBe(false);
    expect(suggestRequestSchema.safeParse({ passage: { slug: "x", exact: "y" }, limit: 500 }).success).toBe(false);
  });
});
