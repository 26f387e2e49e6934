import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import { assignDossier } from "#app/dossiers/casework/assign.server";
import type { CommandScope } from "#app/dossiers/casework/command.server";
import { addNote } from "#app/dossiers/casework/note.server";
import { refreshRunningPauses } from "#app/dossiers/casework/running-pauses.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { INTENTS } from "#app/routes/behandelaar.dossiers.$number/intents";
import { action as dossierAction, loader as dossierLoader } from "#app/routes/behandelaar.dossiers.$number/route";
import { createDossier, createUser, type NewDossierInput } from "#test/support/factories";
import {
  auditEvents,
  dossierAttachments,
  dossierContacts,
  dossierEvents,
  dossierNotes,
  dossierPauses,
  dossiers,
  mailOutbox,
  users,
  type User,
} from "#db/schema/index";
import { BASE_URL, contextFor, createTestServices, getRequest, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { asData, asResponse, locationOf, PDF_BYTES, readObject, storedKeys } from "#test/support/intake";

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
// The clock of the app under test; tests move it forward to let a paused clock run.
let clock: Date;
const START = new Date("2026-04-25T10:00:00Z");
const NL_CLOSED =
  "Dit dossier is afgesloten. U kunt nog de afsluitbrief versturen, het dossier heropenen en interne notities toevoegen.";

type Signed = { user: User & { password: string }; cookie: string };
let handler: Signed;
let otherHandler: Signed;
let coordinator: Signed;
let officer: Signed;

async function signedIn(role: "case_handler" | "coordinator" | "municipality_officer", name?: string): Promise<Signed> {
  const user = await createUser(database.db, {
    role,
    name,
    municipalityId: role === "municipality_officer" ? "amsterdam" : undefined,
  });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { user, cookie: `oma_session=${id}` };
}

const path = (number: string) => `/behandelaar/dossiers/${number}`;

function newDossier(overrides: NewDossierInput = {}) {
  return createDossier(database.db, services.storage, { submittedAt: new Date("2026-04-20T09:30:00Z"), ...overrides });
}

type ActionPayload = { intent: string; errors: Record<string, string>; values: Record<string, string> };

function post(number: string, who: Signed | null, fields: Record<string, string>, context = contextFor(services)) {
  const request = postForm(path(number), services, fields, { cookie: who?.cookie });
  return settle(() => dossierAction({ request, context, params: { number } }));
}

type Part = [string, string] | [string, { name: string; body: Uint8Array | string; type?: string }];

/** A multipart post as a browser sends the document form: the CSRF token first unless told otherwise. */
function postMultipart(
  number: string,
  who: Signed | null,
  parts: Part[],
  options: { csrf?: "first" | "last" | "none" } = {},
) {
  const token = contextFor(services).csrfToken;
  const form = new FormData();
  const csrf = options.csrf ?? "first";
  if (csrf === "first") form.append("_csrf", token);
  for (const [name, value] of parts) {
    if (typeof value === "string") form.append(name, value);
    else {
      const bytes = typeof value.body === "string" ? new TextEncoder().encode(value.body) : new Uint8Array(value.body);
      form.append(name, new File([bytes], value.name, { type: value.type ?? "application/octet-stream" }));
    }
  }
  if (csrf === "last") form.append("_csrf", token);
  const cookie = getRequest("/", { cookie: who?.cookie }).headers.get("Cookie") ?? "";
  const request = new Request(new URL(path(number), BASE_URL), {
    method: "POST",
    body: form,
    headers: { Cookie: cookie },
  });
  return settle(() => dossierAction({ request, context: contextFor(services), params: { number } }));
}

async function view(number: string, who: Signed, query = "") {
  const result = await settle(() =>
    dossierLoader({
      request: getRequest(path(number) + query, { cookie: who.cookie }),
      context: contextFor(services),
      params: { number },
    }),
  );
  if (result instanceof Response) throw new Error(`loader answered ${result.status}`);
  return result;
}

function expectDone(result: unknown, number: string, intent: string) {
  expect(locationOf(result)).toBe(`${path(number)}?gedaan=${intent}#inhoud`);
}

function errorsOf(result: unknown): Record<string, string> {
  const { data, init } = asData<ActionPayload>(result);
  expect(init?.status).toBe(400);
  return data.errors;
}

async function row(dossierId: string) {
  const [found] = await database.db.select().from(dossiers).where(eq(dossiers.id, dossierId));
  if (!found) throw new Error("dossier gone");
  return found;
}

function eventsOf(dossierId: string) {
  return database.db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, dossierId))
    .orderBy(asc(dossierEvents.id));
}

function auditsOf(dossierId: string, action: string) {
  return database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, dossierId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id));
}

/** Everything an action could have changed, to show that a refusal changed nothing. */
async function snapshot(dossierId: string) {
  const [d, events, contacts, notes, pauses, attachments, audits, mails] = await Promise.all([
    row(dossierId),
    eventsOf(dossierId),
    database.db.select().from(dossierContacts).where(eq(dossierContacts.dossierId, dossierId)),
    database.db.select().from(dossierNotes).where(eq(dossierNotes.dossierId, dossierId)),
    database.db.select().from(dossierPauses).where(eq(dossierPauses.dossierId, dossierId)),
    database.db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, dossierId)),
    database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, dossierId))),
    database.db.select().from(mailOutbox).where(eq(mailOutbox.subjectId, dossierId)),
  ]);
  // Views are recorded on every page load; they are not a change.
  return {
    d,
    events,
    contacts,
    notes,
    pauses,
    attachments,
    audits: audits.filter((a) => a.action !== "dossier.viewed"),
    mails,
  };
}

const EXE_AS_PDF = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(2048, 0x41)]);

beforeAll(async () => {
  database = await createTestDatabase();
  clock = START;
  // Four eyes off: these tests are about the commands themselves; test/integration/approvals.test.ts has four eyes on.
  services = createTestServices(database, { now: () => clock, env: { FOUR_EYES: "false" } });
  handler = await signedIn("case_handler", "Sanne de Behandelaar");
  otherHandler = await signedIn("case_handler", "Ruud Tweede");
  coordinator = await signedIn("coordinator", "Karim Coördinator");
  officer = await signedIn("municipality_officer");
});

beforeEach(() => {
  clock = START;
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

describe("assigning a dossier", () => {
  it("lets a coordinator assign any active handler, recording who did it and from where", async () => {
    const d = await newDossier();
    const context = { ...contextFor(services, "198.51.100.7"), requestId: "req-assign" };
    expectDone(
      await post(d.number, coordinator, { intent: "assign", assigneeId: handler.user.id }, context),
      d.number,
      "assign",
    );
    expect((await row(d.id)).assigneeId).toBe(handler.user.id);
    const events = (await eventsOf(d.id)).filter((e) => e.type === "assigned");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: coordinator.user.id,
      details: { from: null, to: handler.user.id, toName: "Sanne de Behandelaar" },
    });
    const [audit] = await auditsOf(d.id, "dossier.assigned");
    expect(audit).toMatchObject({
      actorUserId: coordinator.user.id,
      actorRole: "coordinator",
      ip: "198.51.100.7",
      requestId: "req-assign",
      subjectType: "dossier",
    });
    expect(audit?.details).toMatchObject({ number: d.number, to: handler.user.id });

    // The page names the assignee, and a coordinator gets the list of staff to choose from.
    const page = await view(d.number, coordinator);
    expect(page.dossier.assigneeName).toBe("Sanne de Behandelaar");
    expect(page.staff.map((s) => s.id)).toEqual(
      expect.arrayContaining([handler.user.id, otherHandler.user.id, coordinator.user.id]),
    );
    expect(page.staff.map((s) => s.id)).not.toContain(officer.user.id);
  });

  it("lets a handler take an unassigned dossier, but not assign it to someone else", async () => {
    const d = await newDossier();
    const before = await snapshot(d.id);
    expect(
      asResponse(await post(d.number, handler, { intent: "assign", assigneeId: otherHandler.user.id })).status,
    ).toBe(403);
    expect(await snapshot(d.id)).toEqual(before);

    expectDone(await post(d.number, handler, { intent: "assign", assigneeId: handler.user.id }), d.number, "assign");
    expect((await row(d.id)).assigneeId).toBe(handler.user.id);
    expect((await eventsOf(d.id)).at(-1)).toMatchObject({
      type: "assigned",
      actorUserId: handler.user.id,
      details: { taken: true },
    });
    // A handler sees no staff list; the page offers only "Ik neem dit dossier".
    expect((await view(d.number, handler)).staff).toEqual([]);
  });

  it("does not let a handler take a dossier that is someone else's", async () => {
    const d = await newDossier({ assigneeId: otherHandler.user.id });
    const before = await snapshot(d.id);
    expect(asResponse(await post(d.number, handler, { intent: "assign", assigneeId: handler.user.id })).status).toBe(
      403,
    );
    expect(await snapshot(d.id)).toEqual(before);
  });

  it("refuses an inactive account, a municipality officer and the current assignee", async () => {
    const d = await newDossier({ assigneeId: handler.user.id });
    const gone = await createUser(database.db, { role: "case_handler" });
    await database.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
    const before = await snapshot(d.id);
    for (const id of [gone.id, officer.user.id, "6f1c2a9e-0000-4000-8000-000000000000"]) {
      expect(errorsOf(await post(d.number, coordinator, { intent: "assign", assigneeId: id })).assigneeId, id).toBe(
        "Kies een actieve behandelaar of coördinator.",
      );
    }
    expect(
      errorsOf(await post(d.number, coordinator, { intent: "assign", assigneeId: handler.user.id })).assigneeId,
    ).toBe("Het dossier staat al op naam van Sanne de Behandelaar.");
    expect(errorsOf(await post(d.number, coordinator, { intent: "assign", assigneeId: "" })).assigneeId).toBe(
      "Kies aan wie u het dossier toewijst.",
    );
    expect(await snapshot(d.id)).toEqual(before);
  });
});

describe("recording a contact", () => {
  it("sets the first contact once, moves a received dossier to intake and shows the promise was met", async () => {
    const d = await newDossier();
    expectDone(
      await post(d.number, handler, {
        intent: "record_contact",
        contactChannel: "phone",
        contactDate: "2026-04-24",
        contactSummary: "Gebeld.\r\nKlacht besproken.",
      }),
      d.number,
      "record_contact",
    );
    const after = await row(d.id);
    expect(after.status).toBe("intake");
    expect(after.firstContactAt?.toISOString()).toBe("2026-04-24T12:00:00.000Z");
    const events = await eventsOf(d.id);
    expect(events.map((e) => e.type)).toEqual(["submitted", "contact_recorded", "status_changed"]);
    expect(events[1]).toMatchObject({
      actorUserId: handler.user.id,
      details: { channel: "phone", contactedOn: "2026-04-24", first: true },
    });
    expect(events[2]).toMatchObject({ actorUserId: handler.user.id, details: { from: "received", to: "intake" } });
    expect(await auditsOf(d.id, "dossier.contact_recorded")).toHaveLength(1);
    expect(await auditsOf(d.id, "dossier.status_changed")).toHaveLength(1);
    // Audit rows outlive the personal data: no summary in them.
    expect(JSON.stringify(await auditsOf(d.id, "dossier.contact_recorded"))).not.toContain("Gebeld");

    // A second contact, today: the first contact stays, the status stays.
    expectDone(
      await post(d.number, otherHandler, {
        intent: "record_contact",
        contactChannel: "email",
        contactDate: "2026-04-25",
        contactSummary: "Mail gestuurd.",
      }),
      d.number,
      "record_contact",
    );
    const again = await row(d.id);
    expect(again.firstContactAt?.toISOString()).toBe("2026-04-24T12:00:00.000Z");
    expect(again.status).toBe("intake");
    expect((await eventsOf(d.id)).map((e) => e.type)).toEqual([
      "submitted",
      "contact_recorded",
      "status_changed",
      "contact_recorded",
    ]);

    const page = await view(d.number, handler);
    expect(page.firstContact).toEqual({ on: "2026-04-24", daysLate: 0 });
    expect(page.casework.contacts.map((c) => [c.contactedOn, c.channel, c.summary, c.recordedByName])).toEqual([
      ["2026-04-24", "phone", "Gebeld.\nKlacht besproken.", "Sanne de Behandelaar"],
      ["2026-04-25", "email", "Mail gestuurd.", "Ruud Tweede"],
    ]);
  });

  it("says how many days late a first contact was", async () => {
    // Submitted 1 April: the promise ran out on 15 April; contact on 25 April is ten days late.
    const d = await newDossier({ submittedAt: new Date("2026-04-01T08:00:00Z") });
    expectDone(
      await post(d.number, handler, {
        intent: "record_contact",
        contactChannel: "phone",
        contactDate: "2026-04-25",
        contactSummary: "Eindelijk gebeld.",
      }),
      d.number,
      "record_contact",
    );
    expect((await row(d.id)).firstContactAt?.toISOString()).toBe(START.toISOString());
    expect((await view(d.number, handler)).firstContact).toEqual({ on: "2026-04-25", daysLate: 10 });
  });

  it("refuses a date in the future or before the submission, and a missing or too long summary", async () => {
    const d = await newDossier();
    const before = await snapshot(d.id);
    const base = { intent: "record_contact", contactChannel: "phone", contactSummary: "Gebeld." };
    expect(errorsOf(await post(d.number, handler, { ...base, contactDate: "2026-04-26" })).contactDate).toBe(
      "De datum mag niet in de toekomst liggen.",
    );
    expect(errorsOf(await post(d.number, handler, { ...base, contactDate: "2026-04-19" })).contactDate).toBe(
      "De datum mag niet voor de indiening van de klacht liggen (20 april 2026).",
    );
    expect(errorsOf(await post(d.number, handler, { ...base, contactDate: "2026-02-30" })).contactDate).toBe(
      "Vul een bestaande datum in, zoals 2027-03-01.",
    );
    const errors = errorsOf(
      await post(d.number, handler, {
        intent: "record_contact",
        contactDate: "2026-04-24",
        contactSummary: "x".repeat(2001),
      }),
    );
    expect(errors).toEqual({
      contactChannel: "Kies of het contact per telefoon of per e-mail was.",
      contactSummary: "Gebruik hoogstens 2000 tekens. U gebruikt er nu 2001.",
    });
    expect(
      errorsOf(await post(d.number, handler, { ...base, contactSummary: "  ", contactDate: "2026-04-24" }))
        .contactSummary,
    ).toBe("Vul een samenvatting van het contact in.");
    expect(await snapshot(d.id)).toEqual(before);
  });
});

describe("changing the status", () => {
  it("offers only the next statuses and refuses any other", async () => {
    const d = await newDossier();
    const page = await view(d.number, handler);
    expect(page.dossier.status).toBe("received");
    const before = await snapshot(d.id);
    expect(errorsOf(await post(d.number, handler, { intent: "change_status", to: "investigation" })).to).toBe(
      "Vanuit de status Ontvangen kan het dossier niet naar deze status.",
    );
    expect(await snapshot(d.id)).toEqual(before);
    expectDone(
      await post(d.number, handler, { intent: "change_status", to: "intake", statusExplanation: "Intake gestart" }),
      d.number,
      "change_status",
    );
    expect((await row(d.id)).status).toBe("intake");
    expect((await eventsOf(d.id)).at(-1)).toMatchObject({
      type: "status_changed",
      actorUserId: handler.user.id,
      details: { from: "received", to: "intake", outcome: null, detail: null, explanation: "Intake gestart" },
    });
  });

  it("refuses closing without an outcome, with the error on the field and nothing changed", async () => {
    const d = await newDossier({ status: "intake" });
    const before = await snapshot(d.id);
    const result = await post(d.number, handler, { intent: "change_status", to: "closed", outcome: "" });
    expect(errorsOf(result)).toEqual({ outcome: "Kies een uitkomst om het dossier af te sluiten." });
    expect(asData<ActionPayload>(result).data).toMatchObject({ intent: "change_status", values: { to: "closed" } });
    expect(await snapshot(d.id)).toEqual(before);
  });

  it("refuses 'not taken up' without an Awb reason code, and closes with one", async () => {
    const d = await newDossier({ status: "intake" });
    const before = await snapshot(d.id);
    expect(
      errorsOf(await post(d.number, handler, { intent: "change_status", to: "closed", outcome: "not_taken_up" })),
    ).toEqual({
      reason: "Kies de grond uit de Awb waarom de klacht niet in behandeling wordt genomen.",
    });
    expect(
      errorsOf(
        await post(d.number, handler, {
          intent: "change_status",
          to: "closed",
          outcome: "not_taken_up",
          reason: "awb_9_99",
        }),
      ),
    ).toEqual({
      reason: "Kies een van de gronden.",
    });
    expect(await snapshot(d.id)).toEqual(before);

    clock = new Date("2026-04-25T14:15:00Z");
    expectDone(
      await post(d.number, handler, {
        intent: "change_status",
        to: "closed",
        outcome: "not_taken_up",
        reason: "awb_9_23_b",
        statusExplanation: "Kennelijk ongegrond.",
      }),
      d.number,
      "change_status",
    );
    const closed = await row(d.id);
    expect(closed).toMatchObject({ status: "closed", outcome: "not_taken_up", outcomeDetail: "awb_9_23_b" });
    expect(closed.closedAt?.toISOString()).toBe("2026-04-25T14:15:00.000Z");
    expect((await eventsOf(d.id)).at(-1)).toMatchObject({
      type: "status_changed",
      details: {
        from: "intake",
        to: "closed",
        outcome: "not_taken_up",
        detail: "awb_9_23_b",
        explanation: "Kennelijk ongegrond.",
      },
    });
    const [audit] = await auditsOf(d.id, "dossier.status_changed");
    expect(audit?.details).toEqual({
      number: d.number,
      from: "intake",
      to: "closed",
      outcome: "not_taken_up",
      detail: "awb_9_23_b",
    });
  });

  it("refuses a report with a finding from an intervention, and takes one after an investigation", async () => {
    const d = await newDossier({ status: "intervention" });
    const before = await snapshot(d.id);
    expect(
      errorsOf(
        await post(d.number, handler, {
          intent: "change_status",
          to: "closed",
          outcome: "report_with_finding",
          finding: "well_founded",
        }),
      ),
    ).toEqual({
      outcome:
        "Deze uitkomst past niet bij de status Interventie. Een rapport met oordeel volgt alleen op een onderzoek.",
    });
    expect(await snapshot(d.id)).toEqual(before);

    const e = await newDossier({ status: "investigation" });
    expect(
      errorsOf(
        await post(e.number, handler, { intent: "change_status", to: "closed", outcome: "report_with_finding" }),
      ),
    ).toEqual({
      finding: "Kies het oordeel van het rapport.",
    });
    expectDone(
      await post(e.number, handler, {
        intent: "change_status",
        to: "closed",
        outcome: "report_with_finding",
        finding: "partly_well_founded",
      }),
      e.number,
      "change_status",
    );
    expect(await row(e.id)).toMatchObject({
      status: "closed",
      outcome: "report_with_finding",
      outcomeDetail: "partly_well_founded",
    });
  });

  it("leaves only notes open on a closed dossier", async () => {
    const d = await newDossier({ status: "mediation" });
    expectDone(
      await post(d.number, handler, { intent: "change_status", to: "closed", outcome: "withdrawn" }),
      d.number,
      "change_status",
    );
    const before = await snapshot(d.id);
    const attempts: Record<string, string>[] = [
      { intent: "assign", assigneeId: handler.user.id },
      { intent: "record_contact", contactChannel: "phone", contactDate: "2026-04-24", contactSummary: "Gebeld." },
      { intent: "change_status", to: "intake" },
      {
        intent: "pause_clock",
        pauseReason: "waiting_for_resident",
        pauseExplanation: "Wachten.",
        pauseStart: "2026-04-24",
      },
      { intent: "resume_clock", resumeEnd: "2026-04-25" },
      { intent: "send_mail", mailSubject: "Hallo", mailBody: "Tekst" },
      {
        intent: "set_visibility",
        attachmentId: d.attachments[0]!.id,
        visibility: "internal",
        visibilityReason: "Verzoek van de gemeente",
      },
    ];
    for (const fields of attempts) {
      const errors = errorsOf(await post(d.number, handler, fields));
      expect(Object.values(errors), fields.intent).toContain(NL_CLOSED);
    }
    const upload = await postMultipart(d.number, handler, [
      ["intent", "add_document"],
      ["file", { name: "brief.pdf", body: PDF_BYTES, type: "application/pdf" }],
      ["documentCategory", "evidence"],
      ["documentVisibility", "shared"],
    ]);
    expect(errorsOf(upload).file).toBe(NL_CLOSED);
    expect(await snapshot(d.id)).toEqual(before);

    expectDone(
      await post(d.number, handler, { intent: "add_note", note: "Nagekomen telefoontje, niets meer te doen." }),
      d.number,
      "add_note",
    );
    const page = await view(d.number, handler);
    expect(page.dossier).toMatchObject({ status: "closed", outcome: "withdrawn", outcomeDetail: null });
    expect(page.casework.notes).toHaveLength(1);
  });
});

describe("internal notes", () => {
  it("adds a note with its author, shows notes newest first and keeps the text out of the audit log", async () => {
    const d = await newDossier();
    expectDone(await post(d.number, handler, { intent: "add_note", note: "Eerste notitie" }), d.number, "add_note");
    expectDone(
      await post(d.number, coordinator, { intent: "add_note", note: "Tweede notitie\r\nmet twee regels" }),
      d.number,
      "add_note",
    );
    const page = await view(d.number, handler);
    expect(page.casework.notes.map((n) => [n.body, n.authorName])).toEqual([
      ["Tweede notitie\nmet twee regels", "Karim Coördinator"],
      ["Eerste notitie", "Sanne de Behandelaar"],
    ]);
    const events = (await eventsOf(d.id)).filter((e) => e.type === "note_added");
    expect(events.map((e) => e.actorUserId)).toEqual([handler.user.id, coordinator.user.id]);
    const audits = await auditsOf(d.id, "dossier.note_added");
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain("notitie");
  });

  it("refuses an empty note and one over 5000 characters", async () => {
    const d = await newDossier();
    const before = await snapshot(d.id);
    expect(errorsOf(await post(d.number, handler, { intent: "add_note", note: " \n " })).note).toBe(
      "Schrijf de notitie.",
    );
    expect(errorsOf(await post(d.number, handler, { intent: "add_note", note: "é".repeat(5001) })).note).toBe(
      "Gebruik hoogstens 5000 tekens. U gebruikt er nu 5001.",
    );
    expect(await snapshot(d.id)).toEqual(before);
  });
});

describe("the clock", () => {
  it("moves the handling target by the days it stood still, and explains it", async () => {
    // Submitted 20 April 2026: 13 weeks later is 20 July 2026.
    const d = await newDossier();
    expect((await row(d.id)).handlingDueOn).toBe("2026-07-20");
    expect((await view(d.number, handler)).target).toMatchObject({
      base: "2026-07-20",
      pausedDays: 0,
      target: "2026-07-20",
      weeks: 13,
      running: false,
    });

    expectDone(
      await post(d.number, handler, {
        intent: "pause_clock",
        pauseReason: "waiting_for_municipality",
        pauseExplanation: "Stukken opgevraagd bij Zaanstad.",
        pauseStart: "2026-04-25",
      }),
      d.number,
      "pause_clock",
    );
    expect((await row(d.id)).handlingDueOn).toBe("2026-07-20");
    expect((await eventsOf(d.id)).at(-1)).toMatchObject({
      type: "clock_paused",
      actorUserId: handler.user.id,
      details: { reason: "waiting_for_municipality", startedOn: "2026-04-25" },
    });

    // Only one pause at a time.
    const before = await snapshot(d.id);
    expect(
      errorsOf(
        await post(d.number, handler, {
          intent: "pause_clock",
          pauseReason: "waiting_for_resident",
          pauseExplanation: "Nog iets.",
          pauseStart: "2026-04-25",
        }),
      ).pauseReason,
    ).toBe("De klok staat al stil. Laat hem eerst weer lopen.");
    expect(await snapshot(d.id)).toEqual(before);

    // Three days on, the running pause already counts on the page; the page only reads, and
    // housekeeping moves the stored target (which the queue sorts on).
    clock = new Date("2026-04-28T09:00:00Z");
    const running = await view(d.number, handler);
    expect(running.target).toMatchObject({ pausedDays: 3, target: "2026-07-23", running: true });
    expect(running.pause).toMatchObject({ startedOn: "2026-04-25", reason: "waiting_for_municipality" });
    expect((await row(d.id)).handlingDueOn).toBe("2026-07-20");
    expect(await refreshRunningPauses(services)).toBeGreaterThanOrEqual(1);
    expect((await row(d.id)).handlingDueOn).toBe("2026-07-23");

    clock = new Date("2026-05-02T09:00:00Z");
    expect(errorsOf(await post(d.number, handler, { intent: "resume_clock", resumeEnd: "2026-04-24" })).resumeEnd).toBe(
      "De klok kan niet weer lopen vóór de dag waarop hij stil kwam te staan (25 april 2026).",
    );
    expectDone(
      await post(d.number, handler, { intent: "resume_clock", resumeEnd: "2026-05-02" }),
      d.number,
      "resume_clock",
    );
    expect((await row(d.id)).handlingDueOn).toBe("2026-07-27");
    expect((await eventsOf(d.id)).at(-1)).toMatchObject({
      type: "clock_resumed",
      details: { endedOn: "2026-05-02", days: 7, handlingDueOn: "2026-07-27" },
    });
    expect(await auditsOf(d.id, "dossier.clock_paused")).toHaveLength(1);
    expect(await auditsOf(d.id, "dossier.clock_resumed")).toHaveLength(1);

    // Later days no longer move it.
    clock = new Date("2026-05-20T09:00:00Z");
    const page = await view(d.number, handler);
    expect(page.target).toMatchObject({ base: "2026-07-20", pausedDays: 7, target: "2026-07-27", running: false });
    expect(page.casework.pauses).toEqual([
      expect.objectContaining({
        reason: "waiting_for_municipality",
        explanation: "Stukken opgevraagd bij Zaanstad.",
        startedOn: "2026-04-25",
        endedOn: "2026-05-02",
        createdByName: "Sanne de Behandelaar",
      }),
    ]);
    expect((await row(d.id)).handlingDueOn).toBe("2026-07-27");
  });

  it("refuses a second pause that starts inside the first, a resume with nothing running, and a pause without explanation", async () => {
    const d = await newDossier();
    expectDone(
      await post(d.number, handler, {
        intent: "pause_clock",
        pauseReason: "waiting_for_resident",
        pauseExplanation: "Wacht op brief.",
        pauseStart: "2026-04-21",
      }),
      d.number,
      "pause_clock",
    );
    expectDone(
      await post(d.number, handler, { intent: "resume_clock", resumeEnd: "2026-04-23" }),
      d.number,
      "resume_clock",
    );
    expect((await row(d.id)).handlingDueOn).toBe("2026-07-22");
    const before = await snapshot(d.id);
    expect(errorsOf(await post(d.number, handler, { intent: "resume_clock", resumeEnd: "2026-04-25" })).resumeEnd).toBe(
      "De klok loopt al.",
    );
    expect(
      errorsOf(
        await post(d.number, handler, {
          intent: "pause_clock",
          pauseReason: "waiting_for_resident",
          pauseExplanation: "Weer.",
          pauseStart: "2026-04-22",
        }),
      ).pauseStart,
    ).toBe("De klok stond tot 23 april 2026 al stil. Kies die dag of een latere dag.");
    expect(
      errorsOf(
        await post(d.number, handler, {
          intent: "pause_clock",
          pauseReason: "waiting_for_resident",
          pauseExplanation: "",
          pauseStart: "2026-04-25",
        }),
      ),
    ).toEqual({
      pauseExplanation: "Schrijf waarom de klok stilstaat.",
    });
    expect(
      errorsOf(
        await post(d.number, handler, { intent: "pause_clock", pauseExplanation: "x", pauseStart: "2026-04-26" }),
      ),
    ).toEqual({
      pauseReason: "Kies waarop u wacht.",
    });
    expect(await snapshot(d.id)).toEqual(before);
  });

  it("ends a running pause when the dossier is closed", async () => {
    const d = await newDossier({ status: "intake" });
    expectDone(
      await post(d.number, handler, {
        intent: "pause_clock",
        pauseReason: "waiting_for_resident",
        pauseExplanation: "Wacht.",
        pauseStart: "2026-04-22",
      }),
      d.number,
      "pause_clock",
    );
    expectDone(
      await post(d.number, handler, { intent: "change_status", to: "closed", outcome: "withdrawn" }),
      d.number,
      "change_status",
    );
    const [pause] = await database.db.select().from(dossierPauses).where(eq(dossierPauses.dossierId, d.id));
    expect(pause?.endedOn).toBe("2026-04-25");
    expect((await row(d.id)).handlingDueOn).toBe("2026-07-23");
    expect((await eventsOf(d.id)).slice(-2).map((e) => [e.type, e.details.trigger ?? e.details.to])).toEqual([
      ["clock_resumed", "closed"],
      ["status_changed", "closed"],
    ]);
  });
});

describe("documents", () => {
  it("streams a document to storage and records who added it and who may see it", async () => {
    const d = await newDossier();
    const keysBefore = await storedKeys(services, "attachments/");
    const result = await postMultipart(d.number, handler, [
      ["intent", "add_document"],
      ["file", { name: "C:\\stukken\\Verslag gesprek.pdf", body: PDF_BYTES, type: "application/pdf" }],
      ["documentCategory", "evidence"],
      ["documentVisibility", "internal"],
    ]);
    expectDone(result, d.number, "add_document");
    const rows = await database.db
      .select()
      .from(dossierAttachments)
      .where(and(eq(dossierAttachments.dossierId, d.id), eq(dossierAttachments.fileName, "Verslag gesprek.pdf")));
    expect(rows).toHaveLength(1);
    const added = rows[0]!;
    expect(added).toMatchObject({
      category: "evidence",
      contentType: "application/pdf",
      size: PDF_BYTES.length,
      visibility: "internal",
      addedBy: handler.user.id,
    });
    expect(added.storageKey).toMatch(/^attachments\/[0-9a-f-]{36}$/);
    expect(added.uploadedAt.toISOString()).toBe(START.toISOString());
    expect((await readObject(services, added.storageKey)).equals(PDF_BYTES)).toBe(true);
    expect(await storedKeys(services, "attachments/")).toEqual([...keysBefore, added.storageKey].sort());
    expect((await eventsOf(d.id)).at(-1)).toMatchObject({
      type: "document_added",
      actorUserId: handler.user.id,
      details: {
        attachmentId: added.id,
        fileName: "Verslag gesprek.pdf",
        visibility: "internal",
        category: "evidence",
      },
    });
    const [audit] = await auditsOf(d.id, "dossier.document_added");
    expect(audit?.details).toMatchObject({ attachmentId: added.id, visibility: "internal" });

    const page = await view(d.number, handler);
    expect(page.dossier.attachments.find((a) => a.id === added.id)).toMatchObject({
      addedByName: "Sanne de Behandelaar",
      visibility: "internal",
    });
    expect(JSON.stringify(page)).not.toContain("attachments/");
  });

  it("refuses an .exe renamed .pdf with the intake's words and stores nothing", async () => {
    const d = await newDossier();
    const keysBefore = await storedKeys(services);
    const before = await snapshot(d.id);
    const result = await postMultipart(d.number, handler, [
      ["intent", "add_document"],
      ["file", { name: "factuur.pdf", body: EXE_AS_PDF, type: "application/pdf" }],
      ["documentCategory", "evidence"],
      ["documentVisibility", "shared"],
    ]);
    const { data } = asData<ActionPayload>(result);
    expect(data.errors).toEqual({ file: "Het bestand factuur.pdf is geen PDF, afbeelding of document." });
    expect(data.values).toEqual({ documentCategory: "evidence", documentVisibility: "shared" });
    expect(await storedKeys(services)).toEqual(keysBefore);
    expect(await snapshot(d.id)).toEqual(before);
  });

  it("refuses a file over the size limit, a missing file and missing choices, leaving nothing behind", async () => {
    const small = createTestServices(database, { now: () => clock, env: { UPLOAD_MAX_FILE_MB: "1" } });
    try {
      const d = await createDossier(database.db, small.storage, { submittedAt: new Date("2026-04-20T09:30:00Z") });
      const keysBefore = await storedKeys(small);
      const big = Buffer.concat([PDF_BYTES, Buffer.alloc(1.5 * 1024 * 1024, 0x20)]);
      const form = new FormData();
      form.append("_csrf", contextFor(small).csrfToken);
      form.append("intent", "add_document");
      form.append("file", new File([new Uint8Array(big)], "scan.pdf", { type: "application/pdf" }));
      form.append("documentCategory", "evidence");
      form.append("documentVisibility", "shared");
      const cookie = getRequest("/", { cookie: handler.cookie }).headers.get("Cookie") ?? "";
      const request = new Request(new URL(path(d.number), BASE_URL), {
        method: "POST",
        body: form,
        headers: { Cookie: cookie },
      });
      const result = await settle(() =>
        dossierAction({ request, context: contextFor(small), params: { number: d.number } }),
      );
      expect(errorsOf(result)).toEqual({ file: "Het bestand scan.pdf is groter dan 1 MB." });
      expect(await storedKeys(small)).toEqual(keysBefore);
    } finally {
      small.cleanup();
    }

    const d = await newDossier();
    const before = await snapshot(d.id);
    expect(
      errorsOf(
        await postMultipart(d.number, handler, [
          ["intent", "add_document"],
          ["file", { name: "", body: "" }],
          ["documentCategory", "evidence"],
          ["documentVisibility", "shared"],
        ]),
      ),
    ).toEqual({
      file: "Kies een bestand.",
    });
    const keysBefore = await storedKeys(services);
    expect(
      errorsOf(
        await postMultipart(d.number, handler, [
          ["intent", "add_document"],
          ["file", { name: "brief.pdf", body: PDF_BYTES }],
        ]),
      ),
    ).toEqual({
      documentCategory: "Kies de soort document.",
      documentVisibility: "Kies wie het document mag zien.",
    });
    expect(await storedKeys(services)).toEqual(keysBefore);
    expect(await snapshot(d.id)).toEqual(before);
  });

  it("answers 403 to a multipart post whose file comes before the CSRF token, or that has none", async () => {
    const d = await newDossier();
    const keysBefore = await storedKeys(services);
    const parts: Part[] = [
      ["intent", "add_document"],
      ["file", { name: "brief.pdf", body: PDF_BYTES }],
      ["documentCategory", "evidence"],
      ["documentVisibility", "shared"],
    ];
    expect(asResponse(await postMultipart(d.number, handler, parts, { csrf: "last" })).status).toBe(403);
    expect(asResponse(await postMultipart(d.number, handler, parts, { csrf: "none" })).status).toBe(403);
    expect(await storedKeys(services)).toEqual(keysBefore);
  });

  it("changes who may see a document, with a reason, and only a document of this dossier", async () => {
    const d = await newDossier();
    const other = await newDossier();
    const doc = d.attachments[0]!;
    // Without a reason nothing changes, and the row's field says why.
    const unchanged = await snapshot(d.id);
    expect(
      errorsOf(
        await post(d.number, handler, { intent: "set_visibility", attachmentId: doc.id, visibility: "internal" }),
      ),
    ).toEqual({ [`visibility-${doc.id}`]: "Geef de reden waarom u wijzigt wie het document mag zien." });
    expect(await snapshot(d.id)).toEqual(unchanged);
    expectDone(
      await post(d.number, handler, {
        intent: "set_visibility",
        attachmentId: doc.id,
        visibility: "internal",
        visibilityReason: "Verzoek van de gemeente",
      }),
      d.number,
      "set_visibility",
    );
    const [changed] = await database.db.select().from(dossierAttachments).where(eq(dossierAttachments.id, doc.id));
    expect(changed?.visibility).toBe("internal");
    expect((await eventsOf(d.id)).at(-1)).toMatchObject({
      type: "visibility_changed",
      details: { attachmentId: doc.id, from: "shared", to: "internal", reason: "Verzoek van de gemeente" },
    });
    expect((await auditsOf(d.id, "dossier.visibility_changed")).map((a) => a.details)).toEqual([
      { number: d.number, attachmentId: doc.id, from: "shared", to: "internal" },
    ]);

    // The same choice again records nothing.
    const before = await snapshot(d.id);
    expectDone(
      await post(d.number, handler, {
        intent: "set_visibility",
        attachmentId: doc.id,
        visibility: "internal",
        visibilityReason: "Verzoek van de gemeente",
      }),
      d.number,
      "set_visibility",
    );
    expect(await snapshot(d.id)).toEqual(before);

    const foreign = other.attachments[0]!;
    const otherBefore = await snapshot(other.id);
    expect(
      errorsOf(
        await post(d.number, handler, {
          intent: "set_visibility",
          attachmentId: foreign.id,
          visibility: "internal",
          visibilityReason: "Verzoek van de gemeente",
        }),
      ),
    ).toEqual({
      [`visibility-${foreign.id}`]: "Dit document hoort niet bij dit dossier.",
    });
    expect(await snapshot(other.id)).toEqual(otherBefore);
  });
});

describe("mail to the resident", () => {
  it("prefills a standard text in the resident's language and puts the mail in the outbox with the placeholders filled", async () => {
    const d = await newDossier({
      locale: "en",
      assigneeId: handler.user.id,
      representative: { name: "Joost de Vries", email: "joost@example.test" },
    });
    const page = await view(d.number, coordinator, "?tekst=acknowledgement");
    expect(page.mail).toMatchObject({
      to: "joost@example.test",
      name: "Joost de Vries",
      locale: "en",
      template: "acknowledgement",
    });
    expect(page.mail.draft?.subject).toBe(`Your complaint to the ombudsman, case file ${d.number}`);
    expect(page.mail.draft?.body).toContain("Dear Joost de Vries,");
    // The handler is the assignee, even when a coordinator sends it.
    expect(page.mail.draft?.body).toContain("Sanne de Behandelaar\nOmbudsman Metropool Amsterdam");
    expect(Object.keys(page.mail.texts)).toHaveLength(4);

    const wakes = services.wakeCount();
    const body = `${page.mail.draft!.body}\n\nP.S. {naam}, your number is {dossiernummer}.`;
    expectDone(
      await post(d.number, coordinator, {
        intent: "send_mail",
        mailTemplate: "acknowledgement",
        mailSubject: page.mail.draft!.subject,
        mailBody: body,
      }),
      d.number,
      "send_mail",
    );
    const mails = await database.db.select().from(mailOutbox).where(eq(mailOutbox.subjectId, d.id));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail).toMatchObject({
      toAddress: "joost@example.test",
      locale: "en",
      subjectType: "dossier",
      status: "pending",
      subject: `Your complaint to the ombudsman, case file ${d.number}`,
    });
    expect(mail.textBody).toContain(`P.S. Joost de Vries, your number is ${d.number}.`);
    expect(mail.textBody).not.toMatch(/\{(naam|dossiernummer|behandelaar)\}/);
    expect(services.wakeCount()).toBe(wakes + 1);
    expect((await eventsOf(d.id)).at(-1)).toMatchObject({
      type: "mail_sent",
      actorUserId: coordinator.user.id,
      details: { outboxId: mail.id, template: "acknowledgement", to: "joost@example.test", locale: "en" },
    });
    const [audit] = await auditsOf(d.id, "dossier.mail_sent");
    expect(audit?.details).toEqual({ number: d.number, outboxId: mail.id, template: "acknowledgement", locale: "en" });
  });

  it("writes to the complainant in Dutch when there is no representative, signed by the sender when nobody is assigned", async () => {
    const d = await newDossier({ complainant: { name: "Fatima el Amrani", email: "fatima@example.test" } });
    const page = await view(d.number, handler, "?tekst=request_information");
    expect(page.mail.draft?.subject).toBe(`Wij hebben meer informatie nodig, dossier ${d.number}`);
    // The standard text asks for its own blanks to be filled in first.
    expect(
      errorsOf(
        await post(d.number, handler, {
          intent: "send_mail",
          mailSubject: page.mail.draft!.subject,
          mailBody: page.mail.draft!.body,
        }),
      ),
    ).toEqual({
      mailBody: "Vul de tekst tussen de rechte haken [ ] zelf in.",
    });
    const filled = page.mail.draft!.body.replace(
      "[Vul hier in welke informatie u nodig heeft.]",
      "- een kopie van uw brief",
    );
    expectDone(
      await post(d.number, handler, {
        intent: "send_mail",
        mailTemplate: "request_information",
        mailSubject: page.mail.draft!.subject,
        mailBody: filled,
      }),
      d.number,
      "send_mail",
    );
    const [mail] = await database.db.select().from(mailOutbox).where(eq(mailOutbox.subjectId, d.id));
    expect(mail).toMatchObject({ toAddress: "fatima@example.test", locale: "nl" });
    expect(mail?.textBody).toMatch(/^Beste Fatima el Amrani,/);
    expect(mail?.textBody).toContain("Sanne de Behandelaar\nOmbudsman Metropool Amsterdam");
  });

  it("refuses when the resident has no e-mail address, and says so", async () => {
    const d = await newDossier({
      complainant: { name: "Piet Zonder Mail", email: null, phone: "020 123 4567", preferredChannel: "phone" },
    });
    const page = await view(d.number, handler);
    expect(page.mail.to).toBeNull();
    const before = await snapshot(d.id);
    expect(
      errorsOf(
        await post(d.number, handler, { intent: "send_mail", mailSubject: "Uw klacht", mailBody: "Beste {naam}" }),
      ),
    ).toEqual({
      mailTo: "Van Piet Zonder Mail is geen e-mailadres bekend. Neem per telefoon of brief contact op.",
    });
    expect(errorsOf(await post(d.number, handler, { intent: "send_mail", mailSubject: "", mailBody: "" }))).toEqual({
      mailSubject: "Vul een onderwerp in.",
      mailBody: "Schrijf het bericht.",
    });
    expect(await snapshot(d.id)).toEqual(before);
  });
});

describe("who may act", () => {
  it("answers a municipality officer 404 for every intent, as for a dossier that does not exist, and changes nothing", async () => {
    const d = await newDossier({ municipalityId: "amsterdam" });
    const before = await snapshot(d.id);
    for (const intent of INTENTS) {
      const result = await post(d.number, officer, { intent, assigneeId: officer.user.id, note: "x", to: "intake" });
      expect(asResponse(result).status, intent).toBe(404);
    }
    const upload = await postMultipart(d.number, officer, [
      ["intent", "add_document"],
      ["file", { name: "brief.pdf", body: PDF_BYTES }],
      ["documentCategory", "evidence"],
      ["documentVisibility", "shared"],
    ]);
    expect(asResponse(upload).status).toBe(404);
    expect(await snapshot(d.id)).toEqual(before);
  });

  it("refuses the domain functions themselves to anyone who is not staff", async () => {
    const d = await newDossier({ municipalityId: "amsterdam" });
    const before = await snapshot(d.id);
    const scope: CommandScope = {
      ctx: contextFor(services),
      actor: {
        id: officer.user.id,
        role: "municipality_officer",
        municipalityId: "amsterdam",
        name: officer.user.name,
      },
      number: d.number,
    };
    expect(await addNote(scope, { note: "Mag niet" })).toEqual({ ok: false, code: "not-found" });
    expect(await assignDossier(scope, { assigneeId: officer.user.id })).toEqual({ ok: false, code: "not-found" });
    expect(await snapshot(d.id)).toEqual(before);
  });

  it("sends a visitor without a session to sign in, refuses a missing CSRF token and an unknown intent, and 404s an unknown dossier", async () => {
    const d = await newDossier();
    expect(locationOf(await post(d.number, null, { intent: "add_note", note: "x" }))).toMatch(/^\/inloggen\?terug=/);
    const request = postForm(
      path(d.number),
      services,
      { intent: "add_note", note: "x" },
      { cookie: handler.cookie, csrf: false },
    );
    expect(
      asResponse(
        await settle(() => dossierAction({ request, context: contextFor(services), params: { number: d.number } })),
      ).status,
    ).toBe(403);
    expect(asResponse(await post(d.number, handler, { intent: "delete_everything" })).status).toBe(400);
    expect(asResponse(await post("OMA-2026-99999", handler, { intent: "add_note", note: "x" })).status).toBe(404);
    expect((await snapshot(d.id)).notes).toEqual([]);
  });
});

describe("the history", () => {
  it("is append-only: every action adds events and none changes or removes one", async () => {
    const d = await newDossier({ complainant: { name: "Fatima el Amrani", email: "fatima@example.test" } });
    const seen: (typeof dossierEvents.$inferSelect)[] = [];
    const check = async () => {
      const now = await eventsOf(d.id);
      // Every event seen before is still there, unchanged, in the same place.
      expect(now.slice(0, seen.length)).toEqual(seen);
      expect(now.length).toBeGreaterThan(seen.length);
      seen.splice(0, seen.length, ...now);
    };
    seen.push(...(await eventsOf(d.id)));
    const steps: Record<string, string>[] = [
      { intent: "assign", assigneeId: handler.user.id },
      { intent: "record_contact", contactChannel: "phone", contactDate: "2026-04-24", contactSummary: "Gebeld." },
      { intent: "change_status", to: "investigation" },
      { intent: "add_note", note: "Onderzoek gestart." },
      {
        intent: "set_visibility",
        attachmentId: d.attachments[0]!.id,
        visibility: "internal",
        visibilityReason: "Verzoek van de gemeente",
      },
      {
        intent: "pause_clock",
        pauseReason: "waiting_for_municipality",
        pauseExplanation: "Stukken gevraagd.",
        pauseStart: "2026-04-24",
      },
      { intent: "resume_clock", resumeEnd: "2026-04-25" },
      { intent: "send_mail", mailSubject: "Uw dossier {dossiernummer}", mailBody: "Beste {naam}, we zijn bezig." },
      { intent: "change_status", to: "closed", outcome: "report_with_finding", finding: "unfounded" },
    ];
    for (const fields of steps) {
      expectDone(await post(d.number, coordinator, fields), d.number, fields.intent!);
      await check();
      if (fields.intent === "add_note") {
        const parts: Part[] = [
          ["intent", "add_document"],
          ["file", { name: "aantekeningen.txt", body: "Aantekeningen bij het gesprek" }],
          ["documentCategory", "evidence"],
          ["documentVisibility", "internal"],
        ];
        expectDone(await postMultipart(d.number, handler, parts), d.number, "add_document");
        await check();
      }
    }
    // A refused action adds nothing either.
    expect(errorsOf(await post(d.number, coordinator, { intent: "add_note", note: "" })).note).toBe(
      "Schrijf de notitie.",
    );
    const final = await eventsOf(d.id);
    expect(final).toEqual(seen);
    expect(final.map((e) => e.type)).toEqual([
      "submitted",
      "assigned",
      "contact_recorded",
      "status_changed",
      "status_changed",
      "note_added",
      "document_added",
      "visibility_changed",
      "clock_paused",
      "clock_resumed",
      "mail_sent",
      "status_changed",
    ]);
  });

  it("shows every event with its actor, and has a label for every event type in both languages", async () => {
    const d = await newDossier();
    await post(d.number, handler, { intent: "assign", assigneeId: handler.user.id });
    const page = await view(d.number, handler);
    expect(page.dossier.events.map((e) => [e.type, e.actorName])).toEqual([
      ["submitted", null],
      ["assigned", "Sanne de Behandelaar"],
    ]);
    const types = await database.db.selectDistinct({ type: dossierEvents.type }).from(dossierEvents);
    expect(types.length).toBeGreaterThanOrEqual(10);
    for (const { type } of types) {
      expect(messagesFor("nl").dossier.eventTypes, type).toHaveProperty(type);
      expect(messagesFor("en").dossier.eventTypes, type).toHaveProperty(type);
    }
  });
});

describe("housekeeping of running pauses", () => {
  it("moves the stored handling target of a paused dossier day by day, without anyone opening it", async () => {
    const { dossierPauses: pausesTable, dossiers: dossiersTable } = await import("#db/schema/index");
    const { eq: eqOp } = await import("drizzle-orm");
    const { createDossier: make, createUser: makeUser } = await import("#test/support/factories");
    const handler = await makeUser(database.db, { role: "case_handler" });
    const d = await make(database.db, services.storage, { submittedAt: new Date("2026-03-02T09:00:00Z") });
    await database.db.insert(pausesTable).values({
      dossierId: d.id,
      reason: "waiting_for_resident",
      explanation: "Wacht op stukken",
      startedOn: "2026-03-03",
      createdBy: handler.id,
    });
    const on = (iso: string) => ({ ...services, now: () => new Date(`${iso}T08:00:00Z`) });
    await refreshRunningPauses(on("2026-03-05"));
    const [a] = await database.db
      .select({ due: dossiersTable.handlingDueOn })
      .from(dossiersTable)
      .where(eqOp(dossiersTable.id, d.id));
    await refreshRunningPauses(on("2026-03-06"));
    const [b] = await database.db
      .select({ due: dossiersTable.handlingDueOn })
      .from(dossiersTable)
      .where(eqOp(dossiersTable.id, d.id));
    expect(a?.due).toBe("2026-06-03");
    expect(b?.due).toBe("2026-06-04");
  });
});

describe("sharing from the dossier page", () => {
  it("shares a chosen document, refuses an ombudsman-only one in words, and shows what went along", async () => {
    const d = await newDossier({
      municipalityId: "amsterdam",
      attachments: [
        { category: "evidence", fileName: "brief.pdf", contentType: "application/pdf", body: PDF_BYTES },
        {
          category: "evidence",
          fileName: "medisch.pdf",
          contentType: "application/pdf",
          body: PDF_BYTES,
          visibility: "internal",
        },
      ],
    });
    const [open, internal] = d.attachments;
    expect(errorsOf(await post(d.number, handler, { intent: "share", documents: internal!.id })).documents).toBe(
      messagesFor("nl").casework.documentOmbudsmanOnly,
    );
    expect(errorsOf(await post(d.number, handler, { intent: "share", documents: "geen-id" })).documents).toBeTruthy();
    expect((await view(d.number, handler)).sharedAttachmentIds).toEqual([]);

    expectDone(await post(d.number, handler, { intent: "share", documents: open!.id }), d.number, "share");
    const page = await view(d.number, handler);
    expect(page.sharedAttachmentIds).toEqual([open!.id]);
    expect(page.dossier.events.map((e) => e.type)).toContain("shared");
  });
});
