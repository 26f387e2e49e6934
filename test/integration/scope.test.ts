import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import { getDossierAuditLog } from "#app/dossiers/overview.server";
import {
  findDocument,
  findDossier,
  getAttachmentForStaff,
  getDossierForStaff,
  listAuditEntries,
  listDocuments,
  listDossiers,
  listTimeline,
} from "#app/dossiers/queries.server";
import { listQueue, listQueueRows, parseQueueFilter } from "#app/dossiers/queue.server";
import { backOfficeScope, scopeFor, type Actor, type UserActor } from "#app/dossiers/scope.server";
import { action as dossierAction, loader as dossierLoader } from "#app/routes/behandelaar.dossiers.$number/route";
import { loader as downloadLoader } from "#app/routes/behandelaar.dossiers.$number.bijlagen.$attachmentId";
import { loader as auditLoader } from "#app/routes/behandelaar.dossiers.$number_.audit";
import { audit } from "#app/utils/audit.server";
import { createDossier, createShare, createUser, type CreatedDossier } from "#test/support/factories";
import { auditEvents, dossierAttachments, dossierEvents, dossierNotes, dossiers, type User } from "#db/schema/index";
import { contextFor, createTestServices, getRequest, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

/**
 * The actor's scope, per role and per kind of query: what a municipality officer, a resident's
 * link and staff find, and what the staff dossier URLs answer someone outside the back office.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;

type Signed = { user: User & { password: string }; cookie: string };
let handler: Signed;
let coordinator: Signed;
let amsterdamOfficer: Signed;
let zaanstadOfficer: Signed;

/** Amsterdam's, shared with Amsterdam: one document shared with it, one shared but ombudsman-only now, one never shared. */
let amsterdamShared: CreatedDossier;
let amsterdamUnshared: CreatedDossier;
/** Zaanstad's, shared with Zaanstad. */
let zaanstadShared: CreatedDossier;
/** Zaanstad's, with a share that names Amsterdam (a mistake the scope must not follow). */
let zaanstadMisshared: CreatedDossier;

const PDF = "%PDF-1.4\n%%EOF\n";
const doc = (fileName: string, visibility: "shared" | "internal" = "shared") => ({
  category: "evidence" as const,
  fileName,
  contentType: "application/pdf",
  body: PDF,
  visibility,
});

function attachment(d: CreatedDossier, fileName: string) {
  const found = d.attachments.find((a) => a.fileName === fileName);
  if (!found) throw new Error(`no attachment ${fileName}`);
  return found;
}

async function signedIn(role: User["role"], municipalityId?: string): Promise<Signed> {
  const user = await createUser(database.db, { role, municipalityId });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { user, cookie: `oma_session=${id}` };
}

const officerActor = (s: Signed): UserActor => ({
  id: s.user.id,
  role: s.user.role,
  municipalityId: s.user.municipalityId,
});
const numbers = (rows: { number: string }[]) => rows.map((r) => r.number).sort();

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => new Date("2026-04-25T10:00:00Z") });
  handler = await signedIn("case_handler");
  coordinator = await signedIn("coordinator");
  amsterdamOfficer = await signedIn("municipality_officer", "amsterdam");
  zaanstadOfficer = await signedIn("municipality_officer", "zaanstad");

  const submittedAt = new Date("2026-04-20T09:30:00Z");
  amsterdamShared = await createDossier(database.db, services.storage, {
    municipalityId: "amsterdam",
    submittedAt,
    attachments: [doc("Antwoord gemeente.pdf"), doc("Medisch advies.pdf"), doc("Intern verslag.pdf")],
  });
  amsterdamUnshared = await createDossier(database.db, services.storage, {
    municipalityId: "amsterdam",
    submittedAt,
    attachments: [doc("Brief.pdf")],
  });
  zaanstadShared = await createDossier(database.db, services.storage, {
    municipalityId: "zaanstad",
    submittedAt,
    attachments: [doc("Zaanstad.pdf")],
  });
  zaanstadMisshared = await createDossier(database.db, services.storage, {
    municipalityId: "zaanstad",
    submittedAt,
    attachments: [doc("Verkeerd.pdf")],
  });

  await createShare(database.db, {
    dossierId: amsterdamShared.id,
    sharedBy: coordinator.user.id,
    attachmentIds: [
      attachment(amsterdamShared, "Antwoord gemeente.pdf").id,
      attachment(amsterdamShared, "Medisch advies.pdf").id,
    ],
  });
  // Shared while it was visible to the municipality; made ombudsman-only afterwards (Awb 9:31).
  await database.db
    .update(dossierAttachments)
    .set({ visibility: "internal" })
    .where(eq(dossierAttachments.id, attachment(amsterdamShared, "Medisch advies.pdf").id));
  await createShare(database.db, {
    dossierId: zaanstadShared.id,
    sharedBy: coordinator.user.id,
    attachmentIds: [zaanstadShared.attachments[0]!.id],
  });
  await createShare(database.db, {
    dossierId: zaanstadMisshared.id,
    municipalityId: "amsterdam",
    sharedBy: coordinator.user.id,
    attachmentIds: [zaanstadMisshared.attachments[0]!.id],
  });

  // The history of the shared Amsterdam dossier: some of it concerns the municipality, most of it does not.
  const at = (minute: number) => new Date(`2026-04-21T10:${String(minute).padStart(2, "0")}:00Z`);
  await database.db.insert(dossierEvents).values([
    {
      dossierId: amsterdamShared.id,
      at: at(1),
      actorUserId: coordinator.user.id,
      type: "assigned",
      details: { to: handler.user.id },
    },
    {
      dossierId: amsterdamShared.id,
      at: at(2),
      actorUserId: handler.user.id,
      type: "contact_recorded",
      details: { channel: "phone" },
    },
    {
      dossierId: amsterdamShared.id,
      at: at(3),
      actorUserId: handler.user.id,
      type: "status_changed",
      details: { from: "intake", to: "intervention" },
    },
    { dossierId: amsterdamShared.id, at: at(4), actorUserId: handler.user.id, type: "note_added", details: {} },
    { dossierId: amsterdamShared.id, at: at(5), actorUserId: handler.user.id, type: "mail_sent", details: {} },
    {
      dossierId: amsterdamShared.id,
      at: at(6),
      actorUserId: coordinator.user.id,
      type: "shared",
      details: { municipalityId: "amsterdam" },
    },
    { dossierId: amsterdamShared.id, at: at(7), actorUserId: handler.user.id, type: "clock_paused", details: {} },
  ]);
  await database.db
    .insert(dossierNotes)
    .values({ dossierId: amsterdamShared.id, body: "Intern", authorId: handler.user.id });
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

describe("a municipality officer's scope", () => {
  it("finds a shared dossier of their own municipality, and not an unshared one or another municipality's, even one shared with it", async () => {
    const officer = officerActor(amsterdamOfficer);
    expect(numbers(await listDossiers(database.db, { actor: officer }))).toEqual([amsterdamShared.number]);
    expect(await findDossier(database.db, { actor: officer, number: amsterdamShared.number })).toMatchObject({
      id: amsterdamShared.id,
      municipalityId: "amsterdam",
    });
    expect(await findDossier(database.db, { actor: officer, dossierId: amsterdamShared.id })).toMatchObject({
      number: amsterdamShared.number,
    });
    for (const other of [amsterdamUnshared, zaanstadShared, zaanstadMisshared]) {
      expect(await findDossier(database.db, { actor: officer, number: other.number }), other.number).toBeNull();
      expect(await findDossier(database.db, { actor: officer, dossierId: other.id }), other.number).toBeNull();
    }
    // Zaanstad's officer sees Zaanstad's shared dossier, and not the one wrongly shared with Amsterdam.
    expect(numbers(await listDossiers(database.db, { actor: officerActor(zaanstadOfficer) }))).toEqual([
      zaanstadShared.number,
    ]);
  });

  it("finds only the documents included in a share to the municipality that are not ombudsman-only now", async () => {
    const officer = officerActor(amsterdamOfficer);
    const listed = await listDocuments(database.db, { actor: officer, dossierId: amsterdamShared.id });
    expect(listed.map((d) => d.fileName)).toEqual(["Antwoord gemeente.pdf"]);
    const byId = (d: CreatedDossier, name: string) =>
      findDocument(database.db, { actor: officer, attachmentId: attachment(d, name).id });
    expect(await byId(amsterdamShared, "Antwoord gemeente.pdf")).toMatchObject({
      dossierId: amsterdamShared.id,
      storageKey: expect.stringMatching(/^attachments\//),
    });
    expect(await byId(amsterdamShared, "Medisch advies.pdf")).toBeNull();
    expect(await byId(amsterdamShared, "Intern verslag.pdf")).toBeNull();
    expect(await byId(amsterdamUnshared, "Brief.pdf")).toBeNull();
    expect(await byId(zaanstadShared, "Zaanstad.pdf")).toBeNull();
    // Included in a share that names Amsterdam, but the dossier is Zaanstad's.
    expect(await byId(zaanstadMisshared, "Verkeerd.pdf")).toBeNull();
    expect(await listDocuments(database.db, { actor: officer, dossierId: zaanstadMisshared.id })).toEqual([]);
  });

  it("reads of the timeline only what concerns the municipality, and nothing of a dossier outside the scope", async () => {
    const officer = officerActor(amsterdamOfficer);
    const timeline = await listTimeline(database.db, { actor: officer, dossierId: amsterdamShared.id });
    expect(timeline.map((e) => e.type)).toEqual(["submitted", "status_changed", "shared"]);
    expect(await listTimeline(database.db, { actor: officer, dossierId: amsterdamUnshared.id })).toEqual([]);
    expect(await listTimeline(database.db, { actor: officer, dossierId: zaanstadShared.id })).toEqual([]);
    expect(await listTimeline(database.db, { actor: officer, dossierId: zaanstadMisshared.id })).toEqual([]);
  });

  it("reads of the audit log the municipality's own access to its shared dossiers, not the ombudsman's", async () => {
    const ctx = contextFor(services);
    const entry = (actor: Signed, dossierId: string, action: string) =>
      audit(
        database.db,
        ctx,
        { id: actor.user.id, role: actor.user.role },
        { action, subjectType: "dossier", subjectId: dossierId },
      );
    await entry(amsterdamOfficer, amsterdamShared.id, "portal.dossier_viewed");
    await entry(handler, amsterdamShared.id, "dossier.viewed");
    await entry(zaanstadOfficer, zaanstadShared.id, "portal.dossier_viewed");
    await entry(amsterdamOfficer, amsterdamUnshared.id, "portal.dossier_viewed");
    await entry(amsterdamOfficer, zaanstadMisshared.id, "portal.dossier_viewed");

    const officer = officerActor(amsterdamOfficer);
    const own = await listAuditEntries(database.db, { actor: officer, dossierId: amsterdamShared.id });
    expect(own.map((e) => [e.action, e.actorUserId])).toEqual([["portal.dossier_viewed", amsterdamOfficer.user.id]]);
    expect(await listAuditEntries(database.db, { actor: officer, dossierId: amsterdamUnshared.id })).toEqual([]);
    expect(await listAuditEntries(database.db, { actor: officer, dossierId: zaanstadShared.id })).toEqual([]);
    expect(await listAuditEntries(database.db, { actor: officer, dossierId: zaanstadMisshared.id })).toEqual([]);
    // Staff read all of it.
    const all = await listAuditEntries(database.db, {
      actor: { id: coordinator.user.id, role: "coordinator" },
      dossierId: amsterdamShared.id,
    });
    expect(all.map((e) => e.action).sort()).toEqual(["dossier.viewed", "portal.dossier_viewed"]);
  });

  it("sees nothing of a dossier before its first share", async () => {
    const officer = officerActor(amsterdamOfficer);
    const d = await createDossier(database.db, services.storage, {
      municipalityId: "amsterdam",
      attachments: [doc("Later.pdf")],
    });
    expect(await findDossier(database.db, { actor: officer, number: d.number })).toBeNull();
    expect(await listTimeline(database.db, { actor: officer, dossierId: d.id })).toEqual([]);
    await createShare(database.db, {
      dossierId: d.id,
      sharedBy: coordinator.user.id,
      attachmentIds: [d.attachments[0]!.id],
    });
    expect(await findDossier(database.db, { actor: officer, number: d.number })).toMatchObject({ id: d.id });
    expect((await listDocuments(database.db, { actor: officer, dossierId: d.id })).map((a) => a.fileName)).toEqual([
      "Later.pdf",
    ]);
  });

  it("gets nothing from the back office's own reads, not even for a dossier shared with the municipality", async () => {
    const officer = officerActor(amsterdamOfficer);
    expect(await getDossierForStaff(database.db, { number: amsterdamShared.number, actor: officer })).toBeNull();
    const shared = attachment(amsterdamShared, "Antwoord gemeente.pdf");
    expect(
      await getAttachmentForStaff(database.db, {
        number: amsterdamShared.number,
        attachmentId: shared.id,
        actor: officer,
      }),
    ).toBeNull();
    expect(
      await database.db.select({ id: dossiers.id }).from(dossiers).where(backOfficeScope(officer).dossiers),
    ).toEqual([]);
  });
});

describe("a resident's link", () => {
  const resident = (d: CreatedDossier): Actor => ({ role: "resident", dossierId: d.id });

  it("reaches its own dossier and nothing else", async () => {
    expect(numbers(await listDossiers(database.db, { actor: resident(amsterdamUnshared) }))).toEqual([
      amsterdamUnshared.number,
    ]);
    expect(
      await findDossier(database.db, { actor: resident(amsterdamUnshared), number: amsterdamUnshared.number }),
    ).toMatchObject({ id: amsterdamUnshared.id });
    expect(
      await findDossier(database.db, { actor: resident(amsterdamUnshared), number: amsterdamShared.number }),
    ).toBeNull();
    expect(
      await findDossier(database.db, { actor: resident(amsterdamUnshared), dossierId: zaanstadShared.id }),
    ).toBeNull();
    // Another dossier's document, asked for by its id.
    expect(
      await findDocument(database.db, {
        actor: resident(amsterdamUnshared),
        attachmentId: zaanstadShared.attachments[0]!.id,
      }),
    ).toBeNull();
    expect(
      await listDocuments(database.db, { actor: resident(amsterdamUnshared), dossierId: zaanstadShared.id }),
    ).toEqual([]);
  });

  it("sees its documents that are not ombudsman-only, the events about its complaint, and no audit log", async () => {
    const own = resident(amsterdamShared);
    expect(
      (await listDocuments(database.db, { actor: own, dossierId: amsterdamShared.id })).map((d) => d.fileName).sort(),
    ).toEqual(["Antwoord gemeente.pdf", "Intern verslag.pdf"]);
    expect(
      await findDocument(database.db, {
        actor: own,
        attachmentId: attachment(amsterdamShared, "Medisch advies.pdf").id,
      }),
    ).toBeNull();
    expect((await listTimeline(database.db, { actor: own, dossierId: amsterdamShared.id })).map((e) => e.type)).toEqual(
      ["submitted", "contact_recorded", "status_changed", "mail_sent", "shared"],
    );
    expect(await listAuditEntries(database.db, { actor: own, dossierId: amsterdamShared.id })).toEqual([]);
  });

  it("finds nothing with a link to something that is not a dossier id", async () => {
    const broken: Actor = { role: "resident", dossierId: "' OR 1=1 --" };
    expect(await listDossiers(database.db, { actor: broken })).toEqual([]);
    expect(scopeFor(broken).kind).toBe("none");
  });
});

describe("staff", () => {
  it("reach every dossier, document and event", async () => {
    for (const actor of [
      { id: handler.user.id, role: "case_handler" },
      { id: coordinator.user.id, role: "coordinator" },
    ] satisfies Actor[]) {
      const all = numbers(await listDossiers(database.db, { actor, limit: 1000 }));
      expect(all).toEqual(
        expect.arrayContaining(numbers([amsterdamShared, amsterdamUnshared, zaanstadShared, zaanstadMisshared])),
      );
      expect(
        (await listDocuments(database.db, { actor, dossierId: amsterdamShared.id })).map((d) => d.fileName).sort(),
      ).toEqual(["Antwoord gemeente.pdf", "Intern verslag.pdf", "Medisch advies.pdf"]);
      expect(
        await findDocument(database.db, { actor, attachmentId: attachment(amsterdamShared, "Medisch advies.pdf").id }),
      ).not.toBeNull();
      expect(await listTimeline(database.db, { actor, dossierId: amsterdamShared.id })).toHaveLength(8);
      const page = await getDossierForStaff(database.db, { number: zaanstadShared.number, actor });
      expect(page?.attachments.map((a) => a.fileName)).toEqual(["Zaanstad.pdf"]);
    }
  });
});

describe("the queue", () => {
  const filter = parseQueueFilter(new URL("http://localhost/behandelaar"));
  const today = "2026-04-25";

  it("lists nothing for anyone outside the back office", async () => {
    for (const actor of [officerActor(amsterdamOfficer), officerActor(zaanstadOfficer)]) {
      expect(await listQueue(database.db, { actor, filter, today })).toBeNull();
      expect(listQueueRows(database.db, { actor, filter, today })).toBeNull();
    }
  });

  it("lists every open dossier for staff", async () => {
    const queue = await listQueue(database.db, { actor: { id: handler.user.id, role: "case_handler" }, filter, today });
    expect(queue?.rows.map((r) => r.number)).toEqual(
      expect.arrayContaining(numbers([amsterdamShared, amsterdamUnshared, zaanstadShared, zaanstadMisshared])),
    );
  });
});

describe("the staff dossier URLs, asked by a municipality officer", () => {
  const context = () => ({
    ...contextFor(services, "198.51.100.77"),
    requestId: `req-${Math.random().toString(36).slice(2)}`,
  });

  async function deniedRows(requestId: string) {
    return database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "dossier.access_denied"), eq(auditEvents.requestId, requestId)))
      .orderBy(asc(auditEvents.id));
  }

  it("answer an Amsterdam officer 404 for a Zaanstad dossier by number, and record the attempt", async () => {
    const ctx = context();
    const number = zaanstadShared.number;
    const response = await settle(() =>
      dossierLoader({
        request: getRequest(`/behandelaar/dossiers/${number}`, { cookie: amsterdamOfficer.cookie }),
        context: ctx,
        params: { number },
      }),
    );
    expect((response as Response).status).toBe(404);
    const [row, ...more] = await deniedRows(ctx.requestId);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      actorUserId: amsterdamOfficer.user.id,
      actorRole: "municipality_officer",
      subjectType: "dossier_number",
      subjectId: number,
      ip: "198.51.100.77",
      details: { route: "dossier", number },
    });
  });

  it("answer an Amsterdam officer 404 for a Zaanstad attachment by id, and record the attempt", async () => {
    const ctx = context();
    const number = zaanstadShared.number;
    const attachmentId = zaanstadShared.attachments[0]!.id;
    const response = await settle(() =>
      downloadLoader({
        request: getRequest(`/behandelaar/dossiers/${number}/bijlagen/${attachmentId}`, {
          cookie: amsterdamOfficer.cookie,
        }),
        context: ctx,
        params: { number, attachmentId },
      }),
    );
    expect((response as Response).status).toBe(404);
    expect(await deniedRows(ctx.requestId)).toEqual([
      expect.objectContaining({
        actorUserId: amsterdamOfficer.user.id,
        actorRole: "municipality_officer",
        subjectType: "attachment",
        subjectId: attachmentId,
        details: { route: "attachment", number, attachmentId },
      }),
    ]);
    // Nothing was downloaded.
    const downloads = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "dossier.attachment_downloaded"));
    expect(downloads.filter((r) => r.details?.attachmentId === attachmentId)).toEqual([]);
  });

  it("answer 404 with a record also for the officer's own shared dossier, its audit page and a post to it", async () => {
    const number = amsterdamShared.number;
    const shared = attachment(amsterdamShared, "Antwoord gemeente.pdf").id;
    const cookie = amsterdamOfficer.cookie;
    const attempts: [string, () => Promise<unknown>, Record<string, unknown>][] = [
      [
        "page",
        () =>
          dossierLoader({
            request: getRequest(`/behandelaar/dossiers/${number}`, { cookie }),
            context: ctxs.page!,
            params: { number },
          }),
        { route: "dossier", number },
      ],
      [
        "download",
        () =>
          downloadLoader({
            request: getRequest(`/behandelaar/dossiers/${number}/bijlagen/${shared}`, { cookie }),
            context: ctxs.download!,
            params: { number, attachmentId: shared },
          }),
        { route: "attachment", number, attachmentId: shared },
      ],
      [
        "audit",
        () =>
          auditLoader({
            request: getRequest(`/behandelaar/dossiers/${number}/audit`, { cookie }),
            context: ctxs.audit!,
            params: { number },
          }),
        { route: "audit", number },
      ],
      [
        "post",
        () =>
          dossierAction({
            request: postForm(
              `/behandelaar/dossiers/${number}`,
              services,
              { intent: "add_note", note: "Van de gemeente" },
              { cookie },
            ),
            context: ctxs.post!,
            params: { number },
          }),
        { route: "dossier.action", number },
      ],
    ];
    const ctxs: Record<string, ReturnType<typeof context>> = Object.fromEntries(
      attempts.map(([name]) => [name, context()]),
    );
    for (const [name, attempt, details] of attempts) {
      expect(((await settle(attempt)) as Response).status, name).toBe(404);
      expect(await deniedRows(ctxs[name]!.requestId), name).toEqual([
        expect.objectContaining({ actorUserId: amsterdamOfficer.user.id, actorRole: "municipality_officer", details }),
      ]);
    }
    const notes = await database.db.select().from(dossierNotes).where(eq(dossierNotes.dossierId, amsterdamShared.id));
    expect(notes.map((n) => n.body)).toEqual(["Intern"]);
  });

  it("show a coordinator the refused attempts on a dossier in its audit log", async () => {
    const ctx = context();
    const number = zaanstadMisshared.number;
    const attachmentId = zaanstadMisshared.attachments[0]!.id;
    await settle(() =>
      dossierLoader({
        request: getRequest(`/behandelaar/dossiers/${number}`, { cookie: zaanstadOfficer.cookie }),
        context: ctx,
        params: { number },
      }),
    );
    await settle(() =>
      downloadLoader({
        request: getRequest(`/behandelaar/dossiers/${number}/bijlagen/${attachmentId}`, {
          cookie: amsterdamOfficer.cookie,
        }),
        context: ctx,
        params: { number, attachmentId },
      }),
    );
    const log = await getDossierAuditLog(database.db, {
      actor: { id: coordinator.user.id, role: "coordinator" },
      number,
      page: 1,
    });
    expect(log?.entries.filter((e) => e.requestId === ctx.requestId).map((e) => [e.action, e.actorRole])).toEqual([
      ["dossier.access_denied", "municipality_officer"],
      ["dossier.access_denied", "municipality_officer"],
    ]);
  });

  it("record a staff member's look-up of a number that does not exist, and answer 404", async () => {
    const ctx = context();
    const response = await settle(() =>
      dossierLoader({
        request: getRequest("/behandelaar/dossiers/OMA-2026-99999", { cookie: handler.cookie }),
        context: ctx,
        params: { number: "OMA-2026-99999" },
      }),
    );
    expect((response as Response).status).toBe(404);
    expect(await deniedRows(ctx.requestId)).toEqual([
      expect.objectContaining({ actorRole: "case_handler", subjectId: "OMA-2026-99999" }),
    ]);
  });

  it("record what was asked without the control characters PostgreSQL refuses", async () => {
    const ctx = context();
    const number = "OMA-2026-\u000000001";
    const response = await settle(() =>
      dossierLoader({
        request: getRequest("/behandelaar/dossiers/x", { cookie: amsterdamOfficer.cookie }),
        context: ctx,
        params: { number },
      }),
    );
    expect((response as Response).status).toBe(404);
    expect(await deniedRows(ctx.requestId)).toEqual([expect.objectContaining({ subjectId: "OMA-2026-\uFFFD00001" })]);
  });
});
