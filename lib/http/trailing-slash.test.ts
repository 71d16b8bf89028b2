import { describe, expect, it } from "vitest";
import { pageSlashRedirect } from "./trailing-slash";

const moved = (path: string) => pageSlashRedirect(new URL(`http://localhost:3000${path}`))?.href.replace("http://localhost:3000", "") ?? null;

describe("pages are served without a final slash", () => {
  it("drops it, keeping the query", () => {
    expect(moved("/en/seminars/")).toBe("/en/seminars");
    expect(moved("/en/read/?p=a,b")).toBe("/en/read?p=a,b");
    expect(moved("/en//")).toBe("/en");
  });

  it("leaves the root and slashless paths alone", () => {
    expect(moved("/")).toBeNull();
    expect(moved("/en/read")).toBeNull();
  });
});
