import { describe, expect, it } from "vitest";
import { plainTextToNoteHtml } from "./html";

describe("plainTextToNoteHtml", () => {
  it("keeps paragraphs and line breaks and escapes the text", () => {
    expect(plainTextToNoteHtml("a <b>\nc\n\n\nd")).toBe("<p>a &lt;b><br>c</p><p>d</p>");
    expect(plainTextToNoteHtml("one\r\ntwo")).toBe("<p>one<br>two</p>");
  });
  it("writes no markup of its own from the text", () => {
    const html = plainTextToNoteHtml(`<img src=x onerror="alert(1)"> & <script>`);
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain("&amp;");
  });
  it("gives nothing for blank text", () => {
    expect(plainTextToNoteHtml(" \n\n ")).toBe("");
  });
});
