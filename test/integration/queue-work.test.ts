/**
 * The work queue's sortable columns, signals, closed dossiers found by a search, saved personal
 * views and the bulk assignment, through the queue page's loader and action on a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import { listQueue, parseQueueFilter } from "#app/dossiers/queue.server";
import { action as queueAction, loader as queueLoader } from "#app/routes/behandelaar._index/route";
import { createDossier, createUser, type CreatedDossier, type NewDossierInput } from "#test/support/factories";
import {
  auditEvents,
  dossierEvents,
  dossierPauses,
  dossiers,
  municipalityRequests,
  residentQuestions,
  savedQueueViews,
  type User,
} from "#db/schema/index";
import { contextFor, createTestServices, getRequest, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let handler: User;
let colleague: User;
let coordinator: User;
const cookies: Record<string, string> = {};

const NOW = new Date("2026-04-25T10:00:00Z");
const TODAY = "2026-04-25";
const d: Record<string, CreatedDossier> = {};
const n = (...keys: string[]) => keys.map((k) => d[k]!.number);

async function signedIn(role: "case_handler" | "coordinator" | "municipality_officer", name: string) {
  const user = await createUser(database.db, { role, name });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  cookies[user.id] = `oma_session=${id}`;
  return user;
}

const dossier = (input: NewDossierInput) =>
  createDossier(database.db, services.storage, { attachments: [], municipalityId: "diemen", ...input });

async function numbersOf(query: string, actor: User = handler) {
  const filter = parseQueueFilter(new URL(`http://localhost/behandelaar${query}`));
  const result = await listQueue(database.db, { actor, filter, today: TODAY });
  return result!.rows.map((r) => r.number);
}

function visit(query: string, user: User = handler) {
  return settle(() =>
    queueLoader({
      request: getRequest(`/behandelaar${query}`, { cookie: cookies[user.id] }),
      context: contextFor(services),
      params: {},
    }),
  );
}

function post(fields: Record<string, string | string[]>, user: User = handler) {
  return settle(() =>
    queueAction({
      request: postForm("/behandelaar", services, fields, { cookie: cookies[user.id] }),
      context: contextFor(services),
      params: {},
    }),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => NOW });
  handler = await signedIn("case_handler", "Mila de Wit");
  colleague = await signedIn("case_handler", "Tom Pieters");
  coordinator = await signedIn("coordinator", "Cor Dinator");

  // Contact deadlines: submission + 14 days.
  d.P = await dossier({ submittedAt: new Date("2026-04-10T09:00:00Z"), complainant: { name: "Pia Pauze" } });
  d.Q = await dossier({
    submittedAt: new Date("2026-04-08T09:00:00Z"),
    complainant: { name: "Quinten Vraag" },
    municipalityId: "almere",
    status: "intake",
  });
  d.R = await dossier({
    submittedAt: new Date("2026-04-12T09:00:00Z"),
    complainant: { name: "Rosa Verzoek" },
    assigneeId: colleague.id,
  });
  d.S = await dossier({
    submittedAt: new Date("2026-04-05T09:00:00Z"),
    complainant: { name: "Sam Stil" },
    municipalityId: "amstelveen",
    status: "mediation",
  });
  d.X = await dossier({
    submittedAt: new Date("2026-02-02T09:00:00Z"),
    complainant: { name: "Xander Afgerond" },
    status: "closed",
  });

  const sent = {
    sentAt: NOW,
    sentOn: TODAY,
    termWeeks: 2,
    nominalDueOn: "2026-05-09",
    skippedDays: [],
    dueOn: "2026-05-11",
  };
  // P: the clock is paused (a pause that has not ended); S had a pause that ended.
  await database.db.insert(dossierPauses).values([
    {
      dossierId: d.P.id,
      reason: "waiting_for_resident",
      explanation: "-",
      startedOn: "2026-04-20",
      createdBy: handler.id,
    },
    {
      dossierId: d.S.id,
      reason: "waiting_for_resident",
      explanation: "-",
      startedOn: "2026-04-10",
      endedOn: "2026-04-15",
      createdBy: handler.id,
    },
  ]);
  // Q: a question to the resident open; S: one answered.
  await database.db.insert(residentQuestions).values([
    { dossierId: d.Q.id, questions: "?", sentBy: handler.id, ...sent },
    { dossierId: d.S.id, questions: "?", sentBy: handler.id, ...sent, status: "answered" },
  ]);
  // R: a request to the municipality open.
  await database.db.insert(municipalityRequests).values({
    dossierId: d.R.id,
    municipalityId: "diemen",
    kind: "information",
    questions: "?",
    sentBy: handler.id,
    ...sent,
  });
  // S: something new from the resident.
  await database.db.update(dossiers).set({ residentNewsAt: NOW }).where(eq(dossiers.id, d.S.id));
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

describe("sortable columns", () => {
  it("sorts on deadline, submission, number, municipality and status, both ways", async () => {
    // Deadlines: S 19 Apr, Q 22 Apr, P 24 Apr, R 26 Apr.
    expect(await numbersOf("")).toEqual(n("S", "Q", "P", "R"));
    expect(await numbersOf("?richting=af")).toEqual(n("R", "P", "Q", "S"));
    expect(await numbersOf("?sorteer=ingediend")).toEqual(n("R", "P", "Q", "S"));
    expect(await numbersOf("?sorteer=ingediend&richting=op")).toEqual(n("S", "Q", "P", "R"));
    expect(await numbersOf("?sorteer=nummer")).toEqual(n("P", "Q", "R", "S"));
    expect(await numbersOf("?sorteer=nummer&richting=af")).toEqual(n("S", "R", "Q", "P"));
    // Almere, Amstelveen, Diemen (P before R by deadline).
    expect(await numbersOf("?sorteer=gemeente")).toEqual(n("Q", "S", "P", "R"));
    expect(await numbersOf("?sorteer=gemeente&richting=af")).toEqual(n("R", "P", "S", "Q"));
    // In the order of the workflow: received (by deadline), intake, mediation.
    expect(await numbersOf("?sorteer=status")).toEqual(n("P", "R", "Q", "S"));
  });

  it("gives the page the sort it shows in the headers", async () => {
    const data = await visit("?sorteer=gemeente&richting=af");
    if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
    expect(data.filter).toMatchObject({ sorteer: "gemeente", richting: "af" });
  });
});

describe("signals", () => {
  it("marks each row with a paused clock, an open request, an open question and news from the resident", async () => {
    const data = await visit("");
    if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
    const marks = Object.fromEntries(
      data.rows.map((r) => [r.number, [r.paused, r.requestOpen, r.questionOpen, r.residentNews]]),
    );
    expect(marks).toEqual({
      [d.P!.number]: [true, false, false, false],
      [d.Q!.number]: [false, false, true, false],
      [d.R!.number]: [false, true, false, false],
      // The ended pause and the answered question leave no mark.
      [d.S!.number]: [false, false, false, true],
    });
  });

  it("filters on each signal, within the views", async () => {
    expect(await numbersOf("?signaal=gepauzeerd")).toEqual(n("P"));
    expect(await numbersOf("?signaal=verzoek")).toEqual(n("R"));
    expect(await numbersOf("?signaal=vraag")).toEqual(n("Q"));
    expect(await numbersOf("?signaal=nieuw")).toEqual(n("S"));
    expect(await numbersOf("?signaal=verzoek&weergave=unassigned")).toEqual([]);
    expect(await numbersOf("?signaal=gepauzeerd&weergave=unassigned")).toEqual(n("P"));
  });
});

describe("closed dossiers", () => {
  it("are found by number or name when 'closed' is chosen, and only then", async () => {
    expect(await numbersOf("?status=closed")).toEqual([]);
    expect(await numbersOf(`?status=closed&zoek=${d.X!.number}`)).toEqual(n("X"));
    expect(await numbersOf("?status=closed&zoek=xander")).toEqual(n("X"));
    // An open dossier is not among the closed ones, and the closed one is never in the open queue.
    expect(await numbersOf("?status=closed&zoek=pia")).toEqual([]);
    expect(await numbersOf("?zoek=xander")).toEqual([]);
  });

  it("tell the page a search is needed when none was given", async () => {
    const data = await visit("?status=closed");
    if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
    expect(data.needsSearch).toBe(true);
    expect(data.total).toBe(0);
  });
});

describe("saved views", () => {
  it("saves the current filters under a name for this user only, lists them and deletes them", async () => {
    const saved = await post({
      intent: "save-view",
      name: "Mijn pauzes",
      query: "?signaal=gepauzeerd&onzin=1&pagina=3",
    });
    expect(saved).toEqual({ kind: "saved", outcome: "saved", name: "Mijn pauzes" });
    const again = await post({ intent: "save-view", name: "Mijn pauzes", query: "?signaal=gepauzeerd&sorteer=nummer" });
    expect(again).toMatchObject({ outcome: "replaced" });

    const mine = await visit("");
    if (mine instanceof Response) throw new Error(`unexpected ${mine.status}`);
    // Normalised: unknown parameters and the page dropped.
    expect(mine.savedViews).toEqual([
      { id: expect.any(String), name: "Mijn pauzes", query: "?signaal=gepauzeerd&sorteer=nummer" },
    ]);
    const theirs = await visit("", colleague);
    if (theirs instanceof Response) throw new Error(`unexpected ${theirs.status}`);
    expect(theirs.savedViews).toEqual([]);

    // Another person cannot delete it: not found.
    const id = mine.savedViews[0]!.id;
    expect(((await post({ intent: "delete-view", id }, colleague)) as Response).status).toBe(404);
    expect(await post({ intent: "delete-view", id })).toEqual({ kind: "deleted" });
    expect(await database.db.select().from(savedQueueViews).where(eq(savedQueueViews.userId, handler.id))).toEqual([]);
  });

  it("refuses a view without a name", async () => {
    expect(await post({ intent: "save-view", name: "  ", query: "" })).toEqual({ kind: "save-invalid" });
  });
});

describe("bulk assignment", () => {
  it("lets a handler take the unassigned ones only, and says which were refused and why", async () => {
    const result = await post({ intent: "take", dossier: n("P", "R", "X") });
    expect(result).toEqual({
      kind: "bulk",
      result: {
        assigned: n("P"),
        refused: [
          { number: d.R!.number, code: "forbidden" },
          { number: d.X!.number, code: "closed" },
        ],
      },
    });
    const [p] = await database.db.select().from(dossiers).where(eq(dossiers.id, d.P!.id));
    expect(p!.assigneeId).toBe(handler.id);
    // Each one through the assign command: its event and audit row.
    const events = await database.db
      .select()
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, d.P!.id), eq(dossierEvents.type, "assigned")));
    expect(events).toHaveLength(1);
    const audits = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "dossier.assigned"));
    expect(audits.map((a) => a.subjectId)).toEqual([d.P!.id]);
  });

  it("refuses a handler who gives dossiers to someone else", async () => {
    const result = await post({ intent: "assign", dossier: n("Q"), assigneeId: colleague.id });
    expect(result).toEqual({
      kind: "bulk",
      result: { assigned: [], refused: [{ number: d.Q!.number, code: "forbidden" }] },
    });
  });

  it("lets a coordinator assign any to anyone", async () => {
    const result = await post({ intent: "assign", dossier: n("Q", "R", "P"), assigneeId: colleague.id }, coordinator);
    expect(result).toEqual({
      kind: "bulk",
      result: { assigned: n("Q", "P"), refused: [{ number: d.R!.number, code: "assignee-same" }] },
    });
    expect(await numbersOf(`?behandelaar=${colleague.id}&sorteer=nummer`)).toEqual(n("P", "Q", "R"));
  });

  it("asks for a selection and an assignee", async () => {
    expect(await post({ intent: "take" })).toEqual({ kind: "bulk-empty" });
    expect(await post({ intent: "assign", dossier: n("S") }, coordinator)).toEqual({ kind: "bulk-no-assignee" });
  });

  it("refuses a post without a valid CSRF token and anyone who is not staff", async () => {
    const noToken = await settle(() =>
      queueAction({
        request: postForm(
          "/behandelaar",
          services,
          { intent: "take", dossier: n("S") },
          { cookie: cookies[handler.id], csrf: false },
        ),
        context: contextFor(services),
        params: {},
      }),
    );
    expect((noToken as Response).status).toBe(403);
    const officer = await signedIn("municipality_officer", "Olga Officier");
    expect(((await post({ intent: "take", dossier: n("S") }, officer)) as Response).status).toBe(403);
    const [s] = await database.db.select().from(dossiers).where(eq(dossiers.id, d.S!.id));
    expect(s!.assigneeId).toBeNull();
  });
});
