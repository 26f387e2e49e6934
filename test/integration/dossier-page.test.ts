import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import { getDossierForStaff } from "#app/dossiers/queries.server";
import { loader as downloadLoader } from "#app/routes/behandelaar.dossiers.$number.bijlagen.$attachmentId";
import { loader as dossierLoader } from "#app/routes/behandelaar.dossiers.$number/route";
import { createDossier, createUser, type CreatedDossier } from "#test/support/factories";
import { auditEvents } from "#db/schema/index";
import { contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let handlerCookie: string;
let handlerId: string;
let officerCookie: string;
let dossier: CreatedDossier;
let other: CreatedDossier;

const PDF_BYTES = Buffer.from("%PDF-1.4\n% antwoord van de gemeente\n%%EOF\n");
const HTML_BYTES = Buffer.from("<!doctype html><script>fetch('/behandelaar')</script>");
const SVG_BYTES = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const COMPLAINT = "Ik heb drie keer gebeld.\nNiemand belde terug.\n\nOok mijn brief bleef onbeantwoord.";

async function signedIn(role: "case_handler" | "coordinator" | "municipality_officer", municipalityId?: string) {
  const user = await createUser(database.db, { role, municipalityId });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { user, cookie: `oma_session=${id}` };
}

function viewDossier(number: string, cookie?: string, context = contextFor(services)) {
  const request = getRequest(`/behandelaar/dossiers/${number}`, { cookie });
  return settle(() => dossierLoader({ request, context, params: { number } }));
}

function download(number: string, attachmentId: string, cookie?: string, context = contextFor(services)) {
  const request = getRequest(`/behandelaar/dossiers/${number}/bijlagen/${attachmentId}`, { cookie });
  return settle(() => downloadLoader({ request, context, params: { number, attachmentId } }));
}

function attachmentOf(d: CreatedDossier, fileName: string) {
  const found = d.attachments.find((a) => a.fileName === fileName);
  if (!found) throw new Error(`no attachment ${fileName}`);
  return found;
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Five days after submission: the contact deadline is nine days away.
  services = createTestServices(database, { now: () => new Date("2026-04-25T10:00:00Z") });
  const handler = await signedIn("case_handler");
  handlerCookie = handler.cookie;
  handlerId = handler.user.id;
  officerCookie = (await signedIn("municipality_officer", "zaanstad")).cookie;

  // The municipality's six weeks end on Saturday 4 April 2026; Easter Monday is the 6th.
  dossier = await createDossier(database.db, services.storage, {
    municipalityId: "zaanstad",
    submittedAt: new Date("2026-04-20T09:30:00Z"),
    complaintReceivedOn: "2026-02-21",
    answeredOn: null,
    complaintText: COMPLAINT,
    incidentPlace: "Stadhuis Zaandam",
    incidentDate: "2026-02-10",
    peopleInvolved: null,
    desiredOutcome: "Een gesprek met de afdelingsmanager",
    complainant: { name: "Anna Jansen", street: "Westzijde", houseNumber: "5", postcode: "1506 EA", city: "Zaandam" },
    representative: {
      name: "Bram Bakker",
      email: "bram@example.test",
      phone: "075 123 4567",
      preferredChannel: "phone",
    },
    attachments: [
      {
        category: "original_complaint",
        fileName: "Klacht aan Zaanstad.pdf",
        contentType: "application/pdf",
        body: PDF_BYTES,
      },
      { category: "evidence", fileName: "pagina.html", contentType: "text/html", body: HTML_BYTES },
      { category: "evidence", fileName: "tekening.svg", contentType: "image/svg+xml", body: SVG_BYTES },
      { category: "mandate", fileName: 'Machtiging "Anna" ü.pdf', contentType: "application/pdf", body: PDF_BYTES },
    ],
  });
  other = await createDossier(database.db, services.storage, { submittedAt: new Date("2026-04-22T12:00:00Z") });
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

describe("the dossier page", () => {
  it("shows a case handler everything the resident submitted", async () => {
    const data = await viewDossier(dossier.number, handlerCookie);
    if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
    const d = data.dossier;
    expect(d.number).toMatch(/^OMA-2026-\d{5}$/);
    expect(d).toMatchObject({
      status: "received",
      municipalityName: "Zaanstad",
      topic: "conduct",
      complaintText: COMPLAINT,
      incidentPlace: "Stadhuis Zaandam",
      incidentDate: "2026-02-10",
      peopleInvolved: null,
      desiredOutcome: "Een gesprek met de afdelingsmanager",
      byRepresentative: true,
      contactDueOn: "2026-05-04",
    });
    expect(d.complainant).toMatchObject({
      name: "Anna Jansen",
      street: "Westzijde",
      houseNumber: "5",
      postcode: "1506 EA",
      city: "Zaandam",
    });
    expect(d.representative).toMatchObject({
      name: "Bram Bakker",
      email: "bram@example.test",
      phone: "075 123 4567",
      preferredChannel: "phone",
    });
    expect(d.eligibility).toMatchObject({
      complainedToMunicipality: true,
      complaintReceivedOn: "2026-02-21",
      answeredOn: null,
      handlingWeeks: 6,
      outcome: "eligible",
      ground: "no_timely_answer",
      nominalDeadline: "2026-04-04",
      handlingDeadline: "2026-04-07",
      windowEndsOn: "2027-04-07",
      skippedDays: [
        { day: "2026-04-04", reason: "saturday" },
        { day: "2026-04-05", reason: "sunday" },
        { day: "2026-04-06", reason: "holiday", name: "Tweede Paasdag" },
      ],
    });
    expect(data.contactDays).toBe(9);
    expect(d.attachments.map((a) => [a.category, a.fileName, a.size])).toEqual([
      ["original_complaint", "Klacht aan Zaanstad.pdf", PDF_BYTES.length],
      ["evidence", "pagina.html", HTML_BYTES.length],
      ["evidence", "tekening.svg", SVG_BYTES.length],
      ["mandate", 'Machtiging "Anna" ü.pdf', PDF_BYTES.length],
    ]);
    expect(JSON.stringify(data)).not.toContain("attachments/");
    expect(d.events.map((e) => e.type)).toEqual(["submitted"]);
  });

  it("is open to a coordinator too", async () => {
    const { cookie } = await signedIn("coordinator");
    const data = await viewDossier(other.number, cookie);
    expect(data).not.toBeInstanceOf(Response);
  });

  it("sends a visitor without a session to the sign-in page and back", async () => {
    const response = (await viewDossier(dossier.number)) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/inloggen?terug=${encodeURIComponent(`/behandelaar/dossiers/${dossier.number}`)}`,
    );
  });

  it("refuses a municipality officer, even of the municipality concerned, as if the dossier did not exist", async () => {
    const response = (await viewDossier(dossier.number, officerCookie)) as Response;
    expect(response.status).toBe(404);
  });

  it("answers 404 for a number that does not exist", async () => {
    for (const number of ["OMA-2026-99999", "OMA-2026-1", "../../etc/passwd"]) {
      const response = (await viewDossier(number, handlerCookie)) as Response;
      expect(response.status, number).toBe(404);
    }
  });

  it("records every view with the user, the address and the request", async () => {
    const context = { ...contextFor(services, "198.51.100.23"), requestId: "req-view-1" };
    await viewDossier(other.number, handlerCookie, context);
    await viewDossier(other.number, handlerCookie, { ...context, requestId: "req-view-2" });
    const rows = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "dossier.viewed"), eq(auditEvents.subjectId, other.id)));
    const mine = rows.filter((r) => r.ip === "198.51.100.23");
    expect(mine.map((r) => r.requestId).sort()).toEqual(["req-view-1", "req-view-2"]);
    for (const row of mine) {
      expect(row).toMatchObject({ actorUserId: handlerId, actorRole: "case_handler", subjectType: "dossier" });
    }
  });

  it("writes no view record when access is refused", async () => {
    await viewDossier(dossier.number, officerCookie);
    await viewDossier(dossier.number);
    const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "dossier.viewed"));
    expect(rows.every((r) => r.actorUserId !== null && r.actorRole !== "municipality_officer")).toBe(true);
  });
});

describe("the queries themselves", () => {
  it("give nothing to anyone who is not staff, whatever the route does", async () => {
    const officer = { id: "00000000-0000-0000-0000-000000000000", role: "municipality_officer" as const };
    expect(await getDossierForStaff(database.db, { number: dossier.number, actor: officer })).toBeNull();
  });
});

describe("downloading an attachment", () => {
  it("streams the exact bytes as a download that the browser may not sniff", async () => {
    const pdf = attachmentOf(dossier, "Klacht aan Zaanstad.pdf");
    const response = (await download(dossier.number, pdf.id, handlerCookie)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(
      "attachment; filename=\"Klacht aan Zaanstad.pdf\"; filename*=UTF-8''Klacht%20aan%20Zaanstad.pdf",
    );
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("Content-Length")).toBe(String(PDF_BYTES.length));
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF_BYTES)).toBe(true);
  });

  it("keeps quotes and non-ASCII out of the plain file name", async () => {
    const mandate = attachmentOf(dossier, 'Machtiging "Anna" ü.pdf');
    const response = (await download(dossier.number, mandate.id, handlerCookie)) as Response;
    expect(response.headers.get("Content-Disposition")).toBe(
      "attachment; filename=\"Machtiging Anna u.pdf\"; filename*=UTF-8''Machtiging%20Anna%20%C3%BC.pdf",
    );
    await response.body?.cancel();
  });

  it("serves an uploaded HTML or SVG file as bytes, never as a page", async () => {
    for (const [name, bytes] of [
      ["pagina.html", HTML_BYTES],
      ["tekening.svg", SVG_BYTES],
    ] as const) {
      const response = (await download(dossier.number, attachmentOf(dossier, name).id, handlerCookie)) as Response;
      expect(response.headers.get("Content-Type"), name).toBe("application/octet-stream");
      expect(response.headers.get("Content-Disposition"), name).toMatch(/^attachment;/);
      expect(response.headers.get("X-Content-Type-Options"), name).toBe("nosniff");
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes), name).toBe(true);
    }
  });

  it("answers 404 for an attachment of another dossier, or one that does not exist", async () => {
    const foreign = other.attachments[0];
    if (!foreign) throw new Error("the other dossier has no attachment");
    for (const id of [foreign.id, "6f1c2a9e-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const response = (await download(dossier.number, id, handlerCookie)) as Response;
      expect(response.status, id).toBe(404);
    }
  });

  it("refuses a visitor without a session and a municipality officer", async () => {
    const id = attachmentOf(dossier, "Klacht aan Zaanstad.pdf").id;
    expect(((await download(dossier.number, id)) as Response).status).toBe(302);
    expect(((await download(dossier.number, id, officerCookie)) as Response).status).toBe(404);
  });

  it("records every download with the attachment", async () => {
    const id = attachmentOf(dossier, "tekening.svg").id;
    const before = await downloadsOf(id);
    const context = { ...contextFor(services, "192.0.2.44"), requestId: "req-download" };
    for (let i = 0; i < 2; i++)
      await ((await download(dossier.number, id, handlerCookie, context)) as Response).arrayBuffer();
    const after = await downloadsOf(id);
    expect(after.length - before.length).toBe(2);
    expect(after.at(-1)).toMatchObject({
      actorUserId: handlerId,
      actorRole: "case_handler",
      subjectType: "dossier",
      subjectId: dossier.id,
      ip: "192.0.2.44",
      requestId: "req-download",
    });
  });
});

describe("dossier numbers", () => {
  it("are sequential per year and unique when dossiers arrive at the same moment", async () => {
    const submittedAt = new Date("2026-04-23T08:00:00Z");
    const created = await Promise.all(
      Array.from({ length: 5 }, () => createDossier(database.db, services.storage, { submittedAt, attachments: [] })),
    );
    const sequences = created.map((d) => d.sequence).sort((a, b) => a - b);
    expect(new Set(created.map((d) => d.number)).size).toBe(5);
    expect(sequences.at(-1)! - sequences[0]!).toBe(4);
    expect(sequences[0]).toBeGreaterThan(other.sequence);
  });
});

async function downloadsOf(attachmentId: string) {
  const rows = await database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, "dossier.attachment_downloaded"))
    .orderBy(auditEvents.id);
  return rows.filter((r) => r.details?.attachmentId === attachmentId);
}
