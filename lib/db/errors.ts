/**
 * "The database is not there right now" — as opposed to a bug or bad input. Route handlers answer it
 * with 503 `database-unavailable` (the UI says "try again in a moment") instead of a 500, and nothing
 * needs restarting: the next query opens a fresh connection once the database is back.
 *
 * The same outage reaches us in many shapes (Prisma's P1001, the pg adapter's DatabaseNotReachable /
 * ConnectionClosed, PostgreSQL's 57P01 "terminating connection due to administrator command", a raw
 * ECONNREFUSED, SQLite's CANTOPEN/BUSY), wrapped in `cause` or `meta.driverAdapterError`; this walks them.
 */

const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
// 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up), 08xxx connection
// exceptions, 53300 too many connections.
const PG_SQLSTATE = /^(57P0[123]|08\d{3}|53300)$/;
const SQLITE_CODES = /^SQLITE_(CANTOPEN|BUSY|IOERR)/;
const MESSAGES =
  /Can't reach database server|Connection terminated|terminating connection|connection (is )?closed|Server has closed the connection|the database system is (starting up|shutting down)/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length) {
    const e = stack.pop();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const o = e as {
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      originalCode?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
      errors?: unknown;
    };
    const code = typeof o.code === "string" ? o.code : undefined;
    if (code && (PRISMA_CODES.has(code) || NODE_CODES.has(code) || PG_SQLSTATE.test(code) || SQLITE_CODES.test(code))) return true;
    if (typeof o.originalCode === "string" && (PG_SQLSTATE.test(o.originalCode) || SQLITE_CODES.test(o.originalCode))) return true;
    if (typeof o.kind === "string" && ADAPTER_KINDS.has(o.kind)) return true;
    if (typeof o.message === "string" && MESSAGES.test(o.message)) return true;
    stack.push(o.cause, o.meta?.driverAdapterError);
    if (Array.isArray(o.errors)) stack.push(...o.errors); // AggregateError (e.g. IPv4 + IPv6 refused)
  }
  return false;
}
