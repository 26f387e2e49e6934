import { DrizzleQueryError } from "drizzle-orm/errors";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

const serverError = (code: string) => Object.assign(new postgres.PostgresError({ message: "x" } as never), { code });
const systemError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", systemError("ECONNREFUSED")],
    ["a reset connection", systemError("ECONNRESET")],
    ["postgres.js's connect timeout", systemError("CONNECT_TIMEOUT")],
    ["a connection closed under a query", systemError("CONNECTION_CLOSED")],
    ["a server that stopped answering", systemError("DATABASE_SILENT")],
    ["the statement timeout", serverError("57014")],
    ["a server shutting down", serverError("57P01")],
    ["a server starting up", serverError("57P03")],
    ["a connection exception", serverError("08006")],
    ["too many connections", serverError("53300")],
  ])("holds for %s, also when Drizzle wraps it", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], error))).toBe(true);
  });

  it("holds for every address of a host failing at once", () => {
    const all = Object.assign(new AggregateError([systemError("ECONNREFUSED"), systemError("ENETUNREACH")]), {
      code: "ECONNREFUSED",
    });
    expect(isDatabaseUnavailable(all)).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([systemError("ECONNREFUSED")]))).toBe(true);
  });

  it.each([
    ["a unique violation", serverError("23505")],
    ["a syntax error", serverError("42601")],
    ["a serialization failure", serverError("40001")],
    ["a missing file", systemError("ENOENT")],
    ["a plain error", new Error("boom")],
    ["a thrown Response", new Response("Not found", { status: 404 })],
    ["nothing", undefined],
  ])("does not hold for %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], error as Error))).toBe(false);
  });
});
