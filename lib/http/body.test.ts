import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { cappedRequest, readBody, readJsonBody } from "./body";

/** A body without Content-Length that never ends (a client streaming forever); counts what was pulled. */
function endless(chunkBytes = 64 * 1024): { request: Request; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
  });
  const request = new Request("http://localhost/api/x", { method: "POST", body: stream, duplex: "half" } as RequestInit & { duplex: "half" });
  return { request, pulled: () => pulled };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("readBody", () => {
  it("refuses a streamed body without Content-Length as soon as it crosses the cap, without reading the rest", async () => {
    const { request, pulled } = endless();
    const e = await refusal(readBody(request, 1024 * 1024));
    expect(e.code).toBe("body-too-large");
    expect(e.status).toBe(413);
    expect(e.details).toEqual({ max: 1024 * 1024 });
    // The stream is endless: it stopped a few chunks past the cap.
    expect(pulled()).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over the cap before reading a byte", async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          pulled = true;
          c.close();
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request("http://localhost/api/x", { method: "POST", body, headers: { "content-length": "99999999" }, duplex: "half" } as RequestInit & {
      duplex: "half";
    });
    const e = await refusal(readBody(request, { maxBytes: 1000, code: "upload-too-large" }));
    expect(e.code).toBe("upload-too-large");
    expect(pulled).toBe(false);
  });

  it("reads a body under the cap whole, in several chunks", async () => {
    const parts = ['{"a":', '"ä€😀"', "}"];
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });
    const request = new Request("http://localhost/api/x", { method: "POST", body, duplex: "half" } as RequestInit & { duplex: "half" });
    expect(await readJsonBody(request, 1000)).toEqual({ a: "ä€😀" });
  });

  it("a body exactly at the cap passes; one byte more is refused", async () => {
    const at = new Request("http://localhost/api/x", { method: "POST", body: "x".repeat(100) });
    expect((await readBody(at, 100)).length).toBe(100);
    const over = new Request("http://localhost/api/x", { method: "POST", body: "x".repeat(101) });
    expect((await refusal(readBody(over, 100))).code).toBe("body-too-large");
  });

  it("malformed JSON is a 400, not a 500", async () => {
    const request = new Request("http://localhost/api/x", { method: "POST", body: "{nope" });
    expect((await refusal(readJsonBody(request))).code).toBe("malformed-json");
  });
});

describe("cappedRequest", () => {
  it("gives the handler the same body under the cap, and refuses an endless one", async () => {
    const small = new Request("http://localhost/api/auth/sign-in/email", {
      method: "POST",
      body: JSON.stringify({ email: "a@b.c" }),
      headers: { "content-type": "application/json" },
    });
    const copy = await cappedRequest(small, 1000);
    expect(copy.headers.get("content-type")).toBe("application/json");
    expect(await copy.json()).toEqual({ email: "a@b.c" });
    const { request } = endless();
    expect((await refusal(cappedRequest(request, 64 * 1024))).code).toBe("body-too-large");
  });
});
