import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { CaseworkActor, CommandScope } from "#app/dossiers/casework/command.server";
import { setVisibility } from "#app/dossiers/casework/document.server";
import { shareDossier, type ShareMail } from "#app/dossiers/casework/share.server";
import { scopeFor, type UserActor } from "#app/dossiers/scope.server";
import { dossierAttachments, dossierEvents, dossiers, dossierShareDocuments, mailOutbox } from "#db/schema/index";
import { createDossier, createUser } from "#test/support/factories";
import { contextFor, createTestServices } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

/**
 * Sharing a dossier with its municipality (issue 12, part 1): what an officer can read follows
 * exactly what was shared, ombudsman-only documents can never go along, and the officers are told
 * by a mail that holds a link and nothing about the resident.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let handler: CaseworkActor;
let amsterdam: UserActor & { email: string };
let zaanstad: UserActor;
const NOW = new Date("2026-04-25T10:00:00Z");

const mail: ShareMail = (officer, link) => ({
  subject: "Dossier gedeeld",
  text: `Beste ${officer.name}, de ombudsman deelde een dossier met uw gemeente: ${link}`,
});
const scopeOf = (number: string): CommandScope => ({ ctx: contextFor(services), actor: handler, number });

/** The dossiers and documents an officer's scope admits. */
async function visibleTo(officer: UserActor, dossierId: string) {
  const scope = scopeFor(officer);
  const seen = await database.db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(and(eq(dossiers.id, dossierId), scope.dossiers));
  const documents = await database.db
    .select({ id: dossierAttachments.id })
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.dossierId, dossierId), scope.documents));
  return { dossier: seen.length === 1, documents: documents.map((d) => d.id).sort() };
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => NOW });
  const h = await createUser(database.db, { role: "case_handler", name: "Sanne de Behandelaar" });
  handler = { id: h.id, role: h.role, name: h.name };
  const a = await createUser(database.db, {
    role: "municipality_officer",
    municipalityId: "amsterdam",
    name: "Ambtenaar Amsterdam",
  });
  amsterdam = { id: a.id, role: a.role, municipalityId: a.municipalityId, email: a.email };
  const z = await createUser(database.db, { role: "municipality_officer", municipalityId: "zaanstad" });
  zaanstad = { id: z.id, role: z.role, municipalityId: z.municipalityId };
});

afterAll(async () => {
  await database.destroy();
});

const newDossier = () =>
  createDossier(database.db, services.storage, {
    municipalityId: "amsterdam",
    submittedAt: new Date("2026-04-20T09:30:00Z"),
    attachments: [
      { category: "municipality_answer", fileName: "besluit.pdf", contentType: "application/pdf", body: "%PDF-1.4 a" },
      { category: "evidence", fileName: "brief.pdf", contentType: "application/pdf", body: "%PDF-1.4 b" },
      {
        category: "evidence",
        fileName: "medisch.pdf",
        contentType: "application/pdf",
        body: "%PDF-1.4 c",
        visibility: "internal",
      },
    ],
  });

describe("sharing a dossier with its municipality", () => {
  it("shows nothing before the first share, then exactly the chosen documents, to that municipality only", async () => {
    const d = await newDossier();
    const [first, second] = d.attachments;
    expect(await visibleTo(amsterdam, d.id)).toEqual({ dossier: false, documents: [] });

    expect(await shareDossier(scopeOf(d.number), { attachmentIds: [first!.id] }, mail)).toEqual({ ok: true });
    expect(await visibleTo(amsterdam, d.id)).toEqual({ dossier: true, documents: [first!.id] });
    expect(await visibleTo(zaanstad, d.id)).toEqual({ dossier: false, documents: [] });

    // A later document needs its own share.
    expect(await shareDossier(scopeOf(d.number), { attachmentIds: [second!.id] }, mail)).toEqual({ ok: true });
    expect((await visibleTo(amsterdam, d.id)).documents).toEqual([first!.id, second!.id].sort());

    const events = await database.db
      .select({ details: dossierEvents.details })
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, d.id), eq(dossierEvents.type, "shared")));
    expect(events.map((e) => (e.details as { attachmentIds: string[] }).attachmentIds)).toEqual([
      [first!.id],
      [second!.id],
    ]);
  });

  it("refuses an ombudsman-only document, and one of another dossier, sharing nothing", async () => {
    const d = await newDossier();
    const other = await newDossier();
    const internal = d.attachments.find((a) => a.fileName === "medisch.pdf")!;
    expect(await shareDossier(scopeOf(d.number), { attachmentIds: [d.attachments[0]!.id, internal.id] }, mail)).toEqual(
      { ok: false, code: "invalid", issues: [{ field: "documents", code: "document-ombudsman-only" }] },
    );
    expect(await shareDossier(scopeOf(d.number), { attachmentIds: [other.attachments[0]!.id] }, mail)).toEqual({
      ok: false,
      code: "invalid",
      issues: [{ field: "documents", code: "document-gone" }],
    });
    expect(await visibleTo(amsterdam, d.id)).toEqual({ dossier: false, documents: [] });
    const rows = await database.db
      .select()
      .from(dossierShareDocuments)
      .where(eq(dossierShareDocuments.attachmentId, d.attachments[0]!.id));
    expect(rows).toEqual([]);
  });

  it("stops showing a shared document once it is made ombudsman-only", async () => {
    const d = await newDossier();
    const [first] = d.attachments;
    await shareDossier(scopeOf(d.number), { attachmentIds: [first!.id] }, mail);
    expect((await visibleTo(amsterdam, d.id)).documents).toEqual([first!.id]);
    expect(
      await setVisibility(scopeOf(d.number), {
        attachmentId: first!.id,
        visibility: "internal",
        visibilityReason: "De gemeente vroeg het stuk niet te delen.",
      }),
    ).toEqual({
      ok: true,
    });
    expect(await visibleTo(amsterdam, d.id)).toEqual({ dossier: true, documents: [] });
  });

  it("mails each active officer of the municipality a link and no personal data", async () => {
    const d = await newDossier();
    await shareDossier(scopeOf(d.number), { attachmentIds: [] }, mail);
    const [share] = await database.db
      .select({ id: dossierEvents.details })
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, d.id), eq(dossierEvents.type, "shared")));
    const shareId = (share!.id as { shareId: string }).shareId;
    const sent = await database.db
      .select({ to: mailOutbox.toAddress, text: mailOutbox.textBody, kind: mailOutbox.kind })
      .from(mailOutbox)
      .where(eq(mailOutbox.subjectId, shareId));
    expect(sent.map((m) => m.to)).toEqual([amsterdam.email]);
    expect(sent[0]!.kind).toBe("municipality_share");
    expect(sent[0]!.text).toContain(`/gemeente/dossiers/${d.number}`);
    expect(sent[0]!.text).not.toMatch(/Fatima|Amrani|Joost/);
  });

  it("is not done on a dossier outside the back office, nor by an officer", async () => {
    expect(await shareDossier(scopeOf("OMA-2026-99999"), { attachmentIds: [] }, mail)).toEqual({
      ok: false,
      code: "not-found",
    });
    const d = await newDossier();
    const asOfficer: CommandScope = {
      ctx: contextFor(services),
      actor: { ...amsterdam, name: "Ambtenaar" },
      number: d.number,
    };
    expect(await shareDossier(asOfficer, { attachmentIds: [] }, mail)).toEqual({ ok: false, code: "not-found" });
    expect(await visibleTo(amsterdam, d.id)).toEqual({ dossier: false, documents: [] });
  });
});
