import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors";

describe("isDatabaseUnavailable", () => {
  it("recognizes an outage in the shapes Prisma, the pg adapter, PostgreSQL, Node and SQLite report it", () => {
    const adapter = Object.assign(new Error("DatabaseNotReachable"), {
      name: "DriverAdapterError",
      cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5433 },
    });
    const cases: unknown[] = [
      Object.assign(new Error("Can't reach database server at 127.0.0.1:5433"), { code: "P1001", meta: { driverAdapterError: adapter } }),
      adapter,
      Object.assign(new Error("x"), { cause: { kind: "ConnectionClosed" } }),
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      { kind: "postgres", code: "57P03", message: "the database system is starting up" },
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5433"), { code: "ECONNREFUSED" }),
      new AggregateError([Object.assign(new Error("refused"), { code: "ECONNREFUSED" })]),
      Object.assign(new Error("Connection terminated unexpectedly"), {}),
      Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }),
      { code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "SQLITE_CANTOPEN" } } } },
    ];
    for (const c of cases) expect(isDatabaseUnavailable(c)).toBe(true);
  });

  it("does not mistake bugs, bad input or constraint violations for an outage", () => {
    const cases: unknown[] = [
      null,
      undefined,
      "ECONNREFUSED",
      new Error("Cannot read properties of undefined"),
      Object.assign(new Error("Unique constraint failed"), { code: "P2002", meta: { driverAdapterError: { cause: { kind: "UniqueConstraintViolation" } } } }),
      { kind: "postgres", code: "23505", message: "duplicate key value violates unique constraint" },
      Object.assign(new Error("no such table: Annotation"), { code: "SQLITE_ERROR" }),
    ];
    for (const c of cases) expect(isDatabaseUnavailable(c)).toBe(false);
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});
