import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import type { CaseworkActor, CommandScope } from "#app/dossiers/casework/command.server";
import { sendRequest } from "#app/dossiers/casework/request.server";
import { shareDossier } from "#app/dossiers/casework/share.server";
import { municipalityFigures } from "#app/portal/figures.server";
import { answerRequest } from "#app/portal/requests.server";
import { loader as portalCsv } from "#app/routes/gemeente.cijfers[.]csv";
import { loader as coordinatorPage } from "#app/routes/behandelaar.gemeentecijfers";
import { dossiers, municipalityRequests } from "#db/schema/index";
import { contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createDossier, createUser } from "#test/support/factories";
import { asResponse } from "#test/support/intake";

/**
 * A municipality's figures per year (issue 12): the officer sees only their own municipality and
 * only the dossiers shared with it; the coordinator sees every municipality; requests count as on
 * time or late by their due date, and the average answer time is in calendar days.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let clock = new Date("2026-03-02T10:00:00Z");
let handler: CaseworkActor;
let officer: CaseworkActor & { municipalityId: string };

const words = (o: { name: string }, link: string) => ({ subject: "x", text: `${o.name} ${link}` });
const scope = (number: string): CommandScope => ({ ctx: contextFor(services), actor: handler, number });

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => clock });
  const h = await createUser(database.db, { role: "case_handler" });
  handler = { id: h.id, role: h.role, name: h.name };
  const o = await createUser(database.db, { role: "municipality_officer", municipalityId: "amsterdam" });
  officer = { id: o.id, role: o.role, name: o.name, municipalityId: "amsterdam" };
});

afterAll(async () => {
  await database.destroy();
});

async function requestAnsweredAfter(days: number) {
  clock = new Date("2026-03-02T10:00:00Z");
  const d = await createDossier(database.db, services.storage, {
    municipalityId: "amsterdam",
    submittedAt: new Date("2026-02-20T10:00:00Z"),
  });
  await shareDossier(scope(d.number), { attachmentIds: [] }, words);
  await sendRequest(
    scope(d.number),
    { requestKind: "information", questions: "Vraag", documentsWanted: "", termWeeks: 2, pause: null },
    words,
  );
  const [request] = await database.db
    .select({ id: municipalityRequests.id, dueOn: municipalityRequests.dueOn })
    .from(municipalityRequests)
    .where(eq(municipalityRequests.dossierId, d.id));
  clock = new Date(Date.parse("2026-03-02T10:00:00Z") + days * 86_400_000);
  const result = await answerRequest(
    { ctx: contextFor(services), actor: officer, number: d.number },
    { requestId: request!.id, answerText: "Antwoord", documents: [] },
    words,
  );
  expect(result).toEqual({ ok: true });
  return d;
}

describe("a municipality's figures", () => {
  it("counts the shared dossiers and how the requests were answered, for the officer's own municipality only", async () => {
    await requestAnsweredAfter(10); // due 16 March: on time
    await requestAnsweredAfter(20); // late
    const closed = await requestAnsweredAfter(14); // on the due date: on time
    await database.db
      .update(dossiers)
      .set({ status: "closed", outcome: "resolved_after_intervention", closedAt: clock })
      .where(eq(dossiers.id, closed.id));
    // Not shared: the officer does not count it; the coordinator does.
    await createDossier(database.db, services.storage, {
      municipalityId: "amsterdam",
      submittedAt: new Date("2026-02-21T10:00:00Z"),
    });
    await createDossier(database.db, services.storage, {
      municipalityId: "zaanstad",
      submittedAt: new Date("2026-02-21T10:00:00Z"),
    });

    const mine = await municipalityFigures(database.db, officer, { year: 2026, today: "2026-04-01" });
    expect(mine).toEqual([
      {
        municipalityId: "amsterdam",
        municipality: "Amsterdam",
        dossiers: 3,
        closed: 1,
        outcomes: { resolved_after_intervention: 1 },
        requests: 3,
        answeredOnTime: 2,
        answeredLate: 1,
        open: 0,
        overdue: 0,
        averageAnswerDays: 14.7,
        followUps: 0,
        followUpsAnswered: 0,
      },
    ]);
    expect(await municipalityFigures(database.db, officer, { year: 2025, today: "2026-04-01" })).toMatchObject([
      { dossiers: 0, requests: 0, averageAnswerDays: null },
    ]);

    const all = await municipalityFigures(database.db, handler, { year: 2026, today: "2026-04-01" });
    expect(all.length).toBeGreaterThan(2);
    expect(all.find((r) => r.municipalityId === "amsterdam")).toMatchObject({ dossiers: 4, requests: 3 });
    expect(all.find((r) => r.municipalityId === "zaanstad")).toMatchObject({ dossiers: 1, requests: 0 });
  });

  it("is a CSV for the officer and a page for the coordinator only", async () => {
    const { id } = await createSession(contextFor(services), officer.id, getRequest("/inloggen"));
    const csv = asResponse(
      await settle(() =>
        portalCsv({
          request: getRequest("/gemeente/cijfers.csv?jaar=2026", { cookie: `oma_session=${id}` }),
          context: contextFor(services),
          params: {},
        }),
      ),
    );
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Amsterdam;3;1;1;/);

    const denied = asResponse(
      await settle(() =>
        coordinatorPage({
          request: getRequest("/behandelaar/gemeentecijfers", { cookie: `oma_session=${id}` }),
          context: contextFor(services),
          params: {},
        }),
      ),
    );
    expect(denied.status).toBe(403);
  });
});
