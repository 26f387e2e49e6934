import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import { contactCompliance, getDossierAuditLog, getOverview, wholePercent } from "#app/dossiers/overview.server";
import { loader as auditLoader } from "#app/routes/behandelaar.dossiers.$number_.audit";
import { loader as dossierLoader } from "#app/routes/behandelaar.dossiers.$number/route";
import { loader as overviewLoader } from "#app/routes/behandelaar.overzicht";
import { audit } from "#app/utils/audit.server";
import { createDossier, createUser, type CreatedDossier, type NewDossierInput } from "#test/support/factories";
import { auditEvents } from "#db/schema/index";
import { contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let coordinator: { id: string; cookie: string };
let handler: { id: string; name: string; cookie: string };
let officerCookie: string;
const created = new Map<string, CreatedDossier>();

type Role = "case_handler" | "coordinator" | "municipality_officer";

async function signedIn(role: Role, name?: string) {
  const user = await createUser(database.db, { role, name });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { id: user.id, name: user.name, cookie: `oma_session=${id}` };
}

/** The page as of Wednesday 20 May 2026, 12:00 in Amsterdam. */
const NOW = new Date("2026-05-20T10:00:00Z");

/**
 * Every dossier in this file's database. Months are Amsterdam months: CET (+1) until 29 March
 * 2026, CEST (+2) after. Contact dates are submission day + 14.
 */
const DOSSIERS: Record<string, NewDossierInput> = {
  // March 2026: one contacted on the last evening of its term, one 30 minutes after it (Amsterdam time).
  marchInTime: {
    submittedAt: new Date("2026-03-10T09:00:00Z"),
    status: "intake",
    municipalityId: "amsterdam",
    firstContactAt: new Date("2026-03-24T22:30:00Z"),
  },
  marchLate: {
    submittedAt: new Date("2026-03-10T10:00:00Z"),
    status: "intervention",
    municipalityId: "amsterdam",
    firstContactAt: new Date("2026-03-24T23:30:00Z"),
  },
  // 23:30 on 31 March in Amsterdam: March. Withdrawn before anyone called.
  marchClosedNoContact: { submittedAt: new Date("2026-03-31T21:30:00Z"), status: "closed", municipalityId: "almere" },
  // 00:30 on 1 April in Amsterdam: April, contact date 15 April, nobody called yet.
  aprilOpenOverdue: { submittedAt: new Date("2026-03-31T22:30:00Z"), status: "received", municipalityId: "zaanstad" },
  aprilInTime: {
    submittedAt: new Date("2026-04-20T08:00:00Z"),
    status: "mediation",
    municipalityId: "zaanstad",
    firstContactAt: new Date("2026-04-22T09:00:00Z"),
  },
  aprilClosedLate: {
    submittedAt: new Date("2026-04-02T08:00:00Z"),
    status: "closed",
    municipalityId: "diemen",
    firstContactAt: new Date("2026-04-20T09:00:00Z"),
  },
  // May: contact date 29 May, still to come.
  mayNotYetDue: { submittedAt: new Date("2026-05-15T10:00:00Z"), status: "received", municipalityId: "amstelveen" },
  // The first month of the window: 00:30 on 1 June 2025 in Amsterdam.
  juneFirstMonth: {
    submittedAt: new Date("2025-05-31T22:30:00Z"),
    status: "investigation",
    municipalityId: "amsterdam",
    firstContactAt: new Date("2025-06-02T09:00:00Z"),
  },
  // 23:00 on 31 May 2025 in Amsterdam: just before the window.
  mayBeforeWindow: { submittedAt: new Date("2025-05-31T21:00:00Z"), status: "received", municipalityId: "amsterdam" },
};

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => NOW });
  coordinator = await signedIn("coordinator");
  handler = await signedIn("case_handler", "Sanne Behandelaar");
  officerCookie = (await signedIn("municipality_officer")).cookie;
  for (const [key, input] of Object.entries(DOSSIERS)) {
    created.set(key, await createDossier(database.db, services.storage, { ...input, attachments: [] }));
  }
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

function dossier(key: string): CreatedDossier {
  const found = created.get(key);
  if (!found) throw new Error(`no dossier ${key}`);
  return found;
}

function viewOverview(cookie?: string, context = contextFor(services)) {
  return settle(() =>
    overviewLoader({ request: getRequest("/behandelaar/overzicht", { cookie }), context, params: {} }),
  );
}

function viewAudit(number: string, cookie?: string, search = "", context = contextFor(services)) {
  const request = getRequest(`/behandelaar/dossiers/${number}/audit${search}`, { cookie });
  return settle(() => auditLoader({ request, context, params: { number } }));
}

describe("the coordinator overview", () => {
  it("counts the open dossiers per status and per municipality", async () => {
    const data = await viewOverview(coordinator.cookie);
    if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
    expect(data.byStatus).toEqual([
      { status: "received", count: 3 },
      { status: "intake", count: 1 },
      { status: "intervention", count: 1 },
      { status: "mediation", count: 1 },
      { status: "investigation", count: 1 },
    ]);
    const byMunicipality = Object.fromEntries(data.byMunicipality.map((m) => [m.id, m.count]));
    // Every affiliated municipality is listed, also with none open; closed dossiers never count.
    expect(byMunicipality).toEqual({
      almere: 0,
      amstelveen: 1,
      amsterdam: 4,
      diemen: 0,
      landsmeer: 0,
      "ouder-amstel": 0,
      waterland: 0,
      zaanstad: 2,
    });
    expect(data.byMunicipality.map((m) => m.name)).toEqual(
      [...data.byMunicipality.map((m) => m.name)].sort((a, b) => a.localeCompare(b)),
    );
  });

  it("computes the contact promise per Amsterdam month of submission, over the last 12 months", async () => {
    const data = await viewOverview(coordinator.cookie);
    if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
    expect(data.compliance.map((m) => m.month)).toEqual([
      "2025-06",
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
    ]);
    const month = (key: string) => data.compliance.find((m) => m.month === key);
    expect(month("2026-03")).toEqual({
      month: "2026-03",
      submitted: 3,
      inTime: 1,
      late: 1,
      openOverdue: 0,
      notYetDue: 0,
      closedWithoutContact: 1,
      share: 50,
    });
    expect(month("2026-04")).toEqual({
      month: "2026-04",
      submitted: 3,
      inTime: 1,
      late: 1,
      openOverdue: 1,
      notYetDue: 0,
      closedWithoutContact: 0,
      share: 33,
    });
    expect(month("2026-05")).toEqual({
      month: "2026-05",
      submitted: 1,
      inTime: 0,
      late: 0,
      openOverdue: 0,
      notYetDue: 1,
      closedWithoutContact: 0,
      share: null,
    });
    expect(month("2025-06")).toMatchObject({ submitted: 1, inTime: 1, share: 100 });
    expect(month("2026-02")).toMatchObject({ submitted: 0, share: null });
    // Every dossier but the one of 31 May 2025 (Amsterdam time), just before the window.
    expect(data.compliance.reduce((sum, m) => sum + m.submitted, 0)).toBe(Object.keys(DOSSIERS).length - 1);
  });

  it("counts an overdue dossier as open past the deadline only after its contact date", async () => {
    const actor = { id: coordinator.id, role: "coordinator" as const };
    // On 15 April, the April dossier's contact date, it is still within its term.
    const onDueDate = await contactCompliance(database.db, { actor, today: "2026-04-15" });
    expect(onDueDate?.find((m) => m.month === "2026-04")).toMatchObject({ openOverdue: 0, notYetDue: 1 });
    const dayAfter = await contactCompliance(database.db, { actor, today: "2026-04-16" });
    expect(dayAfter?.find((m) => m.month === "2026-04")).toMatchObject({ openOverdue: 1, notYetDue: 0 });
    expect(dayAfter?.at(-1)?.month).toBe("2026-04");
  });

  it("records that the overview was viewed", async () => {
    const context = { ...contextFor(services, "198.51.100.80"), requestId: "req-overview" };
    await viewOverview(coordinator.cookie, context);
    const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.requestId, "req-overview"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "overview.viewed",
      actorUserId: coordinator.id,
      actorRole: "coordinator",
      ip: "198.51.100.80",
    });
  });

  it("refuses a case handler and a municipality officer, and records nothing for them", async () => {
    expect(((await viewOverview(handler.cookie)) as Response).status).toBe(403);
    expect(((await viewOverview(officerCookie)) as Response).status).toBe(403);
    const response = (await viewOverview()) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/inloggen?terug=${encodeURIComponent("/behandelaar/overzicht")}`);
    const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "overview.viewed"));
    expect(rows.every((r) => r.actorUserId === coordinator.id)).toBe(true);
  });

  it("gives nothing to anyone but a coordinator, whatever the route does", async () => {
    const today = "2026-05-20";
    for (const role of ["case_handler", "municipality_officer"] as const) {
      const actor = { id: handler.id, role };
      expect(await getOverview(database.db, { actor, today })).toBeNull();
      expect(await getDossierAuditLog(database.db, { actor, number: dossier("marchLate").number, page: 1 })).toBeNull();
    }
  });

  it("rounds the share so that 0% and 100% mean exactly none and all", () => {
    expect(wholePercent(199, 200)).toBe(99);
    expect(wholePercent(1, 300)).toBe(1);
    expect(wholePercent(1, 3)).toBe(33);
    expect(wholePercent(0, 0)).toBeNull();
  });
});

describe("a dossier's audit log", () => {
  it("lists the dossier's events newest first with who, what, when, the address and the request", async () => {
    const target = dossier("aprilOpenOverdue");
    const other = dossier("aprilInTime");
    // A case handler views the dossier and the other one; a colleague records something newer.
    await settle(() =>
      dossierLoader({
        request: getRequest(`/behandelaar/dossiers/${target.number}`, { cookie: handler.cookie }),
        context: { ...contextFor(services, "198.51.100.23"), requestId: "req-view" },
        params: { number: target.number },
      }),
    );
    await settle(() =>
      dossierLoader({
        request: getRequest(`/behandelaar/dossiers/${other.number}`, { cookie: handler.cookie }),
        context: contextFor(services, "198.51.100.24"),
        params: { number: other.number },
      }),
    );
    const later = { ...contextFor(services, "2001:db8::7"), requestId: "req-assign" };
    await audit(
      database.db,
      later,
      { id: coordinator.id, role: "coordinator" },
      {
        action: "dossier.assigned",
        subjectType: "dossier",
        subjectId: target.id,
      },
    );
    await audit(database.db, later, null, {
      action: "dossier.something_new",
      subjectType: "dossier",
      subjectId: target.id,
    });

    const context = { ...contextFor(services, "192.0.2.5"), requestId: "req-audit" };
    const data = await viewAudit(target.number, coordinator.cookie, "", context);
    if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
    expect(data.number).toBe(target.number);
    expect(data.total).toBe(3);
    expect(data.entries.map((e) => e.action)).toEqual(["dossier.something_new", "dossier.assigned", "dossier.viewed"]);
    expect(data.entries[1]).toMatchObject({
      actorName: "Karim Coördinator",
      actorRole: "coordinator",
      ip: "2001:db8::7",
      requestId: "req-assign",
    });
    expect(data.entries[2]).toMatchObject({
      actorName: "Sanne Behandelaar",
      actorRole: "case_handler",
      ip: "198.51.100.23",
      requestId: "req-view",
    });
    expect(data.entries[0]).toMatchObject({ actorName: null, actorRole: null });

    // Reading the log is recorded, and shows up the next time.
    const [viewed] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "dossier.audit_viewed"), eq(auditEvents.requestId, "req-audit")));
    expect(viewed).toMatchObject({
      actorUserId: coordinator.id,
      actorRole: "coordinator",
      subjectType: "dossier",
      subjectId: target.id,
      ip: "192.0.2.5",
    });
    const again = await viewAudit(target.number, coordinator.cookie);
    if (again instanceof Response) throw new Error(`unexpected ${again.status}`);
    expect(again.entries[0]).toMatchObject({ action: "dossier.audit_viewed", ip: "192.0.2.5", requestId: "req-audit" });
  });

  it("pages by 50", async () => {
    const target = dossier("mayNotYetDue");
    const context = contextFor(services);
    for (let i = 0; i < 55; i++) {
      await audit(
        database.db,
        { ...context, requestId: `req-${i}` },
        { id: handler.id, role: "case_handler" },
        {
          action: "dossier.viewed",
          subjectType: "dossier",
          subjectId: target.id,
        },
      );
    }
    const first = await viewAudit(target.number, coordinator.cookie);
    if (first instanceof Response) throw new Error(`unexpected ${first.status}`);
    expect(first).toMatchObject({ total: 55, page: 1, pages: 2 });
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]?.requestId).toBe("req-54");
    const second = await viewAudit(target.number, coordinator.cookie, "?pagina=2");
    if (second instanceof Response) throw new Error(`unexpected ${second.status}`);
    // The first view's own record is now the newest, so page 2 starts one further on.
    expect(second).toMatchObject({ total: 56, page: 2, pages: 2 });
    expect(second.entries.map((e) => e.requestId)).toEqual(["req-5", "req-4", "req-3", "req-2", "req-1", "req-0"]);
    const nonsense = await viewAudit(target.number, coordinator.cookie, "?pagina=abc");
    if (nonsense instanceof Response) throw new Error(`unexpected ${nonsense.status}`);
    expect(nonsense.page).toBe(1);
  });

  it("refuses anyone but a coordinator and records nothing for them", async () => {
    const target = dossier("marchLate");
    expect(((await viewAudit(target.number, handler.cookie)) as Response).status).toBe(403);
    expect(((await viewAudit(target.number, officerCookie)) as Response).status).toBe(404);
    expect(((await viewAudit(target.number)) as Response).status).toBe(302);
    const rows = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "dossier.audit_viewed"), eq(auditEvents.subjectId, target.id)));
    expect(rows).toHaveLength(0);
  });

  it("answers 404 for a dossier that does not exist", async () => {
    for (const number of ["OMA-2026-99999", "nonsense"]) {
      expect(((await viewAudit(number, coordinator.cookie)) as Response).status, number).toBe(404);
    }
  });
});
