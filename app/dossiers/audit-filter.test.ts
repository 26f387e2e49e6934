import { describe, expect, it } from "vitest";
import { auditFilterSearch, auditSubject, parseAuditFilter } from "./audit-filter";

const parse = (query: string) => parseAuditFilter(new URLSearchParams(query));
const ID = "0b7e7c1e-5a7e-4f4e-9d6a-1c2b3d4e5f60";

describe("the audit log's filters", () => {
  it("are empty without a choice", () => {
    expect(parse("")).toEqual({
      filter: { actor: null, action: null, from: null, to: null, page: 1 },
      problems: [],
    });
  });

  it("read who, what, the period and the page", () => {
    expect(parse(`gebruiker=${ID}&actie=dossier.access_denied&van=2026-01-01&tot=2026-01-31&pagina=3`)).toEqual({
      filter: { actor: ID, action: "dossier.access_denied", from: "2026-01-01", to: "2026-01-31", page: 3 },
      problems: [],
    });
    expect(parse("gebruiker=geen").filter.actor).toBe("geen");
    expect(parse("van=2026-01-01").filter).toMatchObject({ from: "2026-01-01", to: null });
  });

  it("drop what they cannot use, with a code", () => {
    expect(parse("gebruiker=robert'); drop table").problems).toEqual(["invalid_actor"]);
    expect(parse("actie=<script>").problems).toEqual(["invalid_action"]);
    expect(parse("van=2026-02-30&tot=2026-03-01")).toMatchObject({
      filter: { from: null, to: "2026-03-01" },
      problems: ["invalid_date"],
    });
    expect(parse("van=2026-03-02&tot=2026-03-01")).toMatchObject({
      filter: { from: null, to: null },
      problems: ["from_after_to"],
    });
    expect(parse("pagina=-4").filter.page).toBe(1);
  });

  it("write the filter back without the page", () => {
    const { filter } = parse(`actie=dossier.viewed&van=2026-01-01&pagina=2`);
    expect(auditFilterSearch(filter).toString()).toBe("actie=dossier.viewed&van=2026-01-01");
  });
});

describe("what an audit entry names", () => {
  it("names the downloaded document and the number of a refused attempt", () => {
    expect(
      auditSubject({
        action: "dossier.attachment_downloaded",
        details: { attachmentId: ID },
        fileName: "antwoord.pdf",
        dossierNumber: "OMA-2026-00001",
      }),
    ).toEqual({ fileName: "antwoord.pdf", attachmentId: ID, deniedRoute: null, number: "OMA-2026-00001" });
    expect(
      auditSubject({
        action: "dossier.access_denied",
        details: { route: "portal.dossier", number: "OMA-2026-00009" },
        fileName: null,
        dossierNumber: null,
      }),
    ).toEqual({ fileName: null, attachmentId: null, deniedRoute: "portal.dossier", number: "OMA-2026-00009" });
  });
});
