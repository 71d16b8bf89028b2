/**
 * How the browser calls Synopse's JSON routes: every failure comes back as the server's error code (a key
 * of the "Errors" messages) plus its details — e.g. the current version of a note on "conflict" — or
 * "network" when the server could not be reached. Framework-free; used by the reader's notes and links.
 */
export type ApiFailure = { ok: false; status: number; code: string; details: Record<string, unknown> };
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

export async function callApi<T>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, code: "network", details: {} };
  }
  if (response.status === 204) return { ok: true, data: undefined as T };
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (response.ok) return { ok: true, data: json as T };
  const { code, ...details } = (json ?? {}) as { code?: string } & Record<string, unknown>;
  return { ok: false, status: response.status, code: typeof code === "string" ? code : "internal", details };
}
