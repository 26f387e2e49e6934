import { describe, expect, it } from "vitest";
import { compile, insertSelect, join, q } from "./raw-sql";
import { dossierEvents, dossiers } from "./schema/index";

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

describe("raw SQL named by the schema", () => {
  it("writes a Drizzle table or column as its quoted database name, not as a parameter", () => {
    const { text, params } = compile(
      q`SELECT d.${dossiers.complainantName} FROM ${dossiers} d WHERE d.${dossiers.id} = ${"x"}`,
    );
    expect(text).toBe('SELECT d."complainant_name" FROM "dossiers" d WHERE d."id" = $1');
    expect(params).toEqual(["x"]);
  });

  it("inserts rows by schema key, each plain value converted as Drizzle would and cast to its column's type", () => {
    const at = new Date("2026-03-01T09:00:00Z");
    const { text, params } = compile(
      insertSelect(
        dossierEvents,
        [
          { dossierId: q`d.id`, at, type: "submitted", details: { channel: "phone" } },
          { dossierId: q`d.id`, at, type: "mail_queued", details: {} },
        ],
        q`FROM d`,
      ),
    );
    expect(text).toBe(
      'INSERT INTO "dossier_events" ("dossier_id", "at", "type", "details") SELECT d.id, $1::timestamp with time zone, $2::text, $3::jsonb FROM d' +
        " UNION ALL SELECT d.id, $4::timestamp with time zone, $5::text, $6::jsonb FROM d",
    );
    expect(params).toEqual([
      at.toISOString(),
      "submitted",
      '{"channel":"phone"}',
      at.toISOString(),
      "mail_queued",
      "{}",
    ]);
  });
});
