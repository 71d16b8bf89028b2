/**
 * GET /api/notifications/events: the header badge's stream. Signed out it is refused (401, as JSON — no
 * stream is opened); signed in it is text/event-stream and opens with the unread count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase, signUpCookie, type TestDatabase } from "@/lib/annotations/testing/db";

let testDb: TestDatabase;
let route: typeof import("./route");

beforeAll(async () => {
  testDb = await setupTestDatabase();
  route = await import("./route");
}, 60_000);
afterAll(async () => testDb?.close());

describe("GET /api/notifications/events", () => {
  it("refuses a visitor who is not signed in", async () => {
    const res = await route.GET(new Request("http://localhost:3000/api/notifications/events"));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: "unauthenticated" });
  });

  it("streams the signed-in user's unread count, starting with the current one", async () => {
    const abort = new AbortController();
    const res = await route.GET(
      new Request("http://localhost:3000/api/notifications/events", { headers: { cookie: await signUpCookie("Badge") }, signal: abort.signal }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("event: unread")) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/event: unread\ndata: \{"unread":0\}\n\n/);
    abort.abort();
  });
});
