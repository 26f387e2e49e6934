import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import type { CaseworkActor } from "#app/dossiers/casework/command.server";
import { linkDossier, unlinkDossier } from "#app/dossiers/casework/link.server";
import { relatedDossiers, SAME_RESIDENT_MAX } from "#app/dossiers/related.server";
import { auditEvents, dossierEvents, dossierLinks } from "#db/schema/index";
import { contextFor, createTestServices } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createDossier, createUser } from "#test/support/factories";

/**
 * Related dossiers (issue 14, part 2): the complainant's other dossiers, found by address or by
 * name and postcode, closed ones too; manual links with a reason, shown and recorded on both
 * sides, once per pair; nothing for anyone outside the back office.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let handler: CaseworkActor;
let officer: { id: string; role: "municipality_officer"; municipalityId: string };

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database);
  const h = await createUser(database.db, { role: "case_handler", name: "Sanne de Behandelaar" });
  handler = { id: h.id, role: h.role, name: h.name };
  const o = await createUser(database.db, { role: "municipality_officer", municipalityId: "amsterdam" });
  officer = { id: o.id, role: "municipality_officer", municipalityId: "amsterdam" };
});

afterAll(async () => {
  await database.destroy();
});

const person = (name: string, email: string | null, postcode: string) => ({
  complainant: { name, email, postcode, ...(email ? {} : { phone: "0612345678", preferredChannel: "phone" as const }) },
});

describe("the complainant's other dossiers", () => {
  it("are found by address or by name and postcode, closed ones too, and never someone else's", async () => {
    const first = await createDossier(
      database.db,
      services.storage,
      person("Ria Jansen", "ria@example.test", "1011 AB"),
    );
    const byAddress = await createDossier(database.db, services.storage, {
      ...person("R. Jansen", "RIA@example.test", "9999 ZZ"),
      status: "closed",
    });
    const byName = await createDossier(database.db, services.storage, person("ria jansen", null, "1011ab"));
    await createDossier(database.db, services.storage, person("Ria Jansen", "andere@example.test", "2000 AA"));
    await createDossier(database.db, services.storage, person("Piet Bakker", "piet@example.test", "1011 AB"));

    const related = await relatedDossiers(database.db, handler, first.id);
    // Newest first.
    expect(related!.sameResident.map((r) => [r.number, r.byAddress])).toEqual([
      [byName.number, false],
      [byAddress.number, true],
    ]);
    expect(related!.sameResident[1]!.status).toBe("closed");
    expect(related!.moreSameResident).toBe(false);
    // From the other side, the first is found the same way.
    expect((await relatedDossiers(database.db, handler, byName.id))!.sameResident.map((r) => r.number)).toContain(
      first.number,
    );
    expect(await relatedDossiers(database.db, officer, first.id)).toBeNull();

    // A complainant with more than can be listed: the newest, and a word that there are more.
    for (let i = 0; i < SAME_RESIDENT_MAX + 2; i++)
      await createDossier(database.db, services.storage, person("Veel Klachten", "veel@example.test", "3000 AA"));
    const [one] = await createDossier(
      database.db,
      services.storage,
      person("Veel Klachten", "veel@example.test", "3000 AA"),
    ).then((d) => [d]);
    const many = await relatedDossiers(database.db, handler, one!.id);
    expect(many!.sameResident).toHaveLength(SAME_RESIDENT_MAX);
    expect(many!.moreSameResident).toBe(true);
  });
});

describe("linking dossiers", () => {
  it("links a pair once with the reason, shows it on both sides, and unlinks it again", async () => {
    const a = await createDossier(
      database.db,
      services.storage,
      person("Kees de Boer", "kees@example.test", "1012 CD"),
    );
    const b = await createDossier(database.db, services.storage, person("Anna Smit", "anna@example.test", "1013 EF"));
    const scope = (number: string) => ({ ctx: contextFor(services), actor: handler, number });

    expect(await linkDossier(scope(a.number), { relatedNumber: a.number, linkReason: "x" })).toMatchObject({
      ok: false,
      issues: [{ code: "link-self" }],
    });
    expect(await linkDossier(scope(a.number), { relatedNumber: "OMA-2026-99999", linkReason: "x" })).toMatchObject({
      ok: false,
      issues: [{ code: "link-unknown", params: { number: "OMA-2026-99999" } }],
    });
    const reason = "Dezelfde gedraging: de brief over de parkeervergunning.";
    expect(await linkDossier(scope(a.number), { relatedNumber: b.number.toLowerCase(), linkReason: reason })).toEqual({
      ok: true,
    });
    // The other way round is the same pair.
    expect(await linkDossier(scope(b.number), { relatedNumber: a.number, linkReason: "nog eens" })).toMatchObject({
      ok: false,
      issues: [{ code: "link-exists" }],
    });
    const fromA = await relatedDossiers(database.db, handler, a.id);
    const fromB = await relatedDossiers(database.db, handler, b.id);
    expect(fromA!.linked.map((l) => [l.number, l.reason, l.linkedBy])).toEqual([
      [b.number, reason, "Sanne de Behandelaar"],
    ]);
    expect(fromB!.linked.map((l) => l.number)).toEqual([a.number]);
    const events = await database.db
      .select({ dossierId: dossierEvents.dossierId, type: dossierEvents.type, details: dossierEvents.details })
      .from(dossierEvents)
      .where(inArray(dossierEvents.dossierId, [a.id, b.id]));
    expect(events.filter((e) => e.type === "linked").map((e) => [e.dossierId, e.details])).toEqual([
      [a.id, { number: b.number, reason }],
      [b.id, { number: a.number, reason }],
    ]);

    // Unlinked from the other side: gone for both, recorded on both, audited.
    expect(await unlinkDossier(scope(b.number), { linkId: fromB!.linked[0]!.linkId })).toEqual({ ok: true });
    expect(await database.db.select().from(dossierLinks)).toEqual([]);
    expect(await unlinkDossier(scope(b.number), { linkId: fromB!.linked[0]!.linkId })).toMatchObject({
      ok: false,
      issues: [{ code: "link-gone" }],
    });
    const unlinked = await database.db
      .select({ subjectId: auditEvents.subjectId })
      .from(auditEvents)
      .where(eq(auditEvents.action, "dossier.unlinked"));
    expect(unlinked.map((u) => u.subjectId).sort()).toEqual([a.id, b.id].sort());
  });
});
