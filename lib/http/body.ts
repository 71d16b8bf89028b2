/**
 * Request bodies, read as a stream with a cap: the one way every route handler reads a body. A declared
 * Content-Length above the cap is refused before a byte is read; a body without one (chunked) is counted
 * as it arrives and refused the moment it crosses the cap — `request.text()` or `arrayBuffer()` would
 * buffer all of it first, whatever its size. Refusals are AppError "body-too-large" (413, translated in
 * the "Errors" messages) carrying the cap in bytes. Web Request/Response only; no framework.
 */
import { AppError, type ErrorCode } from "@/lib/errors";

/** Caps per kind of route, in bytes. A note's text, tags and passage fit in far less than the note cap. */
export const BODY_LIMITS = {
  /** Small JSON commands: hide, mark read, tags, seminar settings, publish, suggestions. */
  json: 256 * 1024,
  /** A note or reply (body up to 50,000 characters of quote plus Tiptap JSON of the text). */
  note: 1024 * 1024,
  /** Sign-in, sign-up and the other account forms (better-auth). */
  auth: 64 * 1024,
  /** An import of W3C JSON-LD, documented as 20 MB. */
  import: 20 * 1024 * 1024,
} as const;

export interface BodyCap {
  maxBytes: number;
  /** The error for a body over the cap (an upload says "the file is too large"). */
  code?: Extract<ErrorCode, "body-too-large" | "upload-too-large">;
}

function tooLarge(cap: BodyCap): AppError {
  return new AppError(cap.code ?? "body-too-large", { max: cap.maxBytes });
}

function asCap(cap: number | BodyCap): BodyCap {
  return typeof cap === "number" ? { maxBytes: cap } : cap;
}

/** Refuse at once what the client itself says is too large. */
function checkDeclared(request: Request, cap: BodyCap): void {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > cap.maxBytes) throw tooLarge(cap);
}

/** The whole body as bytes, at most `cap` of them; a larger body is refused as soon as it is seen to be. */
export async function readBody(request: Request, cap: number | BodyCap): Promise<Buffer> {
  const c = asCap(cap);
  checkDeclared(request, c);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > c.maxBytes) {
      // Stop reading: what the client keeps sending is dropped with the connection's stream, not stored.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(c);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** The body as UTF-8 text, capped like readBody. */
export async function readText(request: Request, cap: number | BodyCap): Promise<string> {
  return (await readBody(request, cap)).toString("utf8");
}

/** The body as JSON, capped like readBody; anything unparsable is "malformed-json" (400). */
export async function readJsonBody(request: Request, cap: number | BodyCap = BODY_LIMITS.json): Promise<unknown> {
  const text = await readText(request, cap);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("malformed-json");
  }
}

/**
 * The same request with its body read under the cap, for handlers that read the body themselves
 * (better-auth, whose own parsing would buffer any size). For small caps only: the body is held in memory.
 */
export async function cappedRequest(request: Request, cap: number | BodyCap): Promise<Request> {
  if (!request.body) return request;
  const body = await readBody(request, cap);
  return new Request(request.url, { method: request.method, headers: request.headers, body: new Uint8Array(body), signal: request.signal });
}

/** Whether an error is the cap's refusal (a handler that catches errors itself passes it on). */
export function isBodyTooLarge(e: unknown): e is AppError {
  return e instanceof AppError && (e.code === "body-too-large" || e.code === "upload-too-large");
}
