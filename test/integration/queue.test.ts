import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import { listQueue, listQueueRows, PAGE_SIZE, parseQueueFilter, type QueueFilter } from "#app/dossiers/queue.server";
import { loader as queueLoader } from "#app/routes/behandelaar._index/route";
import { loader as exportLoader } from "#app/routes/behandelaar.export[.]csv";
import { createDossier, createUser, type CreatedDossier, type NewDossierInput } from "#test/support/factories";
import { auditEvents, dossiers, type User } from "#db/schema/index";
import { contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let me: User;
let colleague: User;
let myCookie: string;
let coordinatorCookie: string;
let officerCookie: string;

// Today is Saturday 25 April 2026 in Amsterdam.
const NOW = new Date("2026-04-25T10:00:00Z");
const TODAY = "2026-04-25";

/** The main set, by the letter each test refers to; the deadlines are in the comments. */
const d: Record<string, CreatedDossier> = {};

async function signedIn(role: "case_handler" | "coordinator" | "municipality_officer", name?: string) {
  const user = await createUser(database.db, { role, name });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { user, cookie: `oma_session=${id}` };
}

/** A dossier with a recorded first contact and this handling target, so the queue works to the target. */
async function withHandlingTarget(input: NewDossierInput, handlingDueOn: string): Promise<CreatedDossier> {
  const created = await createDossier(database.db, services.storage, {
    ...input,
    firstContactAt: new Date(input.submittedAt!.getTime() + 2 * 86_400_000),
    attachments: [],
  });
  await database.db.update(dossiers).set({ handlingDueOn }).where(eq(dossiers.id, created.id));
  return created;
}

function openDossier(input: NewDossierInput) {
  return createDossier(database.db, services.storage, { attachments: [], ...input });
}

const filterOf = (query = "") => parseQueueFilter(new URL(`http://localhost/behandelaar${query}`));

async function queue(query = "", actor: { id: string; role: User["role"] } = me) {
  const result = await listQueue(database.db, { actor, filter: filterOf(query), today: TODAY });
  if (!result) throw new Error("not staff");
  return result;
}

async function numbersOf(query = "") {
  return (await queue(query)).rows.map((r) => r.number);
}

function visit(query = "", cookie = myCookie) {
  return settle(() =>
    queueLoader({ request: getRequest(`/behandelaar${query}`, { cookie }), context: contextFor(services), params: {} }),
  );
}

function exportCsv(query = "", cookie = myCookie) {
  return settle(() =>
    exportLoader({
      request: getRequest(`/behandelaar/export.csv${query}`, { cookie }),
      context: contextFor(services),
      params: {},
    }),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => NOW });
  const mine = await signedIn("case_handler", "Mila de Wit");
  me = mine.user;
  myCookie = mine.cookie;
  colleague = (await signedIn("case_handler", "Tom Pieters")).user;
  coordinatorCookie = (await signedIn("coordinator")).cookie;
  officerCookie = (await signedIn("municipality_officer")).cookie;

  // Contact deadline 19 April: six days overdue. Mine.
  d.A = await openDossier({
    submittedAt: new Date("2026-04-05T09:00:00Z"),
    complainant: { name: "Fatima el Amrani" },
    assigneeId: me.id,
  });
  // Contact deadline 26 April: tomorrow. Unassigned.
  d.B = await openDossier({ submittedAt: new Date("2026-04-12T09:00:00Z"), complainant: { name: "Jan de Vries" } });
  // Contact deadline 25 April: today. The colleague's.
  d.C = await openDossier({
    submittedAt: new Date("2026-04-11T12:00:00Z"),
    complainant: { name: "Amro Fathi" },
    assigneeId: colleague.id,
  });
  // Contact deadline 15 April passed, but the first contact was made: the target of 1 May counts. Mine.
  d.D = await withHandlingTarget(
    {
      submittedAt: new Date("2026-04-01T09:00:00Z"),
      complainant: { name: "Sanne Bakker" },
      assigneeId: me.id,
      status: "intake",
    },
    "2026-05-01",
  );
  // Contact deadline 4 May: in nine days. Zaanstad, unassigned.
  d.E = await openDossier({
    submittedAt: new Date("2026-04-20T09:30:00Z"),
    municipalityId: "zaanstad",
    complainant: { name: "Anna Jansen" },
  });
  // Handling target 1 July. Almere, the colleague's, under investigation.
  d.F = await withHandlingTarget(
    {
      submittedAt: new Date("2026-04-02T09:00:00Z"),
      municipalityId: "almere",
      complainant: { name: "Fatima Yilmaz" },
      assigneeId: colleague.id,
      status: "investigation",
    },
    "2026-07-01",
  );
  // Closed: overdue, mine and matching the searches, yet never in the queue.
  d.G = await openDossier({
    submittedAt: new Date("2026-04-03T09:00:00Z"),
    complainant: { name: "Fatima el Amrani" },
    assigneeId: me.id,
    status: "closed",
  });
  // Handling target 20 April: five days overdue. Unassigned, in mediation.
  d.H = await withHandlingTarget(
    { submittedAt: new Date("2026-01-20T09:00:00Z"), complainant: { name: "Noor Amrani" }, status: "mediation" },
    "2026-04-20",
  );
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

const n = (...keys: string[]) => keys.map((k) => d[k]!.number);

describe("the work queue", () => {
  it("lists the open dossiers by the deadline they are worked to, the earliest first", async () => {
    const result = await queue();
    expect(result.rows.map((r) => r.number)).toEqual(n("A", "H", "C", "B", "D", "E", "F"));
    expect(result.rows.map((r) => [r.dueOn, r.dueKind])).toEqual([
      ["2026-04-19", "contact"],
      ["2026-04-20", "handling"],
      ["2026-04-25", "contact"],
      ["2026-04-26", "contact"],
      ["2026-05-01", "handling"],
      ["2026-05-04", "contact"],
      ["2026-07-01", "handling"],
    ]);
    expect(result.rows[0]).toMatchObject({
      municipality: "Amsterdam",
      complainant: "Fatima el Amrani",
      status: "received",
      assignee: "Mila de Wit",
    });
    expect(result.rows.find((r) => r.number === d.E!.number)).toMatchObject({
      municipality: "Zaanstad",
      assignee: null,
      assigneeId: null,
    });
    expect(result.total).toBe(7);
    expect(result.pages).toBe(1);
  });

  it("sorts by submission, the newest first, when asked", async () => {
    expect(await numbersOf("?sorteer=nieuwste")).toEqual(n("E", "B", "C", "A", "F", "D", "H"));
  });

  it("gives each quick view exactly its dossiers, and counts them all", async () => {
    const expected: Record<string, string[]> = {
      all: n("A", "H", "C", "B", "D", "E", "F"),
      mine: n("A", "D"),
      overdue: n("A", "H"),
      // Today up to and including 2 May; not the overdue ones.
      week: n("C", "B", "D"),
      unassigned: n("H", "B", "E"),
    };
    const { counts } = await queue();
    expect(counts).toEqual({
      all: 7,
      mine: 2,
      overdue: 2,
      week: 3,
      unassigned: 3,
      municipality: 0,
      municipality_overdue: 0,
      resident: 0,
      resident_overdue: 0,
      resident_new: 0,
      follow_up: 0,
    });
    for (const [view, numbers] of Object.entries(expected)) {
      const result = await queue(`?weergave=${view}`);
      expect(
        result.rows.map((r) => r.number),
        view,
      ).toEqual(numbers);
      expect(result.total, view).toBe(numbers.length);
      expect(result.counts, view).toEqual(counts);
    }
  });

  it("shows a colleague's own dossiers as theirs under 'mine'", async () => {
    const result = await listQueue(database.db, { actor: colleague, filter: filterOf("?weergave=mine"), today: TODAY });
    expect(result?.rows.map((r) => r.number)).toEqual(n("C", "F"));
  });

  it("filters by status, municipality and assignee, and counts the views within the filter", async () => {
    expect(await numbersOf("?status=intake")).toEqual(n("D"));
    expect(await numbersOf("?status=mediation")).toEqual(n("H"));
    expect(await numbersOf("?gemeente=zaanstad")).toEqual(n("E"));
    expect(await numbersOf("?gemeente=almere&status=investigation")).toEqual(n("F"));
    expect(await numbersOf(`?behandelaar=${colleague.id}`)).toEqual(n("C", "F"));
    expect(await numbersOf(`?behandelaar=${colleague.id}&weergave=week`)).toEqual(n("C"));
    expect((await queue("?gemeente=zaanstad")).counts).toEqual({
      all: 1,
      mine: 0,
      overdue: 0,
      week: 0,
      unassigned: 1,
      municipality: 0,
      municipality_overdue: 0,
      resident: 0,
      resident_overdue: 0,
      resident_new: 0,
      follow_up: 0,
    });
    expect((await queue(`?behandelaar=${me.id}`)).counts).toEqual({
      all: 2,
      mine: 2,
      overdue: 1,
      week: 1,
      unassigned: 0,
      municipality: 0,
      municipality_overdue: 0,
      resident: 0,
      resident_overdue: 0,
      resident_new: 0,
      follow_up: 0,
    });
  });

  it("ignores filter values it does not know instead of failing", async () => {
    const all = n("A", "H", "C", "B", "D", "E", "F");
    expect(await numbersOf("?status=afgesloten&signaal=alles&richting=zijwaarts")).toEqual(all);
    expect(await numbersOf("?weergave=alles&sorteer=willekeurig&pagina=-3&behandelaar=niet-een-id")).toEqual(all);
    expect(await numbersOf("?gemeente=utrecht")).toEqual([]);
  });

  it("finds a dossier by its full number, by a short number and by the start of the complainant's names", async () => {
    const e = d.E!.number;
    const [, year, seq] = /^OMA-(\d{4})-(\d{5})$/.exec(e)!;
    expect(await numbersOf(`?zoek=${e}`)).toEqual([e]);
    expect(await numbersOf(`?zoek=${e.toLowerCase()}`)).toEqual([e]);
    expect(await numbersOf(`?zoek=${year}-${Number(seq)}`)).toEqual([e]);
    expect(await numbersOf(`?zoek=${encodeURIComponent(`${year} ${seq}`)}`)).toEqual([e]);
    expect(await numbersOf(`?zoek=${Number(seq)}`)).toEqual([e]);
    // A year alone lists that year's open dossiers.
    expect(await numbersOf(`?zoek=OMA-${year}`)).toEqual(n("A", "H", "C", "B", "D", "E", "F"));
    expect(await numbersOf(`?zoek=OMA-2025`)).toEqual([]);
    expect(await numbersOf("?zoek=amr+fat")).toEqual(n("A", "C"));
    expect(await numbersOf("?zoek=Amrani")).toEqual(n("A", "H"));
    expect(await numbersOf("?zoek=JANS")).toEqual(n("E"));
    expect(await numbersOf("?zoek=fat&weergave=unassigned")).toEqual([]);
    // Nothing in a search is read as query syntax.
    expect(await numbersOf(`?zoek=${encodeURIComponent("fat & !amr | ':*")}`)).toEqual(n("A", "C"));
  });

  it("never shows a closed dossier, not even when searched for by its number", async () => {
    const g = d.G!.number;
    for (const query of [
      "",
      "?weergave=mine",
      "?weergave=overdue",
      "?zoek=fatima",
      `?zoek=${g}`,
      "?sorteer=nieuwste",
      "?sorteer=nummer&richting=af",
    ]) {
      expect(await numbersOf(query), query).not.toContain(g);
    }
  });

  it("gives nothing to anyone who is not staff, whatever the route does", async () => {
    const officer = { id: me.id, role: "municipality_officer" as const };
    expect(await listQueue(database.db, { actor: officer, filter: filterOf(), today: TODAY })).toBeNull();
    expect(listQueueRows(database.db, { actor: officer, filter: filterOf(), today: TODAY })).toBeNull();
  });
});

describe("the queue page", () => {
  it("gives the page what it shows: the rows with their days left, the counts and the choices", async () => {
    const data = await visit();
    if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
    expect(data.user).toEqual({ name: "Mila de Wit", role: "case_handler" });
    expect(data.rows.map((r) => [r.number, r.days, r.dueKind])).toEqual([
      [d.A!.number, -6, "contact"],
      [d.H!.number, -5, "handling"],
      [d.C!.number, 0, "contact"],
      [d.B!.number, 1, "contact"],
      [d.D!.number, 6, "handling"],
      [d.E!.number, 9, "contact"],
      [d.F!.number, 67, "handling"],
    ]);
    expect(data.rows[0]).toMatchObject({ submittedOn: "2026-04-05", dueOn: "2026-04-19" });
    expect(data.counts).toEqual({
      all: 7,
      mine: 2,
      overdue: 2,
      week: 3,
      unassigned: 3,
      municipality: 0,
      municipality_overdue: 0,
      resident: 0,
      resident_overdue: 0,
      resident_new: 0,
      follow_up: 0,
    });
    expect(data.municipalities.map((m) => m.id)).toContain("zaanstad");
    expect(data.handlers.map((h) => h.name)).toEqual(expect.arrayContaining(["Mila de Wit", "Tom Pieters"]));
    // The open statuses, and "closed" last: the queue finds closed dossiers by a search.
    expect(data.statuses.at(-1)).toBe("closed");
  });

  it("is open to a coordinator", async () => {
    const data = await visit("", coordinatorCookie);
    expect(data).not.toBeInstanceOf(Response);
  });

  it("refuses a municipality officer and sends a visitor without a session to sign in", async () => {
    expect(((await visit("", officerCookie)) as Response).status).toBe(403);
    const response = (await visit("?weergave=mine", "")) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/inloggen?terug=${encodeURIComponent("/behandelaar?weergave=mine")}`,
    );
  });

  it("records who saw which dossiers under which filter", async () => {
    const context = { ...contextFor(services, "198.51.100.40"), requestId: "req-queue-1" };
    await queueLoader({
      request: getRequest("/behandelaar?weergave=overdue&zoek=amrani", { cookie: myCookie }),
      context,
      params: {},
    });
    const [row] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "queue.viewed"), eq(auditEvents.requestId, "req-queue-1")));
    expect(row).toMatchObject({
      actorUserId: me.id,
      actorRole: "case_handler",
      subjectType: "queue",
      ip: "198.51.100.40",
    });
    expect(row!.details).toMatchObject({
      filter: { weergave: "overdue", zoek: "amrani", sorteer: "deadline", pagina: 1 },
      total: 2,
      numbers: n("A", "H"),
    });
  });

  it("writes no view record when access is refused", async () => {
    const before = await database.db
      .select({ c: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.action, "queue.viewed"));
    await visit("", officerCookie);
    await visit("", "");
    const after = await database.db
      .select({ c: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.action, "queue.viewed"));
    expect(after[0]!.c).toBe(before[0]!.c);
  });
});

describe("pages and the export", () => {
  const waterland: CreatedDossier[] = [];

  beforeAll(async () => {
    // 26 open dossiers in Waterland, three or four on each day: equal deadlines, broken by id.
    for (let i = 0; i < 26; i++) {
      const day = String(10 + Math.floor(i / 4)).padStart(2, "0");
      waterland.push(
        await openDossier({
          municipalityId: "waterland",
          // Pairs share the same instant, to test the tie-break of the newest-first order too.
          submittedAt: new Date(`2026-04-${day}T0${8 + (i % 2 === 0 ? 0 : 1)}:00:00Z`),
          complainant: { name: i === 7 ? '=HYPERLINK("http://evil.test";"klik");Kees' : `Bewoner ${i}` },
          assigneeId: i % 3 === 0 ? colleague.id : null,
        }),
      );
    }
  });

  it("splits 26 dossiers over two pages without overlap or gaps", async () => {
    const first = await queue("?gemeente=waterland");
    const second = await queue("?gemeente=waterland&pagina=2");
    expect(first.total).toBe(26);
    expect(first.pages).toBe(2);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(second.rows).toHaveLength(1);
    const numbers = [...first.rows, ...second.rows].map((r) => r.number);
    expect(new Set(numbers).size).toBe(26);
    expect(new Set(numbers)).toEqual(new Set(waterland.map((w) => w.number)));
    const due = [...first.rows, ...second.rows].map((r) => r.dueOn);
    expect(due).toEqual([...due].sort());
    expect((await queue("?gemeente=waterland&pagina=3")).rows).toEqual([]);
  });

  it("reads every row of the filtered queue in chunks, in the order of the pages, under every sort", async () => {
    const sorts = ["deadline", "nieuwste", "ingediend&richting=op", "nummer", "nummer&richting=af"];
    for (const by of ["gemeente", "status", "deadline&richting=af"]) sorts.push(by);
    for (const sort of sorts) {
      const filter: QueueFilter = { ...filterOf(`?gemeente=waterland&sorteer=${sort}`) };
      const paged = [
        ...(await queue(`?gemeente=waterland&sorteer=${sort}`)).rows,
        ...(await queue(`?gemeente=waterland&sorteer=${sort}&pagina=2`)).rows,
      ];
      expect(new Set(paged.map((r) => r.number)).size, sort).toBe(26);
      const chunks: number[] = [];
      const read: string[] = [];
      for await (const chunk of listQueueRows(database.db, { actor: me, filter, today: TODAY, chunkSize: 7 })!) {
        chunks.push(chunk.length);
        read.push(...chunk.map((r) => r.number));
      }
      expect(chunks, sort).toEqual([7, 7, 7, 5]);
      expect(read, sort).toEqual(paged.map((r) => r.number));
    }
  });

  it("exports every matching dossier, beyond the first page, as CSV for Dutch Excel", async () => {
    const response = (await exportCsv("?gemeente=waterland")) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="werkvoorraad-2026-04-25.csv"');
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("dossiernummer;gemeente;klager;status;behandelaar;deadline;soort deadline;ingediend op");
    expect(lines.at(-1)).toBe("");
    const records = lines.slice(1, -1);
    expect(records).toHaveLength(26);
    const first = waterland[0]!;
    expect(records).toContain(
      `${first.number};Waterland;Bewoner 0;Ontvangen;Tom Pieters;2026-04-24;eerste contact;2026-04-10`,
    );
    expect(records).toContain(
      `${waterland[1]!.number};Waterland;Bewoner 1;Ontvangen;niet toegewezen;2026-04-24;eerste contact;2026-04-10`,
    );
    // The name is quoted (it holds a separator) and can no longer run as a formula.
    expect(records).toContain(
      `${waterland[7]!.number};Waterland;"'=HYPERLINK(""http://evil.test"";""klik"");Kees";Ontvangen;niet toegewezen;2026-04-25;eerste contact;2026-04-11`,
    );
  });

  it("exports in the order and under the filters of the page, and records the export", async () => {
    const context = { ...contextFor(services), requestId: "req-export-1" };
    const request = getRequest("/behandelaar/export.csv?weergave=overdue&pagina=2", { cookie: myCookie });
    const response = await exportLoader({ request, context, params: {} });
    const records = (await response.text()).split("\r\n").slice(1, -1);
    const overdue = await queue("?weergave=overdue");
    expect(overdue.total).toBeGreaterThan(2);
    expect(records.map((r) => r.split(";")[0])).toEqual(overdue.rows.map((r) => r.number));
    const [row] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "queue.exported"), eq(auditEvents.requestId, "req-export-1")));
    expect(row).toMatchObject({ actorUserId: me.id, actorRole: "case_handler", subjectType: "queue" });
    expect(row!.details).toMatchObject({ filter: { weergave: "overdue", pagina: 2 }, rows: overdue.total });
  });

  it("labels the export in English for an English-speaking user", async () => {
    const response = (await exportCsv("?gemeente=zaanstad", `${myCookie}; oma_lang=en`)) as Response;
    const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "case file number;municipality;complainant;status;case handler;deadline;kind of deadline;submitted on",
    );
    expect(lines[1]).toBe(
      `${d.E!.number};Zaanstad;Anna Jansen;Received;unassigned;2026-05-04;first contact;2026-04-20`,
    );
  });

  it("refuses the export to anyone who is not staff, and records nothing", async () => {
    expect(((await exportCsv("", officerCookie)) as Response).status).toBe(403);
    expect(((await exportCsv("", "")) as Response).status).toBe(302);
    const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "queue.exported"));
    expect(rows.every((r) => r.actorRole !== "municipality_officer" && r.actorUserId !== null)).toBe(true);
  });
});
