import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createSession, getUser } from "#app/auth/session.server";
import type { CaseworkActor, CommandScope } from "#app/dossiers/casework/command.server";
import { setVisibility } from "#app/dossiers/casework/document.server";
import { shareDossier } from "#app/dossiers/casework/share.server";
import { action as accountsAction, loader as accountsLoader } from "#app/routes/behandelaar.gemeenteaccounts";
import { loader as dossierLoader } from "#app/routes/gemeente.dossiers.$number";
import { loader as documentLoader } from "#app/routes/gemeente.dossiers.$number.documenten.$documentId";
import { loader as accessLogLoader } from "#app/routes/gemeente.toegangslog";
import { audit } from "#app/utils/audit.server";
import { auditEvents, sessions, users } from "#db/schema/index";
import { createDossier, createUser } from "#test/support/factories";
import { contextFor, createTestServices, getRequest, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { asResponse, locationOf, PDF_BYTES } from "#test/support/intake";

/**
 * Looking after the portal: a municipality reads who of its own officers saw what of the dossiers
 * shared with it, and a coordinator switches an officer's account off.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let handler: CaseworkActor;
type Signed = { id: string; name: string; cookie: string };
let petra: Signed;
let jan: Signed;
let zaanstad: Signed;
let coordinator: Signed;
let caseHandler: Signed;

async function signIn(
  role: "municipality_officer" | "coordinator" | "case_handler",
  name: string,
  municipalityId?: string,
): Promise<Signed> {
  const user = await createUser(database.db, { role, name, municipalityId });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { id: user.id, name, cookie: `oma_session=${id}` };
}

const mail = (o: { name: string }, link: string) => ({ subject: "Gedeeld", text: `${o.name}: ${link}` });
const scopeOf = (number: string): CommandScope => ({ ctx: contextFor(services), actor: handler, number });
const pdf = (fileName: string) => ({
  category: "evidence" as const,
  fileName,
  contentType: "application/pdf",
  body: PDF_BYTES,
});

const view = (who: Signed, number: string) =>
  settle(() =>
    dossierLoader({
      request: getRequest(`/gemeente/dossiers/${number}`, { cookie: who.cookie }),
      context: contextFor(services),
      params: { number },
    }),
  );
const download = async (who: Signed, number: string, documentId: string) => {
  const res = asResponse(
    await settle(() =>
      documentLoader({
        request: getRequest(`/gemeente/dossiers/${number}/documenten/${documentId}`, { cookie: who.cookie }),
        context: contextFor(services),
        params: { number, documentId },
      }),
    ),
  );
  expect(res.status).toBe(200);
  await res.arrayBuffer();
};

type Log = {
  number: string | null;
  numberInvalid: boolean;
  total: number;
  entries: { officerName: string; action: string; number: string; fileName: string | null }[];
};
const accessLog = async (who: Signed, search = "") =>
  (await settle(() =>
    accessLogLoader({
      request: getRequest(`/gemeente/toegangslog${search}`, { cookie: who.cookie }),
      context: contextFor(services),
      params: {},
    }),
  )) as Log | Response;
const lines = (log: Log | Response) => (log as Log).entries.map((e) => [e.officerName, e.action, e.number, e.fileName]);

type Accounts = { accounts: { id: string; name: string; municipalityName: string; active: boolean }[] };
const accounts = (who: Signed, search = "") =>
  settle(() =>
    accountsLoader({
      request: getRequest(`/behandelaar/gemeenteaccounts${search}`, { cookie: who.cookie }),
      context: contextFor(services),
      params: {},
    }),
  );
const deactivate = (who: Signed, fields: Record<string, string>, options: { csrf?: boolean } = {}) =>
  settle(() =>
    accountsAction({
      request: postForm("/behandelaar/gemeenteaccounts", services, fields, { cookie: who.cookie, ...options }),
      context: contextFor(services),
      params: {},
    }),
  );
const deactivations = (userId: string) =>
  database.db
    .select({ actorUserId: auditEvents.actorUserId, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "account.deactivated"), eq(auditEvents.subjectId, userId)));
const isActive = async (userId: string) =>
  (await database.db.select({ active: users.active }).from(users).where(eq(users.id, userId)))[0]?.active;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => new Date("2026-04-25T10:00:00Z") });
  const h = await createUser(database.db, { role: "case_handler", name: "Sanne de Behandelaar" });
  handler = { id: h.id, role: h.role, name: h.name };
  petra = await signIn("municipality_officer", "Petra Amsterdam", "amsterdam");
  jan = await signIn("municipality_officer", "Jan Amsterdam", "amsterdam");
  zaanstad = await signIn("municipality_officer", "Zeynep Zaanstad", "zaanstad");
  coordinator = await signIn("coordinator", "Karim Coördinator");
  caseHandler = await signIn("case_handler", "Bram Behandelaar");
});

afterAll(async () => {
  await database.destroy();
});

describe("the municipality's access log", () => {
  it("shows its own officers' views and downloads of shared dossiers, newest first, and nothing else", async () => {
    const shared = await createDossier(database.db, services.storage, {
      municipalityId: "amsterdam",
      attachments: [pdf("brief.pdf"), pdf("medisch.pdf")],
    });
    const [letter, medical] = shared.attachments;
    const notShared = await createDossier(database.db, services.storage, { municipalityId: "amsterdam" });
    const inZaanstad = await createDossier(database.db, services.storage, { municipalityId: "zaanstad" });
    expect(await shareDossier(scopeOf(shared.number), { attachmentIds: [letter!.id, medical!.id] }, mail)).toEqual({
      ok: true,
    });
    expect(await shareDossier(scopeOf(inZaanstad.number), { attachmentIds: [] }, mail)).toEqual({ ok: true });

    expect(await accessLog(petra)).toMatchObject({ total: 0, entries: [] });

    await view(petra, shared.number);
    await download(petra, shared.number, letter!.id);
    await download(petra, shared.number, medical!.id);
    await view(jan, shared.number);
    // A refused look-up of a dossier never shared is audited, but about a number, not a dossier.
    expect(asResponse(await view(petra, notShared.number)).status).toBe(404);
    await view(zaanstad, inZaanstad.number);
    const ctx = contextFor(services);
    // Rows the scope must leave out: staff's, another municipality's officer's, a dossier not shared.
    await audit(database.db, ctx, handler, { action: "dossier.viewed", subjectType: "dossier", subjectId: shared.id });
    await audit(
      database.db,
      ctx,
      { id: zaanstad.id, role: "municipality_officer" },
      {
        action: "dossier.viewed",
        subjectType: "dossier",
        subjectId: shared.id,
      },
    );
    await audit(
      database.db,
      ctx,
      { id: petra.id, role: "municipality_officer" },
      {
        action: "dossier.viewed",
        subjectType: "dossier",
        subjectId: notShared.id,
      },
    );
    // Made ombudsman-only after the download: the log no longer names it.
    expect(
      await setVisibility(scopeOf(shared.number), {
        attachmentId: medical!.id,
        visibility: "internal",
        visibilityReason: "De gemeente vroeg het stuk niet te delen.",
      }),
    ).toEqual({
      ok: true,
    });

    const log = await accessLog(jan);
    expect(lines(log)).toEqual([
      ["Jan Amsterdam", "dossier.viewed", shared.number, null],
      ["Petra Amsterdam", "dossier.attachment_downloaded", shared.number, null],
      ["Petra Amsterdam", "dossier.attachment_downloaded", shared.number, "brief.pdf"],
      ["Petra Amsterdam", "dossier.viewed", shared.number, null],
    ]);
    expect(log).toMatchObject({ total: 4, number: null, numberInvalid: false });
    // Reading the log is audited, and does not show up in it.
    expect(lines(await accessLog(jan))).toHaveLength(4);

    expect(lines(await accessLog(zaanstad))).toEqual([["Zeynep Zaanstad", "dossier.viewed", inZaanstad.number, null]]);

    // By dossier number, typed in any case.
    const other = await createDossier(database.db, services.storage, { municipalityId: "amsterdam" });
    expect(await shareDossier(scopeOf(other.number), { attachmentIds: [] }, mail)).toEqual({ ok: true });
    await view(jan, other.number);
    expect(lines(await accessLog(petra))).toHaveLength(5);
    const filtered = await accessLog(petra, `?nummer=${encodeURIComponent(` ${other.number.toLowerCase()} `)}`);
    expect(filtered).toMatchObject({ number: other.number, total: 1 });
    expect(lines(filtered)).toEqual([["Jan Amsterdam", "dossier.viewed", other.number, null]]);
    expect(await accessLog(petra, `?nummer=${inZaanstad.number}`)).toMatchObject({ total: 0, entries: [] });
    expect(await accessLog(petra, "?nummer=zaak-12")).toMatchObject({ numberInvalid: true, total: 0, entries: [] });
    expect(await accessLog(petra, "?pagina=2")).toMatchObject({ total: 5, entries: [] });
  });

  it("is for municipality officers only", async () => {
    expect(asResponse(await accessLog(caseHandler)).status).toBe(403);
    expect(asResponse(await accessLog(coordinator)).status).toBe(403);
  });
});

describe("the coordinator's list of municipality accounts", () => {
  it("deactivates an officer: signed out at once, no longer signed in, and audited with the reason", async () => {
    const leaving = await signIn("municipality_officer", "Lotte Vertrokken", "amsterdam");
    const secondBrowser = await createSession(contextFor(services), leaving.id, getRequest("/inloggen"));
    const listed = (await accounts(coordinator)) as Accounts;
    expect(listed.accounts.find((a) => a.id === leaving.id)).toMatchObject({
      name: "Lotte Vertrokken",
      municipalityName: "Amsterdam",
      active: true,
      secondFactor: false,
      lastLoginAt: null,
    });
    expect(listed.accounts.map((a) => a.name)).toEqual(expect.arrayContaining(["Petra Amsterdam", "Zeynep Zaanstad"]));
    expect(listed.accounts.map((a) => a.id)).not.toContain(caseHandler.id);
    expect(await getUser(getRequest("/gemeente", { cookie: leaving.cookie }), contextFor(services))).toMatchObject({
      id: leaving.id,
    });

    const done = await deactivate(coordinator, { userId: leaving.id, reason: "Werkt niet meer bij de gemeente" });
    expect(locationOf(done)).toBe(`/behandelaar/gemeenteaccounts?gedaan=gedeactiveerd&account=${leaving.id}`);
    expect(await isActive(leaving.id)).toBe(false);
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, leaving.id))).toEqual([]);
    expect(await getUser(getRequest("/gemeente", { cookie: leaving.cookie }), contextFor(services))).toBeNull();
    const portal = asResponse(await accessLog(leaving));
    expect(portal.status).toBe(302);
    expect(portal.headers.get("Location")).toMatch(/^\/inloggen\?/);
    expect(
      await getUser(getRequest("/gemeente", { cookie: `oma_session=${secondBrowser.id}` }), contextFor(services)),
    ).toBeNull();
    expect(await deactivations(leaving.id)).toEqual([
      {
        actorUserId: coordinator.id,
        details: {
          reason: "Werkt niet meer bij de gemeente",
          role: "municipality_officer",
          municipalityId: "amsterdam",
        },
      },
    ]);

    const after = (await accounts(coordinator, `?gedaan=gedeactiveerd&account=${leaving.id}`)) as Accounts & {
      done: unknown;
    };
    expect(after.accounts.find((a) => a.id === leaving.id)).toMatchObject({ active: false });
    expect(after.done).toEqual({ kind: "gedeactiveerd", name: "Lotte Vertrokken" });

    // Once more: nothing changes, nothing new in the audit.
    const again = await deactivate(coordinator, { userId: leaving.id, reason: "Nog een keer" });
    expect(locationOf(again)).toBe(`/behandelaar/gemeenteaccounts?gedaan=al-gedeactiveerd&account=${leaving.id}`);
    expect(await deactivations(leaving.id)).toHaveLength(1);
  });

  it("asks for a reason: a 400 with the message at the field, and the account stays active", async () => {
    const refused = (await deactivate(coordinator, { userId: petra.id, reason: "   " })) as {
      data: { userId: string; errors: Record<string, string> };
      init: { status: number };
    };
    expect(refused.init.status).toBe(400);
    expect(refused.data).toMatchObject({
      userId: petra.id,
      errors: { reason: "Vul in waarom u dit account deactiveert." },
    });
    expect(await isActive(petra.id)).toBe(true);
    expect(await deactivations(petra.id)).toEqual([]);
  });

  it("refuses a post without the CSRF token, and anything but a municipality officer's account", async () => {
    expect(asResponse(await deactivate(coordinator, { userId: petra.id, reason: "x" }, { csrf: false })).status).toBe(
      403,
    );
    expect(asResponse(await deactivate(coordinator, { userId: caseHandler.id, reason: "x" })).status).toBe(404);
    expect(asResponse(await deactivate(coordinator, { userId: "not-a-user", reason: "x" })).status).toBe(404);
    expect(await isActive(petra.id)).toBe(true);
    expect(await isActive(caseHandler.id)).toBe(true);
  });

  it("is the coordinator's: a case handler or an officer cannot reach it", async () => {
    expect(asResponse(await accounts(caseHandler)).status).toBe(403);
    expect(asResponse(await accounts(petra)).status).toBe(403);
    expect(asResponse(await deactivate(caseHandler, { userId: petra.id, reason: "Weg ermee" })).status).toBe(403);
    expect(await isActive(petra.id)).toBe(true);
    expect(await deactivations(petra.id)).toEqual([]);
  });
});
