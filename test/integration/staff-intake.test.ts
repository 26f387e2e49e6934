import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import { action, loader } from "#app/routes/behandelaar.nieuw";
import { createUser } from "#test/support/factories";
import { auditEvents, dossierEligibility, dossierEvents, dossierParties, dossiers, mailOutbox } from "#db/schema/index";
import { contextFor, createTestServices, getRequest, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { asData, locationOf } from "#test/support/intake";

// Wednesday 10 June 2026, 11:00 in Amsterdam.
const NOW = "2026-06-10T09:00:00Z";
const PATH = "/behandelaar/nieuw";

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let handler: { id: string; cookie: string };
let officerCookie: string;

async function signedIn(role: "case_handler" | "coordinator" | "municipality_officer", municipalityId?: string) {
  const user = await createUser(database.db, { role, municipalityId });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { id: user.id, cookie: `oma_session=${id}` };
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Four eyes off: a handler's override applies at once (test/integration/approvals.test.ts has it on).
  services = createTestServices(database, { now: () => new Date(NOW), env: { FOUR_EYES: "false" } });
  handler = await signedIn("case_handler");
  officerCookie = (await signedIn("municipality_officer", "amsterdam")).cookie;
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

/** A complete phone complaint: eligible, because Amsterdam did not answer within its six weeks. */
function phoneComplaint(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    channel: "phone",
    municipalityId: "amsterdam",
    topic: "conduct",
    courtCase: "no",
    complainedFirst: "yes",
    "receivedOn.day": "2",
    "receivedOn.month": "3",
    "receivedOn.year": "2026",
    answerStatus: "not_answered",
    "complainant.name": "Fatima el Amrani",
    "complainant.street": "Javastraat",
    "complainant.houseNumber": "12-2",
    "complainant.postcode": "1094hb",
    "complainant.city": "Amsterdam",
    "complainant.email": "",
    "complainant.phone": "06 1234 5678",
    "complainant.preferredChannel": "phone",
    hasRepresentative: "no",
    "complaint.text": "Ik heb vier keer gebeld over mijn parkeervergunning.\nNiemand belde terug.",
    "complaint.place": "Klantcontactcentrum, telefonisch",
    "complaint.day": "15",
    "complaint.month": "2",
    "complaint.year": "2026",
    "complaint.people": "",
    "complaint.desiredOutcome": "Excuses en een besluit op mijn aanvraag",
    overrideReason: "",
    ...overrides,
  };
}

/** Posts the page as the signed-in handler, or with `cookie` (null: not signed in). */
function post(fields: Record<string, string>, cookie: string | null = handler.cookie, extraCookie?: string) {
  const request = postForm(PATH, services, fields, {
    cookie: [cookie, extraCookie].filter(Boolean).join("; ") || undefined,
  });
  return settle(() => action({ request, context: contextFor(services), params: {} }));
}

async function refused(fields: Record<string, string>, extraCookie?: string) {
  const result = asData<{ errors: Record<string, string>; values: Record<string, string> }>(
    await post(fields, handler.cookie, extraCookie),
  );
  expect(result.init?.status).toBe(400);
  return result.data;
}

async function registered(fields: Record<string, string>) {
  const location = locationOf(await post(fields));
  const number = location.replace("/behandelaar/dossiers/", "");
  expect(number).toMatch(/^OMA-2026-\d{5}$/);
  const [dossier] = await database.db.select().from(dossiers).where(eq(dossiers.number, number));
  if (!dossier) throw new Error(`no dossier ${number}`);
  const [parties, [eligibility], events, mails, audits] = await Promise.all([
    database.db.select().from(dossierParties).where(eq(dossierParties.dossierId, dossier.id)),
    database.db.select().from(dossierEligibility).where(eq(dossierEligibility.dossierId, dossier.id)),
    database.db
      .select()
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, dossier.id))
      .orderBy(asc(dossierEvents.id)),
    database.db.select().from(mailOutbox).where(eq(mailOutbox.subjectId, dossier.id)),
    database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, dossier.id), eq(auditEvents.action, "dossier.registered"))),
  ]);
  return { location, dossier, parties, eligibility: eligibility!, events, mails, audits };
}

async function dossierCount(): Promise<number> {
  return (await database.db.select({ id: dossiers.id }).from(dossiers)).length;
}

let before: number;
beforeEach(async () => {
  before = await dossierCount();
});

describe("registering a complaint that came in by phone or letter", () => {
  it("turns an eligible phone complaint into a dossier assigned to the handler, with parties, facts, events and audit", async () => {
    const wakes = services.wakeCount();
    const r = await registered(phoneComplaint());
    expect(r.location).toBe(`/behandelaar/dossiers/${r.dossier.number}`);
    expect(r.dossier).toMatchObject({
      channel: "phone",
      status: "received",
      municipalityId: "amsterdam",
      topic: "conduct",
      assigneeId: handler.id,
      complainantName: "Fatima el Amrani",
      byRepresentative: false,
      complaintText: "Ik heb vier keer gebeld over mijn parkeervergunning.\nNiemand belde terug.",
      incidentPlace: "Klantcontactcentrum, telefonisch",
      incidentDate: "2026-02-15",
      peopleInvolved: null,
      desiredOutcome: "Excuses en een besluit op mijn aanvraag",
      contactDueOn: "2026-06-24",
      // 13 weeks (the default HANDLING_TARGET_WEEKS) after today.
      handlingDueOn: "2026-09-09",
      sourceDraftId: null,
      locale: "nl",
    });
    expect(r.dossier.submittedAt).toEqual(new Date(NOW));
    expect(r.parties).toEqual([
      expect.objectContaining({
        role: "complainant",
        name: "Fatima el Amrani",
        street: "Javastraat",
        houseNumber: "12-2",
        postcode: "1094 HB",
        city: "Amsterdam",
        email: null,
        phone: "0612345678",
        preferredChannel: "phone",
      }),
    ]);
    expect(r.eligibility).toMatchObject({
      complainedToMunicipality: true,
      complaintReceivedOn: "2026-03-02",
      answeredOn: null,
      postponedUntil: null,
      handlingWeeks: 6,
      assessedOn: "2026-06-10",
      outcome: "eligible",
      ground: "no_timely_answer",
      nominalDeadline: "2026-04-13",
      handlingDeadline: "2026-04-13",
      eligibleFrom: "2026-04-14",
      windowEndsOn: "2027-04-13",
      skippedDays: [],
      overrideReason: null,
    });
    expect(r.events.map((e) => ({ type: e.type, details: e.details, actor: e.actorUserId }))).toEqual([
      {
        type: "submitted",
        details: expect.objectContaining({ channel: "phone", registeredBy: handler.id }),
        actor: handler.id,
      },
    ]);
    // Only a phone number: no confirmation mail.
    expect(r.mails).toEqual([]);
    expect(services.wakeCount()).toBe(wakes);
    expect(r.audits).toEqual([
      expect.objectContaining({
        actorUserId: handler.id,
        actorRole: "case_handler",
        subjectType: "dossier",
        details: expect.objectContaining({ number: r.dossier.number, channel: "phone" }),
      }),
    ]);
  });

  it("records a letter with the municipality's own term, moved past the weekend and Easter Monday", async () => {
    // Saturday 21 February + 6 weeks = Saturday 4 April; Sunday, then Easter Monday: Tuesday 7 April.
    const r = await registered(
      phoneComplaint({
        channel: "letter",
        municipalityId: "zaanstad",
        "receivedOn.day": "21",
        "receivedOn.month": "2",
        answerStatus: "answered",
        "answeredOn.day": "1",
        "answeredOn.month": "5",
        "answeredOn.year": "2026",
      }),
    );
    expect(r.dossier).toMatchObject({ channel: "letter", municipalityId: "zaanstad" });
    expect(r.eligibility).toMatchObject({
      outcome: "eligible",
      ground: "answered",
      answeredOn: "2026-05-01",
      nominalDeadline: "2026-04-04",
      handlingDeadline: "2026-04-07",
      windowEndsOn: "2027-05-01",
      skippedDays: [
        { day: "2026-04-04", reason: "saturday" },
        { day: "2026-04-05", reason: "sunday" },
        { day: "2026-04-06", reason: "holiday", name: "Tweede Paasdag" },
      ],
    });
  });

  it("numbers registered dossiers in the same sequence as online ones", async () => {
    const a = await registered(phoneComplaint());
    const b = await registered(phoneComplaint({ channel: "counter" }));
    expect(b.dossier.sequence).toBe(a.dossier.sequence + 1);
    expect(b.dossier.number).toBe(`OMA-2026-${String(a.dossier.sequence + 1).padStart(5, "0")}`);
    expect(b.dossier.channel).toBe("counter");
  });

  it("makes one dossier when the same filled-in page is sent twice", async () => {
    const formId = "0b6f3c8e-2f4a-4a51-9d1e-5c2b7a9e4f10";
    const first = locationOf(await post(phoneComplaint({ formId })));
    const second = locationOf(await post(phoneComplaint({ formId })));
    expect(second).toBe(first);
    expect(await dossierCount()).toBe(before + 1);
  });
});

describe("too early and window expired", () => {
  // Received Wednesday 20 May: the six weeks run until Wednesday 1 July.
  const tooEarly = { "receivedOn.day": "20", "receivedOn.month": "5", "receivedOn.year": "2026" };
  // Answered 1 May 2025: the year to complain ended on 1 May 2026.
  const expired = {
    "receivedOn.day": "1",
    "receivedOn.month": "4",
    "receivedOn.year": "2025",
    answerStatus: "answered",
    "answeredOn.day": "1",
    "answeredOn.month": "5",
    "answeredOn.year": "2025",
  };

  it("refuses a complaint that is too early without a reason, on the override field, and creates nothing", async () => {
    const data = await refused(phoneComplaint(tooEarly));
    expect(data.errors).toEqual({
      overrideReason:
        "De termijn van de gemeente loopt nog tot en met 1 juli 2026; de klager kan vanaf 2 juli 2026 bij de ombudsman terecht. Wilt u de klacht toch registreren? Vul dan een reden in van minimaal 10 tekens.",
    });
    // Every field keeps what the handler typed.
    expect(data.values).toMatchObject({
      "complainant.name": "Fatima el Amrani",
      "receivedOn.day": "20",
      "complaint.text": phoneComplaint()["complaint.text"],
    });
    expect(await dossierCount()).toBe(before);
  });

  it("registers a complaint after the window with a reason: the reason is stored and the override is in the history", async () => {
    const reason = "Klager lag een jaar in het ziekenhuis en kon niet eerder klagen.";
    const r = await registered(phoneComplaint({ ...expired, overrideReason: `  ${reason}  ` }));
    expect(r.eligibility).toMatchObject({
      outcome: "window_expired",
      ground: "answered",
      answeredOn: "2025-05-01",
      windowEndsOn: "2026-05-01",
      overrideReason: reason,
    });
    expect(r.events.map((e) => e.type)).toEqual(["submitted", "eligibility_overridden"]);
    expect(r.events[1]).toMatchObject({
      actorUserId: handler.id,
      details: { outcome: "window_expired", reason, windowEndsOn: "2026-05-01" },
    });
    expect(r.audits[0]?.details).toMatchObject({ overridden: true });
  });

  it("refuses a complaint after the window without a reason, with the date the window ended", async () => {
    const data = await refused(phoneComplaint(expired));
    expect(data.errors.overrideReason).toBe(
      "De termijn om te klagen eindigde op 1 mei 2026. Wilt u de klacht toch registreren? Vul dan een reden in van minimaal 10 tekens.",
    );
    expect(await dossierCount()).toBe(before);
  });

  it("refuses an override reason shorter than 10 characters", async () => {
    const data = await refused(phoneComplaint({ ...tooEarly, overrideReason: "Spoed!!!!" }));
    expect(data.errors).toEqual({
      overrideReason:
        "De termijn van de gemeente loopt nog tot en met 1 juli 2026; de klager kan vanaf 2 juli 2026 bij de ombudsman terecht. De reden is te kort: vul minimaal 10 tekens in.",
    });
    expect(await dossierCount()).toBe(before);
  });

  it("accepts a too-early complaint with a reason of exactly 10 characters", async () => {
    const r = await registered(phoneComplaint({ ...tooEarly, overrideReason: "Acute zaak" }));
    expect(r.eligibility).toMatchObject({
      outcome: "too_early",
      handlingDeadline: "2026-07-01",
      eligibleFrom: "2026-07-02",
      overrideReason: "Acute zaak",
    });
    expect(r.events.map((e) => e.type)).toEqual(["submitted", "eligibility_overridden"]);
  });

  it("records no override for an eligible complaint, even when a reason was typed", async () => {
    const r = await registered(phoneComplaint({ overrideReason: "Voor de zekerheid toch een reden." }));
    expect(r.eligibility.overrideReason).toBeNull();
    expect(r.events.map((e) => e.type)).toEqual(["submitted"]);
  });

  it("uses the municipality's own handling term", async () => {
    await database.query(`UPDATE municipalities SET handling_weeks = 10 WHERE id = 'diemen'`);
    try {
      const data = await refused(
        phoneComplaint({
          municipalityId: "diemen",
          "receivedOn.day": "15",
          "receivedOn.month": "4",
          "receivedOn.year": "2026",
        }),
      );
      // 15 April + 10 weeks = 24 June (with 6 weeks it would have been 27 May: eligible).
      expect(data.errors.overrideReason).toMatch(/^De termijn van de gemeente loopt nog tot en met 24 juni 2026;/);
    } finally {
      await database.query(`UPDATE municipalities SET handling_weeks = 6 WHERE id = 'diemen'`);
    }
  });
});

describe("complaints that cannot become a dossier", () => {
  it("refuses a decision and points to an objection at the municipality", async () => {
    const data = await refused(phoneComplaint({ topic: "decision" }));
    expect(data.errors).toEqual({
      topic:
        "Dit is een besluit: verwijs naar bezwaar bij de gemeente (Awb 9:22). Gaat de klacht over hoe de klager rond het besluit is behandeld? Kies dan ‘Een gedraging’.",
    });
    expect(await dossierCount()).toBe(before);
  });

  it("refuses the other exits with where the resident should go", async () => {
    expect((await refused(phoneComplaint({ topic: "public_space" }))).errors.topic).toMatch(
      /^Dit is een melding openbare ruimte: verwijs naar de melding bij de gemeente/,
    );
    expect((await refused(phoneComplaint({ topic: "damages" }))).errors.topic).toMatch(
      /^Dit is een verzoek om schadevergoeding/,
    );
    expect((await refused(phoneComplaint({ topic: "care_provider" }))).errors.topic).toMatch(
      /klachtenregeling van die zorgaanbieder/,
    );
    expect(await dossierCount()).toBe(before);
  });

  it("refuses a complaint with a court case, with the explanation", async () => {
    const data = await refused(phoneComplaint({ courtCase: "yes" }));
    expect(data.errors).toEqual({
      courtCase:
        "De ombudsman mag deze klacht niet behandelen: er loopt een rechtszaak of de rechter heeft uitspraak gedaan (Awb 9:22). Leg de klager uit dat twee instanties niet over hetzelfde oordelen.",
    });
    expect(await dossierCount()).toBe(before);
  });

  it("refuses a complaint that was not first made to the municipality, and does not ask for its dates", async () => {
    const data = await refused(
      phoneComplaint({
        complainedFirst: "no",
        "receivedOn.day": "",
        "receivedOn.month": "",
        "receivedOn.year": "",
        answerStatus: "",
      }),
    );
    expect(data.errors).toEqual({
      complainedFirst:
        "De klager moet eerst bij de gemeente klagen (Awb 9:20). Verwijs naar de klachtenprocedure van de gemeente; daarna kan de klacht bij de ombudsman komen.",
    });
    expect(await dossierCount()).toBe(before);
  });

  it("offers and accepts only affiliated municipalities", async () => {
    const page = await settle(() =>
      loader({ request: getRequest(PATH, { cookie: handler.cookie }), context: contextFor(services), params: {} }),
    );
    if (page instanceof Response) throw new Error(`unexpected ${page.status}`);
    expect(page.municipalities.map((m) => m.name)).toEqual([
      "Almere",
      "Amstelveen",
      "Amsterdam",
      "Diemen",
      "Landsmeer",
      "Ouder-Amstel",
      "Waterland",
      "Zaanstad",
    ]);
    expect(page.formId).toMatch(/^[0-9a-f-]{36}$/);
    await database.query(`UPDATE municipalities SET left_on = '2026-01-01' WHERE id = 'landsmeer'`);
    try {
      const data = await refused(phoneComplaint({ municipalityId: "landsmeer" }));
      expect(data.errors).toEqual({ municipalityId: "Kies de gemeente waarover de klacht gaat." });
      expect((await refused(phoneComplaint({ municipalityId: "other" }))).errors.municipalityId).toBe(
        "Kies de gemeente waarover de klacht gaat.",
      );
    } finally {
      await database.query(`UPDATE municipalities SET left_on = NULL WHERE id = 'landsmeer'`);
    }
  });
});

describe("errors on the fields", () => {
  it("puts impossible first-line dates on their date fields", async () => {
    const answerBeforeReceipt = await refused(
      phoneComplaint({
        answerStatus: "answered",
        "answeredOn.day": "20",
        "answeredOn.month": "2",
        "answeredOn.year": "2026",
      }),
    );
    expect(answerBeforeReceipt.errors).toEqual({
      "answeredOn.day":
        "De datum van het antwoord ligt vóór de datum waarop de gemeente de klacht ontving (2 maart 2026).",
    });

    const future = await refused(phoneComplaint({ "receivedOn.day": "11", "receivedOn.month": "6" }));
    // A date after today is wrong as a whole: all three boxes are marked (the summary lists it once).
    const inFuture = "De datum mag niet na vandaag liggen.";
    expect(future.errors).toEqual({
      "receivedOn.day": inFuture,
      "receivedOn.month": inFuture,
      "receivedOn.year": inFuture,
    });

    const postponedTooSoon = await refused(
      phoneComplaint({
        answerStatus: "postponed",
        "postponedUntil.day": "10",
        "postponedUntil.month": "4",
        "postponedUntil.year": "2026",
      }),
    );
    expect(postponedTooSoon.errors).toEqual({
      "postponedUntil.day": "De nieuwe datum moet na de gewone termijn van de gemeente liggen (13 april 2026).",
    });

    const noSuchDay = await refused(
      phoneComplaint({
        "receivedOn.day": "30",
        "receivedOn.month": "2",
        "complaint.day": "",
        "complaint.month": "",
        "complaint.year": "",
      }),
    );
    expect(noSuchDay.errors).toEqual({
      // 30 February: only the day is wrong; an empty date is missing as a whole.
      "receivedOn.day": "Deze datum bestaat niet. Controleer de dag, de maand en het jaar.",
      "complaint.day": "Vul de datum in.",
      "complaint.month": "Vul de datum in.",
      "complaint.year": "Vul de datum in.",
    });
    expect(await dossierCount()).toBe(before);
  });

  it("shows every problem of an empty page at once, in the handler's words", async () => {
    const data = await refused({});
    expect(data.errors).toMatchObject({
      channel: "Kies hoe de klacht binnenkwam.",
      municipalityId: "Kies de gemeente waarover de klacht gaat.",
      topic: "Kies waar de klacht over gaat.",
      courtCase: "Kies of er een rechtszaak is.",
      complainedFirst: "Kies of de klager eerst bij de gemeente heeft geklaagd.",
      "receivedOn.day": "Vul de datum in.",
      answerStatus: "Kies of de gemeente al heeft gereageerd.",
      "complainant.name": "Vul de voor- en achternaam in.",
      "complainant.street": "Vul de straat in.",
      "complainant.postcode": "Vul de postcode in.",
      "complainant.email": "Vul een e-mailadres of een telefoonnummer in.",
      "complainant.preferredChannel": "Kies hoe wij contact opnemen.",
      hasRepresentative: "Kies of er een gemachtigde is.",
      "complaint.text": "Beschrijf wat er is gebeurd.",
      "complaint.place": "Vul in waar het gebeurde.",
      "complaint.day": "Vul de datum in.",
    });
    // No answer status chosen: the answer dates are not asked yet; nothing is asked of a representative.
    expect(
      Object.keys(data.errors).filter(
        (k) => k.startsWith("answeredOn") || k.startsWith("postponedUntil") || k.startsWith("representative"),
      ),
    ).toEqual([]);
  });

  it("checks the complaint text, postcode and phone as the resident form does", async () => {
    const text = "x".repeat(2001);
    const data = await refused(
      phoneComplaint({ "complaint.text": text, "complainant.postcode": "1094", "complainant.phone": "12345" }),
    );
    expect(data.errors).toEqual({
      "complaint.text": "De beschrijving is 2001 tekens. Maak die korter: maximaal 2000 tekens.",
      "complainant.postcode": "Vul een Nederlandse postcode in: 4 cijfers en 2 letters, bijvoorbeeld 1012 JS.",
      "complainant.phone": "Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678.",
    });
    expect(data.values["complaint.text"]).toBe(text);
  });

  it("speaks English to a handler who chose English", async () => {
    const data = await refused(
      phoneComplaint({ topic: "decision", "receivedOn.day": "20", "receivedOn.month": "5" }),
      "oma_lang=en",
    );
    expect(data.errors.topic).toMatch(/^This is a decision: refer to an objection \(bezwaar\) at the municipality/);
    expect(data.errors.overrideReason).toBe(
      "The municipality's term runs until 1 July 2026 inclusive; the complainant can come to the ombudsman from 2 July 2026. Do you want to register the complaint anyway? Then enter a reason of at least 10 characters.",
    );
  });
});

describe("a representative", () => {
  const withRepresentative = (overrides: Record<string, string> = {}) =>
    phoneComplaint({
      channel: "email",
      "complainant.phone": "",
      "complainant.preferredChannel": "",
      hasRepresentative: "yes",
      "representative.name": "Bram Bakker",
      "representative.street": "Kerkstraat",
      "representative.houseNumber": "5",
      "representative.postcode": "1017 GA",
      "representative.city": "Amsterdam",
      "representative.email": "Bram@Example.test",
      "representative.phone": "",
      "representative.preferredChannel": "email",
      ...overrides,
    });

  it("makes the complainant the represented person and contacts the representative, with the confirmation mail to them", async () => {
    const wakes = services.wakeCount();
    const r = await registered(withRepresentative());
    expect(r.dossier).toMatchObject({ channel: "email", byRepresentative: true, complainantName: "Fatima el Amrani" });
    const byRole = Object.fromEntries(r.parties.map((p) => [p.role, p]));
    expect(byRole.complainant).toMatchObject({
      name: "Fatima el Amrani",
      postcode: "1094 HB",
      email: null,
      phone: null,
      preferredChannel: null,
    });
    expect(byRole.representative).toMatchObject({
      name: "Bram Bakker",
      email: "bram@example.test",
      phone: null,
      preferredChannel: "email",
    });

    expect(r.mails).toHaveLength(1);
    expect(r.mails[0]).toMatchObject({
      toAddress: "bram@example.test",
      kind: "intake_confirmation",
      subjectType: "dossier",
      locale: "nl",
    });
    expect(r.mails[0]!.subject).toBe(`Bevestiging van uw klacht ${r.dossier.number}`);
    expect(r.mails[0]!.textBody).toContain("Beste Bram Bakker,");
    expect(r.mails[0]!.textBody).toContain(
      `Wij hebben uw klacht over de gemeente Amsterdam ontvangen op 10 juni 2026. Uw dossiernummer is ${r.dossier.number}.`,
    );
    expect(r.events.map((e) => e.type)).toEqual(["submitted", "mail_queued"]);
    expect(r.events[1]!.details).toEqual({ kind: "intake_confirmation", outboxId: r.mails[0]!.id });
    expect(services.wakeCount()).toBe(wakes + 1);
  });

  it("asks for the representative's details, and keeps no contact details of the complainant", async () => {
    const data = await refused(
      withRepresentative({
        "representative.name": "",
        "representative.email": "",
        "complainant.email": "fatima@example.test",
      }),
    );
    expect(data.errors).toEqual({
      "representative.name": "Vul de voor- en achternaam in.",
      "representative.email": "Vul een e-mailadres of een telefoonnummer in.",
      "complainant.email": "Er is een gemachtigde: wij nemen contact op via de gemachtigde. Laat dit veld leeg.",
    });
  });

  it("queues the confirmation for a complainant with an e-mail address", async () => {
    const r = await registered(
      phoneComplaint({ "complainant.email": "fatima@example.test", "complainant.preferredChannel": "email" }),
    );
    expect(r.mails.map((m) => m.toAddress)).toEqual(["fatima@example.test"]);
    expect(r.parties[0]).toMatchObject({
      email: "fatima@example.test",
      phone: "0612345678",
      preferredChannel: "email",
    });
  });
});

describe("who may register", () => {
  it("lets a coordinator register too", async () => {
    const coordinator = await signedIn("coordinator");
    const location = locationOf(await post(phoneComplaint(), coordinator.cookie));
    const [dossier] = await database.db
      .select()
      .from(dossiers)
      .where(eq(dossiers.number, location.replace("/behandelaar/dossiers/", "")));
    expect(dossier?.assigneeId).toBe(coordinator.id);
  });

  it("answers 403 to a municipality officer, for the page and the post, and creates nothing", async () => {
    const page = await settle(() =>
      loader({ request: getRequest(PATH, { cookie: officerCookie }), context: contextFor(services), params: {} }),
    );
    expect(page).toBeInstanceOf(Response);
    expect((page as Response).status).toBe(403);
    const posted = await post(phoneComplaint(), officerCookie);
    expect((posted as Response).status).toBe(403);
    expect(await dossierCount()).toBe(before);
  });

  it("sends someone who is not signed in to the sign-in page, and back here afterwards", async () => {
    const page = await settle(() => loader({ request: getRequest(PATH), context: contextFor(services), params: {} }));
    expect(locationOf(page)).toBe("/inloggen?terug=%2Fbehandelaar%2Fnieuw");
    expect(locationOf(await post(phoneComplaint(), null))).toBe("/inloggen?terug=%2Fbehandelaar%2Fnieuw");
    expect(await dossierCount()).toBe(before);
  });

  it("refuses a post without the CSRF token", async () => {
    const request = postForm(PATH, services, phoneComplaint(), { cookie: handler.cookie, csrf: false });
    const result = await settle(() => action({ request, context: contextFor(services), params: {} }));
    expect((result as Response).status).toBe(403);
    expect(await dossierCount()).toBe(before);
  });
});
