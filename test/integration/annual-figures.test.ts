import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import { loader as figuresLoader } from "#app/routes/behandelaar.jaarcijfers/route";
import { loader as csvLoader } from "#app/routes/behandelaar.jaarcijfers[.]csv";
import { auditEvents, dossierPauses, dossiers } from "#db/schema/index";
import { createDossier, createUser, type NewDossierInput } from "#test/support/factories";
import { contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let coordinator: { id: string; cookie: string };
let handlerCookie: string;
let handlerId: string;

/** As of 20 May 2026. Handling targets: submission day + 91 (the factory's 13 weeks). */
const NOW = new Date("2026-05-20T10:00:00Z");

type Case = NewDossierInput & {
  closedAt?: Date;
  outcome?: string;
  pause?: { startedOn: string; endedOn: string | null };
};

async function signedIn(role: "case_handler" | "coordinator", name: string) {
  const user = await createUser(database.db, { role, name });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { id: user.id, cookie: `oma_session=${id}` };
}

function view(search: string, cookie = coordinator.cookie) {
  return settle(() =>
    figuresLoader({
      request: getRequest(`/behandelaar/jaarcijfers${search}`, { cookie }),
      context: contextFor(services),
      params: {},
    }),
  );
}
async function figures(search: string) {
  const data = await view(search);
  if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
  return data;
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => NOW });
  coordinator = await signedIn("coordinator", "Karim Coördinator");
  const handler = await signedIn("case_handler", "Sanne Behandelaar");
  handlerCookie = handler.cookie;
  handlerId = handler.id;
  const cases: Case[] = [
    // Q1 2026, Amsterdam: closed after 30 and 100 days (the second after its target), one with a pause.
    {
      municipalityId: "amsterdam",
      submittedAt: new Date("2026-01-05T09:00:00Z"),
      firstContactAt: new Date("2026-01-10T09:00:00Z"),
      status: "closed",
      closedAt: new Date("2026-02-04T12:00:00Z"),
      outcome: "resolved_after_intervention",
      assigneeId: handler.id,
      pause: { startedOn: "2026-01-20", endedOn: "2026-01-30" },
    },
    {
      municipalityId: "amsterdam",
      submittedAt: new Date("2026-01-06T09:00:00Z"),
      firstContactAt: new Date("2026-01-25T09:00:00Z"),
      status: "closed",
      closedAt: new Date("2026-04-16T12:00:00Z"),
      outcome: "report_with_finding",
      assigneeId: handler.id,
    },
    // Zaanstad, Q1: open, never contacted (overdue); and 23:30 on 31 March Amsterdam time (still Q1), closed after 10 days.
    {
      municipalityId: "zaanstad",
      submittedAt: new Date("2026-02-01T09:00:00Z"),
      status: "intake",
      assigneeId: handler.id,
      pause: { startedOn: "2026-03-01", endedOn: null },
    },
    {
      municipalityId: "zaanstad",
      submittedAt: new Date("2026-03-31T21:30:00Z"),
      firstContactAt: new Date("2026-04-02T09:00:00Z"),
      status: "closed",
      closedAt: new Date("2026-04-10T10:00:00Z"),
      outcome: "withdrawn",
    },
    // 2025: outside every 2026 period.
    {
      municipalityId: "amsterdam",
      submittedAt: new Date("2025-06-01T09:00:00Z"),
      firstContactAt: new Date("2025-06-02T09:00:00Z"),
      status: "closed",
      closedAt: new Date("2025-07-01T09:00:00Z"),
      outcome: "withdrawn",
    },
  ];
  for (const { closedAt, outcome, pause, ...input } of cases) {
    const created = await createDossier(database.db, services.storage, { ...input, attachments: [] });
    if (closedAt) await database.db.update(dossiers).set({ closedAt, outcome }).where(eq(dossiers.id, created.id));
    if (pause)
      await database.db.insert(dossierPauses).values({
        dossierId: created.id,
        reason: "waiting_for_resident",
        explanation: "x",
        createdBy: handler.id,
        ...pause,
      });
  }
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

describe("the annual figures", () => {
  it("count a year: received, first contact, outcomes, handling time, pauses and workload", async () => {
    const data = await figures("?periode=jaar&jaar=2026");
    expect(data.period).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
    expect(data.receivedTotal).toMatchObject({ received: 4, inTime: 2, late: 1, openOverdue: 1, contactShare: 50 });
    const amsterdam = data.received.find((r) => r.municipalityId === "amsterdam");
    expect(amsterdam).toMatchObject({ received: 2, inTime: 1, late: 1 });
    expect(data.outcomes).toEqual([
      { outcome: "report_with_finding", count: 1 },
      { outcome: "resolved_after_intervention", count: 1 },
      { outcome: "withdrawn", count: 1 },
    ]);
    // 10, 30 and 100 days: median 30, 90th percentile 30 + 0.8 × 70 = 86; the 100-day one was late.
    expect(data.handlingTotal).toEqual({
      municipalityId: "",
      municipality: "",
      closed: 3,
      medianDays: 30,
      p90Days: 86,
      withinTarget: 2,
      withinShare: 67,
    });
    expect(data.handling.find((r) => r.municipalityId === "amsterdam")).toMatchObject({
      closed: 2,
      medianDays: 65,
      withinTarget: 1,
    });
    // 10 days ended, and a running one from 1 March up to today (80 days).
    expect(data.pauses).toEqual([{ reason: "waiting_for_resident", count: 2, days: 90 }]);
    expect(data.workload).toEqual([
      { assigneeId: handlerId, name: "Sanne Behandelaar", open: 1, closed: 2 },
      { assigneeId: null, name: null, open: 0, closed: 1 },
    ]);
  });

  it("count a quarter in Amsterdam days and one municipality", async () => {
    const q1 = await figures("?periode=kwartaal&jaar=2026&kwartaal=1");
    expect(q1.receivedTotal.received).toBe(4);
    expect(q1.handlingTotal.closed).toBe(1);
    // The running pause counts to the quarter's last day: 1–31 March is 30 days.
    expect(q1.pauses).toEqual([{ reason: "waiting_for_resident", count: 2, days: 40 }]);
    const zaanstad = await figures("?periode=datums&van=2026-01-01&tot=2026-06-30&gemeente=zaanstad");
    expect(zaanstad.received.map((r) => r.municipalityId)).toEqual(["zaanstad"]);
    expect(zaanstad.receivedTotal).toMatchObject({ received: 2, openOverdue: 1 });
    expect(zaanstad.handlingTotal).toMatchObject({ closed: 1, medianDays: 10, withinShare: 100 });
    expect(zaanstad.outcomes).toEqual([{ outcome: "withdrawn", count: 1 }]);
    const bad = await figures("?periode=datums&van=2026-05-01&tot=2026-04-01");
    expect(bad).toMatchObject({ problem: "from_after_to", period: { from: "2026-01-01" } });
  });

  it("download a table as CSV, audited, and are the coordinator's only", async () => {
    const response = await settle(() =>
      csvLoader({
        request: getRequest("/behandelaar/jaarcijfers.csv?periode=jaar&jaar=2026&tabel=behandelduur", {
          cookie: coordinator.cookie,
        }),
        context: { ...contextFor(services), requestId: "req-csv" },
        params: {},
      }),
    );
    if (!(response instanceof Response)) throw new Error("no response");
    const lines = (await response.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Gemeente;Afgesloten;Mediaan (dagen);90e percentiel (dagen);Binnen de termijn;Binnen de termijn (%)",
    );
    expect(lines).toContain("Amsterdam;2;65;93;1;50");
    expect(lines.at(-1)).toBe("Totaal;3;30;86;2;67");
    const [row] = await database.db.select().from(auditEvents).where(eq(auditEvents.requestId, "req-csv"));
    expect(row).toMatchObject({
      action: "annual_figures.exported",
      details: { from: "2026-01-01", to: "2026-12-31", table: "behandelduur" },
    });
    expect(((await view("", handlerCookie)) as Response).status).toBe(403);
  });
});
