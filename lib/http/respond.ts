/**
 * Helpers for thin route handlers: the signed-in user, JSON bodies, and errors as `{ code }` JSON with
 * the right status — never a stack trace. Uses only the Web Request/Response API.
 */
import { getSessionUser, type SessionUser } from "@/lib/auth/server";
import { bearerToken, TOKEN_PREFIX } from "@/lib/auth/tokens";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { isSameOriginWrite } from "./origin";
import { AppError, isAppError } from "@/lib/errors";
import { BODY_LIMITS, readJsonBody, type BodyCap } from "./body";

/**
 * The signed-in user (session cookie or Bearer token). A cookie-authenticated change must come from one of
 * this site's pages (lib/http/origin: a matching Origin or Sec-Fetch-Site: same-origin); scripts that
 * send a personal access token carry no cookie and are not asked.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const bearer = bearerToken(request.headers);
  if (!bearer?.startsWith(TOKEN_PREFIX) && request.headers.get("cookie") && !isSameOriginWrite(request.method, request.headers, request.url)) {
    throw new AppError("forbidden");
  }
  const user = await getSessionUser(request.headers);
  if (!user) throw new AppError("unauthenticated");
  return user;
}

/** A response body up to this size fits in one TCP segment (1460 bytes of payload, less the headers' share). */
const ONE_PACKET = 1200;

/**
 * A JSON response; one that fits in a single packet is marked `Cache-Control: no-transform`. Next streams
 * route-handler bodies and drops their Content-Length, so its built-in compression cannot apply its size
 * threshold and gzips every answer: a zlib stream per request — about a quarter of a save's CPU on this
 * server — to shorten a packet that is sent anyway. no-transform keeps compression out (the SSE routes use
 * it for the same middleware); larger answers are compressed as before.
 */
export function jsonResponse(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const body = JSON.stringify(data);
  const headers: Record<string, string> = { "content-type": "application/json", ...init.headers };
  if (Buffer.byteLength(body) <= ONE_PACKET) headers["cache-control"] = headers["cache-control"] ? `${headers["cache-control"]}, no-transform` : "no-transform";
  return new Response(body, { status: init.status ?? 200, headers });
}

/**
 * The request's JSON body, read as a stream under a cap (lib/http/body: 413 "body-too-large" as soon as it
 * is crossed; default the small-command cap); anything unparsable is "malformed-json" (400). So is a string
 * holding a lone surrogate (`"\\ud800"`: valid JSON, but no Unicode text, and the databases refuse it).
 */
export async function readJson(request: Request, cap: number | BodyCap = BODY_LIMITS.json): Promise<unknown> {
  const value = await readJsonBody(request, cap);
  if (!isWellFormedJson(value)) throw new AppError("malformed-json", { reason: "lone surrogate" });
  return value;
}

/** With the u flag a surrogate pair is one code point; only a lone surrogate is in category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

function isWellFormedJson(value: unknown): boolean {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (LONE_SURROGATE.test(v)) return false;
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k)) return false;
        stack.push(child);
      }
    }
  }
  return true;
}

export function errorResponse(e: unknown): Response {
  if (isAppError(e)) {
    // A refusal that passes tells the client when to try again (rate limits).
    const retryAfter = e.details?.retryAfter;
    return Response.json(e.toJSON(), { status: e.status, headers: typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : undefined });
  }
  const issues = (e as { issues?: Array<{ path: PropertyKey[]; message: string }> } | null)?.issues;
  if ((e as Error | null)?.name === "ZodError" && Array.isArray(issues)) {
    return Response.json({ code: "invalid-request", issues: issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) }, { status: 400 });
  }
  // decodeURIComponent on malformed percent-encoding (a path segment, an IRI in a W3C body): the client's input.
  if (e instanceof URIError) return Response.json(new AppError("invalid-request", { reason: "malformed percent-encoding" }).toJSON(), { status: 400 });
  if (isDatabaseUnavailable(e)) {
    // An outage, not a bug: clients retry; the connection pool reconnects by itself once the database is back.
    console.error("[api] database unavailable:", (e as Error | null)?.message?.split("\n").pop());
    return Response.json(new AppError("database-unavailable").toJSON(), { status: 503, headers: { "Retry-After": "5" } });
  }
  console.error("[api] unexpected error", e);
  return Response.json({ code: "internal" }, { status: 500 });
}

/**
 * A path parameter ([id], [slug], [code]) that is not Unicode text names nothing: 404 before any lookup
 * (the databases refuse such strings, which would otherwise surface as a 500).
 */
async function checkParams(ctx: unknown): Promise<void> {
  const params = (ctx as { params?: Promise<Record<string, string | string[] | undefined>> } | undefined)?.params;
  if (!params) return;
  for (const value of Object.values(await params).flat()) if (typeof value === "string" && LONE_SURROGATE.test(value)) throw new AppError("not-found");
}

/** Wrap a handler so every thrown error becomes a JSON error response. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      await checkParams(args[1]);
      return await fn(...args);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
