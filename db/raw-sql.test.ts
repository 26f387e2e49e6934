import { describe, expect, it } from "vitest";
import { compile, join, q } from "./raw-sql";

describe("raw SQL fragments", () => {
  it("numbers the parameters in order, through nested and joined fragments", () => {
    const rows = [q`(${"a"}, ${1})`, q`(${"b"}, ${null})`];
    const { text, params } = compile(q`INSERT INTO t (x, y) VALUES ${join(rows, ", ")} RETURNING ${"z"}::text`);
    expect(text).toBe("INSERT INTO t (x, y) VALUES ($1, $2), ($3, $4) RETURNING $5::text");
    expect(params).toEqual(["a", 1, "b", null, "z"]);
  });

  it("sends undefined as NULL, never as a missing parameter", () => {
    expect(compile(q`SELECT ${undefined}`).params).toEqual([null]);
  });
});
