import { describe, expect, it } from "vitest";
import { escapeHtml, plainTextToNoteHtml } from "./html";

describe("escapeHtml", () => {
  it("escapes what could open a tag or end an attribute, and nothing else", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a> — ü`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; — ü");
  });
});

describe("plainTextToNoteHtml", () => {
  it("keeps paragraphs and line breaks and escapes the text", () => {
    expect(plainTextToNoteHtml("a <b>\nc\n\n\nd")).toBe("<p>a &lt;b&gt;<br>c</p><p>d</p>");
    expect(plainTextToNoteHtml("one\r\ntwo")).toBe("<p>one<br>two</p>");
  });
  it("gives nothing for blank text", () => {
    expect(plainTextToNoteHtml(" \n\n ")).toBe("");
  });
});
