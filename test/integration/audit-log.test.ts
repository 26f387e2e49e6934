import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import { parseAuditFilter } from "#app/dossiers/audit-filter";
import { auditLogChunks, listAuditLog } from "#app/dossiers/audit-log.server";
import { loader as globalLoader } from "#app/routes/behandelaar.audit";
import { loader as csvLoader } from "#app/routes/behandelaar.audit[.]csv";
import { loader as dossierAuditLoader } from "#app/routes/behandelaar.dossiers.$number_.audit";
import { loader as dossierLoader } from "#app/routes/behandelaar.dossiers.$number/route";
import { loader as downloadLoader } from "#app/routes/behandelaar.dossiers.$number.bijlagen.$attachmentId";
import { auditEvents } from "#db/schema/index";
import { createDossier, createUser, type CreatedDossier } from "#test/support/factories";
import { contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let coordinator: { id: string; cookie: string };
let handler: { id: string; cookie: string };
let officer: { id: string; cookie: string };
let target: CreatedDossier;
const MISSING = "OMA-2026-99999";
const NOW = new Date("2026-05-20T10:00:00Z");

async function signedIn(role: "case_handler" | "coordinator" | "municipality_officer", name: string) {
  const user = await createUser(database.db, { role, name });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { id: user.id, cookie: `oma_session=${id}` };
}

const ctx = (requestId: string) => ({ ...contextFor(services, "198.51.100.9"), requestId });

function globalPage(search: string, cookie: string) {
  return settle(() =>
    globalLoader({
      request: getRequest(`/behandelaar/audit${search}`, { cookie }),
      context: ctx("req-page"),
      params: {},
    }),
  );
}

async function page(search: string, cookie = coordinator.cookie) {
  const data = await globalPage(search, cookie);
  if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
  return data;
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => NOW });
  coordinator = await signedIn("coordinator", "Karim Coördinator");
  handler = await signedIn("case_handler", "Sanne Behandelaar");
  officer = await signedIn("municipality_officer", "Petra Klachtencoördinator");
  target = await createDossier(database.db, services.storage, {
    submittedAt: new Date("2026-05-01T08:00:00Z"),
    attachments: [
      {
        category: "municipality_answer",
        fileName: "antwoord-gemeente.pdf",
        contentType: "application/pdf",
        body: "%PDF-1.4 x",
      },
    ],
  });
  const attachmentId = target.attachments[0]!.id;
  const get = (path: string, cookie: string, requestId: string) => ({
    request: getRequest(path, { cookie }),
    context: ctx(requestId),
  });
  // A download by the handler; refusals: the officer on the staff pages, the handler on a number that does not exist.
  const download = await settle(() =>
    downloadLoader({
      ...get(`/behandelaar/dossiers/${target.number}/bijlagen/${attachmentId}`, handler.cookie, "req-download"),
      params: { number: target.number, attachmentId },
    }),
  );
  expect((download as Response).status).toBe(200);
  await (download as Response).body?.cancel();
  for (const [path, params, requestId] of [
    [`/behandelaar/dossiers/${target.number}`, { number: target.number }, "req-denied-dossier"],
    [
      `/behandelaar/dossiers/${target.number}/bijlagen/${attachmentId}`,
      { number: target.number, attachmentId },
      "req-denied-attachment",
    ],
  ] as const) {
    const args = { ...get(path, officer.cookie, requestId), params };
    const answer = await settle<unknown>(() => ("attachmentId" in params ? downloadLoader(args) : dossierLoader(args)));
    expect((answer as Response).status).toBe(404);
  }
  expect(
    (
      (await settle(() =>
        dossierLoader({
          ...get(`/behandelaar/dossiers/${MISSING}`, handler.cookie, "req-missing"),
          params: { number: MISSING },
        }),
      )) as Response
    ).status,
  ).toBe(404);
  // An old entry, for the period filter: 31 December 2025 at 23:30 in Amsterdam.
  await database.db.insert(auditEvents).values({
    at: new Date("2025-12-31T22:30:00Z"),
    actorUserId: coordinator.id,
    actorRole: "coordinator",
    action: "overview.viewed",
    requestId: "req-old",
  });
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

describe("a dossier's audit log", () => {
  it("is linked from the dossier page for the coordinator only", async () => {
    const asCoordinator = await settle(() =>
      dossierLoader({
        request: getRequest(`/behandelaar/dossiers/${target.number}`, { cookie: coordinator.cookie }),
        context: ctx("x"),
        params: { number: target.number },
      }),
    );
    const asHandler = await settle(() =>
      dossierLoader({
        request: getRequest(`/behandelaar/dossiers/${target.number}`, { cookie: handler.cookie }),
        context: ctx("x"),
        params: { number: target.number },
      }),
    );
    expect((asCoordinator as { auditLog: string | null }).auditLog).toBe(
      `/behandelaar/dossiers/${target.number}/audit`,
    );
    expect((asHandler as { auditLog: string | null }).auditLog).toBeNull();
  });

  it("names the downloaded document and shows the refused attempts on the dossier", async () => {
    const data = await settle(() =>
      dossierAuditLoader({
        request: getRequest(`/behandelaar/dossiers/${target.number}/audit`, { cookie: coordinator.cookie }),
        context: ctx("y"),
        params: { number: target.number },
      }),
    );
    if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
    const byRequest = Object.fromEntries(data.entries.map((e) => [e.requestId, e]));
    expect(byRequest["req-download"]).toMatchObject({
      action: "dossier.attachment_downloaded",
      actorName: "Sanne Behandelaar",
      fileName: "antwoord-gemeente.pdf",
      attachmentId: target.attachments[0]!.id,
    });
    expect(byRequest["req-denied-dossier"]).toMatchObject({
      action: "dossier.access_denied",
      actorName: "Petra Klachtencoördinator",
      actorRole: "municipality_officer",
      deniedRoute: "dossier",
      number: target.number,
    });
    expect(byRequest["req-denied-attachment"]).toMatchObject({
      deniedRoute: "attachment",
      fileName: "antwoord-gemeente.pdf",
    });
    expect(byRequest["req-missing"]).toBeUndefined();
  });
});

describe("the global audit log", () => {
  it("lists every entry, also a refused attempt on a number that does not exist", async () => {
    const data = await page("?actie=dossier.access_denied");
    expect(data.entries.map((e) => e.requestId).sort()).toEqual([
      "req-denied-attachment",
      "req-denied-dossier",
      "req-missing",
    ]);
    expect(data.entries.find((e) => e.requestId === "req-missing")).toMatchObject({
      number: MISSING,
      actorName: "Sanne Behandelaar",
      deniedRoute: "dossier",
    });
    expect(data.total).toBe(3);
  });

  it("filters by who and by an Amsterdam period, and records the reading", async () => {
    const byOfficer = await page(`?gebruiker=${officer.id}`);
    expect(byOfficer.entries.map((e) => e.action)).toEqual(["dossier.access_denied", "dossier.access_denied"]);
    const lastYear = await page("?van=2025-12-31&tot=2025-12-31");
    expect(lastYear.entries.map((e) => e.requestId)).toEqual(["req-old"]);
    expect((await page("?van=2026-01-01&actie=overview.viewed")).total).toBe(0);
    const noUser = await page("?gebruiker=geen");
    expect(noUser.entries.every((e) => e.actorName === null)).toBe(true);
    const bad = await page("?van=morgen&gebruiker=x");
    expect(bad.problems).toEqual(["invalid_actor", "invalid_date"]);
    const [viewed] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "audit.viewed"))
      .limit(1);
    expect(viewed).toMatchObject({ actorUserId: coordinator.id, subjectType: "audit_log" });
  });

  it("is the coordinator's only", async () => {
    expect(((await globalPage("", handler.cookie)) as Response).status).toBe(403);
    expect(((await globalPage("", officer.cookie)) as Response).status).toBe(403);
    const csv = await settle(() =>
      csvLoader({
        request: getRequest("/behandelaar/audit.csv", { cookie: handler.cookie }),
        context: ctx("z"),
        params: {},
      }),
    );
    expect((csv as Response).status).toBe(403);
    const actor = { id: handler.id, role: "case_handler" as const };
    const filter = parseAuditFilter(new URLSearchParams()).filter;
    expect(await listAuditLog(database.db, { actor, filter })).toBeNull();
    expect(auditLogChunks(database.db, { actor, filter })).toBeNull();
  });

  it("reads every entry once in chunks, newest first", async () => {
    const actor = { id: coordinator.id, role: "coordinator" as const };
    const filter = parseAuditFilter(new URLSearchParams()).filter;
    const all = await listAuditLog(database.db, { actor, filter });
    const chunked: number[] = [];
    for await (const chunk of auditLogChunks(database.db, { actor, filter, chunkSize: 2 })!)
      chunked.push(...chunk.map((e) => e.id));
    expect(chunked).toEqual(all!.entries.map((e) => e.id));
    expect(new Set(chunked).size).toBe(all!.total);
  });

  it("exports the filtered entries as CSV and records the export with its count", async () => {
    const response = await settle(() =>
      csvLoader({
        request: getRequest("/behandelaar/audit.csv?actie=dossier.access_denied", { cookie: coordinator.cookie }),
        context: ctx("req-export"),
        params: {},
      }),
    );
    if (!(response instanceof Response)) throw new Error("no response");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="auditlog-2026-05-20.csv"');
    const text = await response.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Tijdstip;Wie;Rol;Handeling;Code;Dossier;Document;Geweigerd verzoek;IP-adres;Verzoek-id");
    expect(lines).toHaveLength(4);
    const missing = lines.find((l) => l.includes("req-missing"))!;
    expect(missing).toContain(
      `Sanne Behandelaar;behandelaar;Geweigerd: buiten de bevoegdheid van deze gebruiker;dossier.access_denied;${MISSING};;Gevraagd: het dossier`,
    );
    expect(lines.find((l) => l.includes("req-denied-attachment"))).toContain(
      "antwoord-gemeente.pdf;Gevraagd: een bijlage",
    );
    const [exported] = await database.db.select().from(auditEvents).where(eq(auditEvents.requestId, "req-export"));
    expect(exported).toMatchObject({ action: "audit.exported", actorUserId: coordinator.id, details: { rows: 3 } });
  });
});
