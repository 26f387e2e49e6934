import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import { holidayTable } from "#app/intake/reference.server";
import { mailTexts } from "#app/reference/standard-texts.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import {
  action as holidaysAction,
  loader as holidaysLoader,
} from "#app/routes/behandelaar.referentiegegevens.feestdagen/route";
import {
  action as municipalityAction,
  loader as municipalityLoader,
} from "#app/routes/behandelaar.referentiegegevens.gemeenten.$id/route";
import { action as textsAction } from "#app/routes/behandelaar.referentiegegevens.standaardteksten/route";
import { loader as dossierLoader } from "#app/routes/behandelaar.dossiers.$number/route";
import {
  auditEvents,
  dossierEvents,
  holidayChanges,
  municipalities,
  municipalityRequests,
  residentQuestions,
} from "#db/schema/index";
import { createDossier, createUser } from "#test/support/factories";
import { contextFor, createTestServices, getRequest, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { asResponse, locationOf } from "#test/support/intake";

/** The status of a redirect, a thrown Response or a `data(…, { status })` result. */
const statusOf = (value: unknown): number => {
  if (value instanceof Response) return value.status;
  const init = (value as { init?: { status?: number } } | null)?.init;
  return init?.status ?? 200;
};

/**
 * Reference data without a release: a coordinator adds a holiday on the day a request is due and
 * the date moves to the next working day with an event on the dossier; removing it moves it back.
 * Municipality edits and standard texts are saved and audited; nobody else may change them.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
type Signed = { id: string; cookie: string };
let coordinator: Signed;
let caseHandler: Signed;
let dossier: { id: string; number: string };
let requestId: string;
let questionId: string;

async function signIn(role: "coordinator" | "case_handler", name: string): Promise<Signed> {
  const user = await createUser(database.db, { role, name });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { id: user.id, cookie: `oma_session=${id}` };
}

const HOLIDAYS = "/behandelaar/referentiegegevens/feestdagen";
const postHoliday = (who: Signed, fields: Record<string, string>) =>
  settle(() =>
    holidaysAction({
      request: postForm(HOLIDAYS, services, fields, { cookie: who.cookie }),
      context: contextFor(services),
      params: {},
    }),
  );

const dueDates = async () => {
  const [r] = await database.db.select().from(municipalityRequests).where(eq(municipalityRequests.id, requestId));
  const [q] = await database.db.select().from(residentQuestions).where(eq(residentQuestions.id, questionId));
  return { request: r!.dueOn, question: q!.dueOn, skipped: r!.skippedDays };
};

const recalculated = () =>
  database.db
    .select()
    .from(dossierEvents)
    .where(and(eq(dossierEvents.dossierId, dossier.id), eq(dossierEvents.type, "due_date_recalculated")))
    .orderBy(dossierEvents.id);

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => new Date("2026-05-20T10:00:00Z") });
  coordinator = await signIn("coordinator", "Karim Coördinator");
  caseHandler = await signIn("case_handler", "Bram Behandelaar");
  dossier = await createDossier(database.db, services.storage, {
    submittedAt: new Date("2026-05-04T09:00:00Z"),
    attachments: [],
  });
  const term = {
    sentAt: new Date("2026-05-13T09:00:00Z"),
    sentOn: "2026-05-13",
    termWeeks: 4,
    nominalDueOn: "2026-06-10",
    skippedDays: [],
    dueOn: "2026-06-10",
    sentBy: caseHandler.id,
    dossierId: dossier.id,
  };
  const [r] = await database.db
    .insert(municipalityRequests)
    .values({ ...term, municipalityId: "amsterdam", kind: "information", questions: "Stuur het dossier." })
    .returning();
  requestId = r!.id;
  // Nominal Saturday 6 June rolls to Monday the 8th: not reached by a holiday on the 10th.
  const [q] = await database.db
    .insert(residentQuestions)
    .values({ ...term, nominalDueOn: "2026-06-06", dueOn: "2026-06-08", questions: "Wanneer was het?" })
    .returning();
  questionId = q!.id;
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

describe("a holiday change recalculates open due dates", () => {
  it("adding a holiday on the due day moves it to the next working day, with an event and a version", async () => {
    const res = asResponse(await postHoliday(coordinator, { intent: "add", day: "2026-06-10", name: "Extra dag" }));
    expect(res.status).toBe(302);
    const location = locationOf(res);
    expect(location).toMatch(/versie=\d+/);
    expect(await dueDates()).toEqual({
      request: "2026-06-11",
      question: "2026-06-08",
      skipped: [{ day: "2026-06-10", reason: "holiday", name: "Extra dag" }],
    });
    const events = await recalculated();
    expect(events.map((e) => e.details)).toEqual([
      expect.objectContaining({ subject: "request", requestId, from: "2026-06-10", dueOn: "2026-06-11" }),
    ]);
    expect(events[0]!.details.holidayName).toBe("Extra dag");
    // The page shows what moved.
    const page = (await holidaysLoader({
      request: getRequest(location, { cookie: coordinator.cookie }),
      context: contextFor(services),
      params: {},
    })) as Awaited<ReturnType<typeof holidaysLoader>>;
    expect(page.change?.movedCount).toBe(1);
    expect(page.change?.moved).toEqual([
      expect.objectContaining({ dossierNumber: dossier.number, from: "2026-06-10", to: "2026-06-11" }),
    ]);
    expect((await holidayTable(database.db)).some((h) => h.day === "2026-06-10")).toBe(true);
    const [entry] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "reference.holiday_added"));
    expect(entry?.details).toMatchObject({ after: { day: "2026-06-10", name: "Extra dag" }, moved: 1 });
  });

  it("adding the same day again is refused and moves nothing", async () => {
    expect(statusOf(await postHoliday(coordinator, { intent: "add", day: "2026-06-10", name: "Extra dag" }))).toBe(409);
    expect((await dueDates()).request).toBe("2026-06-11");
    expect(await recalculated()).toHaveLength(1);
  });

  it("removing it moves the date back, with a second event", async () => {
    const res = asResponse(await postHoliday(coordinator, { intent: "remove", day: "2026-06-10" }));
    expect(res.status).toBe(302);
    expect(await dueDates()).toEqual({ request: "2026-06-10", question: "2026-06-08", skipped: [] });
    const events = await recalculated();
    expect(events[1]!.details).toMatchObject({ from: "2026-06-11", dueOn: "2026-06-10", holidayChange: "removed" });
    const versions = await database.db.select().from(holidayChanges).orderBy(holidayChanges.version);
    expect(versions.map((v) => [v.change, v.day, v.movedCount])).toEqual([
      ["added", "2026-06-10", 1],
      ["removed", "2026-06-10", 1],
    ]);
    const [entry] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "reference.holiday_removed"));
    expect(entry?.details).toMatchObject({ before: { day: "2026-06-10" }, after: null });
  });

  it("refuses a case handler", async () => {
    const res = asResponse(await postHoliday(caseHandler, { intent: "add", day: "2026-06-10", name: "Extra dag" }));
    expect(res.status).toBe(403);
    expect((await dueDates()).request).toBe("2026-06-10");
  });
});

describe("municipalities", () => {
  const PATH = "/behandelaar/referentiegegevens/gemeenten/zaanstad";
  const fields = {
    name: "Zaanstad",
    joinedOn: "2019-01-01",
    leftOn: "",
    handlingWeeks: "10",
    website: "https://www.zaanstad.nl",
    complaintsUrl: "https://www.zaanstad.nl/klacht",
    objectionUrl: "https://www.zaanstad.nl/bezwaar-nieuw",
    publicSpaceReportUrl: "https://www.zaanstad.nl/melding",
    damagesUrl: "https://www.zaanstad.nl/schade",
  };
  const post = (who: Signed, values: Record<string, string>) =>
    settle(() =>
      municipalityAction({
        request: postForm(PATH, services, values, { cookie: who.cookie }),
        context: contextFor(services),
        params: { id: "zaanstad" },
      }),
    );

  it("saves an edit and audits the fields that changed, before and after", async () => {
    const [before] = await database.db.select().from(municipalities).where(eq(municipalities.id, "zaanstad"));
    const res = asResponse(await post(coordinator, { ...fields, joinedOn: before!.joinedOn }));
    expect(res.status).toBe(302);
    const [after] = await database.db.select().from(municipalities).where(eq(municipalities.id, "zaanstad"));
    expect(after).toMatchObject({ objectionUrl: "https://www.zaanstad.nl/bezwaar-nieuw", handlingWeeks: 10 });
    const [entry] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "reference.municipality_changed"));
    expect(entry).toMatchObject({ subjectId: "zaanstad", actorUserId: coordinator.id });
    expect(entry?.details).toMatchObject({
      before: { objectionUrl: before!.objectionUrl },
      after: { objectionUrl: "https://www.zaanstad.nl/bezwaar-nieuw" },
    });
  });

  it("refuses an address that is not https", async () => {
    expect(statusOf(await post(coordinator, { ...fields, damagesUrl: "javascript:alert(1)" }))).toBe(400);
    const [row] = await database.db.select().from(municipalities).where(eq(municipalities.id, "zaanstad"));
    expect(row!.damagesUrl).toBe("https://www.zaanstad.nl/schade");
  });

  it("refuses a case handler, and 404s an unknown municipality", async () => {
    expect(asResponse(await post(caseHandler, fields)).status).toBe(403);
    const missing = asResponse(
      await settle(() =>
        municipalityLoader({
          request: getRequest("/behandelaar/referentiegegevens/gemeenten/atlantis", { cookie: coordinator.cookie }),
          context: contextFor(services),
          params: { id: "atlantis" },
        }),
      ),
    );
    expect(missing.status).toBe(404);
  });
});

describe("standard texts", () => {
  const PATH = "/behandelaar/referentiegegevens/standaardteksten";
  const post = (who: Signed, values: Record<string, string>) =>
    settle(() =>
      textsAction({
        request: postForm(PATH, services, values, { cookie: who.cookie }),
        context: contextFor(services),
        params: {},
      }),
    );

  it("an override is what the mail starts from, in its language only; reset goes back", async () => {
    const key = "closing-en";
    const res = asResponse(
      await post(coordinator, {
        intent: "save",
        template: "closing",
        locale: "en",
        [`subject-${key}`]: "Your case file {dossiernummer} is closed",
        [`body-${key}`]: "Dear {naam},\n\nWe have closed your case file.",
      }),
    );
    expect(res.status).toBe(302);
    const en = await mailTexts(database.db, "en", messagesFor("en"));
    expect(en.closing).toEqual({
      subject: "Your case file {dossiernummer} is closed",
      body: "Dear {naam},\n\nWe have closed your case file.",
      overridden: true,
    });
    const nl = await mailTexts(database.db, "nl", messagesFor("nl"));
    expect(nl.closing.subject).toBe(messagesFor("nl").casework.mailTemplates.closing.subject);
    // The dossier page's mail form starts from it, placeholders filled, for a dossier in English.
    const d = await createDossier(database.db, services.storage, { locale: "en", complainant: { name: "Ann Smith" } });
    const page = (await settle(() =>
      dossierLoader({
        request: getRequest(`/behandelaar/dossiers/${d.number}?tekst=closing`, { cookie: coordinator.cookie }),
        context: contextFor(services),
        params: { number: d.number },
      }),
    )) as { mail: { draft: { subject: string; body: string } } };
    expect(page.mail.draft).toEqual({
      subject: `Your case file ${d.number} is closed`,
      body: "Dear Ann Smith,\n\nWe have closed your case file.",
    });
    const [entry] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "reference.text_changed"));
    expect(entry?.details).toMatchObject({ template: "closing", locale: "en", before: null });

    expect(asResponse(await post(coordinator, { intent: "reset", template: "closing", locale: "en" })).status).toBe(
      302,
    );
    expect((await mailTexts(database.db, "en", messagesFor("en"))).closing.overridden).toBe(false);
  });

  it("refuses a case handler", async () => {
    const res = asResponse(await post(caseHandler, { intent: "reset", template: "closing", locale: "en" }));
    expect(res.status).toBe(403);
  });
});
