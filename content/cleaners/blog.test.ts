import { describe, expect, it } from "vitest";
import { checkFidelity } from "@/lib/content/fidelity";
import { builtSeed, seedRaw } from "./testing/seeds";
import { cleanBlog } from "./blog";

const raw = seedRaw("blog");
const result = cleanBlog(raw, { file: "002", meta: {} });
const { doc } = builtSeed("blog");

describe("blog page (seed 002)", () => {
  it("is faithful to the raw text", () => {
    expect(checkFidelity(raw, result)).toEqual([]);
  });

  it("takes title and author from the text", () => {
    expect(doc.meta).toMatchObject({ title: "Stalin-Hitler 1942--a little-known WWII story", author: "Ludwik Kowalski", lang: "en", kind: "blog", date: null });
  });

  it("separates post, comment (Wizard), reply (Kowalski) and bio", () => {
    expect(doc.parts.map((p) => [p.id, p.kind, p.author, p.authorConfidence, p.lines])).toEqual([
      ["post", "post", "Ludwik Kowalski", "inferred", [3, 9]],
      ["comment1", "comment", "Wizard", "inferred", [11, 15]],
      ["comment2", "comment", "Ludwik Kowalski", "inferred", [17, 17]],
      ["bio", "bio", "Ludwik Kowalski", "explicit", [19, 24]],
    ]);
    const partOf = (start: string) => doc.blocks.find((b) => b.text.startsWith(start))?.part;
    expect(partOf("Sweden was a neutral country")).toBe("post");
    expect(partOf("You’ve answered your own question")).toBe("comment1");
    expect(partOf("Of course, Stalin squeezed")).toBe("comment1");
    expect(partOf("Thank you for elaborating, Wizard.")).toBe("comment2");
    expect(partOf("It is an autobiography")).toBe("bio");
    expect(doc.blocks.filter((b) => b.part === "post")).toHaveLength(4);
    expect(doc.blocks.filter((b) => b.part === "comment1")).toHaveLength(3);
  });

  it("shows the bio after a rule, with its URL as a link", () => {
    const bio = doc.blocks.filter((b) => b.part === "bio");
    expect(bio.map((b) => b.type)).toEqual(["separator", "bio", "bio", "bio"]);
    expect(bio[0].text).toBe("");
    const url = "http://csam.montclair.edu/~kowalski/life/intro.html";
    expect(bio[2].marks).toEqual([{ kind: "link", start: 0, end: url.length, href: url }]);
  });

  it("drops the stray straight quote, keeps the authors' typos", () => {
    expect(doc.blocks[0].text.endsWith("was more desirable.")).toBe(true);
    const text = doc.blocks.map((b) => b.text).join("\n");
    expect(text).not.toContain('"');
    for (const typo of ["I a book", "section named : “The", "Germny", "possibility of of"]) expect(text).toContain(typo);
  });

  it("keeps everything in one post when no comment signals are present", () => {
    const r = cleanBlog("A title\n\nFirst paragraph.\n\nSecond paragraph.", { file: "x", meta: {} });
    expect(r.parts.map((p) => p.id)).toEqual(["post"]);
    expect(r.blocks).toHaveLength(2);
  });
});
