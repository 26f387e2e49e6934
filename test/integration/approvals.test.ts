import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import { action as dossierAction, loader as dossierLoader } from "#app/routes/behandelaar.dossiers.$number/route";
import { loader as letterLoader } from "#app/routes/behandelaar.dossiers.$number.afsluitbrief[.]pdf";
import { loader as listLoader } from "#app/routes/behandelaar.goedkeuringen";
import { action as intakeAction } from "#app/routes/behandelaar.nieuw";
import { auditEvents, dossierApprovals, dossierEvents, dossiers, mailOutbox, type User } from "#db/schema/index";
import { createDossier, createUser, type NewDossierInput } from "#test/support/factories";
import { contextFor, createTestServices, getRequest, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { asData, locationOf } from "#test/support/intake";
import { pdfText, taggingOf } from "#test/support/pdf";

/**
 * Four eyes (issue 14): a handler's close as not taken up or referred and an override at
 * registration wait for a coordinator; approving applies the change naming both, sending back
 * records the reason. After closing: reopening with a reason, the closing letter by mail and PDF.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let small: ReturnType<typeof createTestServices>;
const NOW = new Date("2026-06-10T09:00:00Z");

type Signed = { user: User; cookie: string };
let handler: Signed;
let coordinator: Signed;
let otherCoordinator: Signed;

async function signedIn(role: "case_handler" | "coordinator", name: string): Promise<Signed> {
  const user = await createUser(database.db, { role, name });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { user, cookie: `oma_session=${id}` };
}

const path = (number: string) => `/behandelaar/dossiers/${number}`;
const newDossier = (overrides: NewDossierInput = {}) =>
  createDossier(database.db, services.storage, { submittedAt: new Date("2026-04-20T09:30:00Z"), ...overrides });

function post(number: string, who: Signed, fields: Record<string, string>, svc = services) {
  const request = postForm(path(number), svc, fields, { cookie: who.cookie });
  return settle(() => dossierAction({ request, context: contextFor(svc), params: { number } }));
}

async function view(number: string, who: Signed) {
  const result = await settle(() =>
    dossierLoader({
      request: getRequest(path(number), { cookie: who.cookie }),
      context: contextFor(services),
      params: { number },
    }),
  );
  if (result instanceof Response) throw new Error(`loader answered ${result.status}`);
  return result;
}

const row = async (id: string) => (await database.db.select().from(dossiers).where(eq(dossiers.id, id)))[0]!;
const eventsOf = (id: string) =>
  database.db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, id)).orderBy(asc(dossierEvents.id));
const approvalsOf = (id: string) =>
  database.db.select().from(dossierApprovals).where(eq(dossierApprovals.dossierId, id));
const errorsOf = (result: unknown) => {
  const { data, init } = asData<{ errors: Record<string, string> }>(result);
  expect(init?.status).toBe(400);
  return data.errors;
};

const closeNotTakenUp = {
  intent: "change_status",
  to: "closed",
  outcome: "not_taken_up",
  reason: "awb_9_23_b",
  statusExplanation: "Kennelijk ongegrond.",
};

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => NOW });
  small = createTestServices(database, { now: () => NOW, env: { FOUR_EYES: "false" } });
  handler = await signedIn("case_handler", "Sanne de Behandelaar");
  coordinator = await signedIn("coordinator", "Karim Coördinator");
  otherCoordinator = await signedIn("coordinator", "Ineke Tweede");
});

afterAll(async () => {
  services.cleanup();
  small.cleanup();
  await database.destroy();
});

describe("four eyes on closing", () => {
  it("turns a handler's close as not taken up into a request: the dossier stays open and shows it awaits approval", async () => {
    const d = await newDossier({ status: "intake", assigneeId: handler.user.id });
    expect(locationOf(await post(d.number, handler, closeNotTakenUp))).toBe(
      `${path(d.number)}?gedaan=approval_requested#inhoud`,
    );
    expect(await row(d.id)).toMatchObject({ status: "intake", closedAt: null, outcome: null });
    const [approval] = await approvalsOf(d.id);
    expect(approval).toMatchObject({
      kind: "close",
      state: "pending",
      askedBy: handler.user.id,
      proposal: { outcome: "not_taken_up", reason: "awb_9_23_b", explanation: "Kennelijk ongegrond." },
    });
    expect((await eventsOf(d.id)).map((e) => e.type)).toEqual(["submitted", "approval_requested"]);
    const page = await view(d.number, handler);
    expect(page.approval).toMatchObject({ state: "pending", askedByName: "Sanne de Behandelaar", kind: "close" });
    // A second proposal waits for the first.
    expect(errorsOf(await post(d.number, handler, { ...closeNotTakenUp, outcome: "referred" }))).toEqual({
      to: "Er wacht al een voorstel op goedkeuring voor dit dossier.",
    });
    // The coordinators' list has it.
    const list = await settle(() =>
      listLoader({
        request: getRequest("/behandelaar/goedkeuringen", { cookie: coordinator.cookie }),
        context: contextFor(services),
        params: {},
      }),
    );
    expect(list).toMatchObject({ rows: expect.arrayContaining([expect.objectContaining({ number: d.number })]) });
  });

  it("applies the close when a coordinator approves, naming who asked and who approved", async () => {
    const d = await newDossier({ status: "intake", assigneeId: handler.user.id });
    await post(d.number, handler, { ...closeNotTakenUp, outcome: "referred", reason: "" });
    const [approval] = await approvalsOf(d.id);
    // A handler cannot decide.
    const forbidden = await post(d.number, handler, {
      intent: "decide_approval",
      approvalId: approval!.id,
      decision: "approve",
    });
    expect(forbidden).toBeInstanceOf(Response);
    expect((forbidden as Response).status).toBe(403);
    expect(
      locationOf(
        await post(d.number, coordinator, { intent: "decide_approval", approvalId: approval!.id, decision: "approve" }),
      ),
    ).toBe(`${path(d.number)}?gedaan=decide_approval#inhoud`);
    expect(await row(d.id)).toMatchObject({ status: "closed", outcome: "referred" });
    const events = await eventsOf(d.id);
    expect(events.map((e) => e.type)).toEqual([
      "submitted",
      "approval_requested",
      "status_changed",
      "approval_decided",
    ]);
    expect(events[2]).toMatchObject({
      actorUserId: coordinator.user.id,
      details: {
        from: "intake",
        to: "closed",
        outcome: "referred",
        askedByName: "Sanne de Behandelaar",
        approvedByName: "Karim Coördinator",
      },
    });
    expect((await approvalsOf(d.id))[0]).toMatchObject({ state: "approved", decidedBy: coordinator.user.id });
    // Deciding twice is refused.
    expect(
      errorsOf(
        await post(d.number, otherCoordinator, {
          intent: "decide_approval",
          approvalId: approval!.id,
          decision: "approve",
        }),
      ),
    ).toEqual({ approvalDecision: "Over dit voorstel is al besloten." });
  });

  it("keeps the dossier open when sent back, records the reason and mails the handler who asked", async () => {
    const d = await newDossier({ status: "intake", assigneeId: handler.user.id });
    await post(d.number, handler, closeNotTakenUp);
    const [approval] = await approvalsOf(d.id);
    const fields = { intent: "decide_approval", approvalId: approval!.id, decision: "send_back" };
    expect(errorsOf(await post(d.number, coordinator, fields))).toEqual({
      approvalReason: "Geef een reden waarom u het voorstel terugstuurt.",
    });
    await post(d.number, coordinator, { ...fields, approvalReason: "Bel de klager eerst." });
    expect(await row(d.id)).toMatchObject({ status: "intake", closedAt: null });
    expect((await approvalsOf(d.id))[0]).toMatchObject({ state: "sent_back", reason: "Bel de klager eerst." });
    expect((await eventsOf(d.id)).at(-1)).toMatchObject({
      type: "approval_decided",
      details: { decision: "sent_back", reason: "Bel de klager eerst.", askedByName: "Sanne de Behandelaar" },
    });
    const mails = await database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.subjectId, d.id), eq(mailOutbox.kind, "approval_sent_back")));
    expect(mails.map((m) => m.toAddress)).toEqual([handler.user.email]);
    expect(mails[0]?.textBody).not.toContain("Bel de klager");
    expect((await view(d.number, handler)).approval).toMatchObject({
      state: "sent_back",
      reason: "Bel de klager eerst.",
    });
  });

  it("closes at once with the setting off, and for a coordinator, who may not approve their own request", async () => {
    const d = await newDossier({ status: "intake" });
    await post(d.number, handler, closeNotTakenUp, small);
    expect(await row(d.id)).toMatchObject({ status: "closed", outcome: "not_taken_up" });
    expect(await approvalsOf(d.id)).toEqual([]);

    const e = await newDossier({ status: "intake" });
    await post(e.number, coordinator, closeNotTakenUp);
    expect(await row(e.id)).toMatchObject({ status: "closed", outcome: "not_taken_up" });

    // A request by someone who is a coordinator now (promoted since asking): not theirs to approve.
    const f = await newDossier({ status: "intake" });
    await post(f.number, handler, closeNotTakenUp);
    const [approval] = await approvalsOf(f.id);
    await database.db
      .update(dossierApprovals)
      .set({ askedBy: coordinator.user.id })
      .where(eq(dossierApprovals.id, approval!.id));
    expect(
      errorsOf(
        await post(f.number, coordinator, { intent: "decide_approval", approvalId: approval!.id, decision: "approve" }),
      ),
    ).toEqual({ approvalDecision: "U heeft dit zelf gevraagd. Een andere coördinator moet het goedkeuren." });
    expect(await row(f.id)).toMatchObject({ status: "intake" });
  });

  it("lets a handler close with another outcome without approval", async () => {
    const d = await newDossier({ status: "intake" });
    await post(d.number, handler, { intent: "change_status", to: "closed", outcome: "withdrawn" });
    expect(await row(d.id)).toMatchObject({ status: "closed", outcome: "withdrawn" });
  });
});

describe("four eyes on an override at registration", () => {
  const expired = {
    channel: "phone",
    municipalityId: "amsterdam",
    topic: "conduct",
    courtCase: "no",
    complainedFirst: "yes",
    "receivedOn.day": "1",
    "receivedOn.month": "4",
    "receivedOn.year": "2025",
    answerStatus: "answered",
    "answeredOn.day": "1",
    "answeredOn.month": "5",
    "answeredOn.year": "2025",
    "complainant.name": "Fatima el Amrani",
    "complainant.street": "Javastraat",
    "complainant.houseNumber": "12-2",
    "complainant.postcode": "1094hb",
    "complainant.city": "Amsterdam",
    "complainant.email": "",
    "complainant.phone": "06 1234 5678",
    "complainant.preferredChannel": "phone",
    hasRepresentative: "no",
    "complaint.text": "Niemand belde terug.",
    "complaint.place": "Telefonisch",
    "complaint.day": "15",
    "complaint.month": "2",
    "complaint.year": "2025",
    "complaint.people": "",
    "complaint.desiredOutcome": "",
    overrideReason: "Klager lag een jaar in het ziekenhuis.",
  };

  it("registers the dossier awaiting approval; the coordinator's approval records the override", async () => {
    const request = postForm("/behandelaar/nieuw", services, expired, { cookie: handler.cookie });
    const location = locationOf(
      await settle(() => intakeAction({ request, context: contextFor(services), params: {} })),
    );
    const number = location.replace("/behandelaar/dossiers/", "");
    const [d] = await database.db.select().from(dossiers).where(eq(dossiers.number, number));
    expect((await eventsOf(d!.id)).map((e) => e.type)).toEqual(["submitted", "approval_requested"]);
    const [approval] = await approvalsOf(d!.id);
    expect(approval).toMatchObject({
      kind: "override",
      state: "pending",
      proposal: { outcome: "window_expired", reason: "Klager lag een jaar in het ziekenhuis." },
    });
    expect((await view(number, handler)).approval).toMatchObject({ state: "pending", kind: "override" });

    await post(number, coordinator, { intent: "decide_approval", approvalId: approval!.id, decision: "approve" });
    const events = await eventsOf(d!.id);
    expect(events.map((e) => e.type)).toEqual([
      "submitted",
      "approval_requested",
      "eligibility_overridden",
      "approval_decided",
    ]);
    expect(events[2]).toMatchObject({
      actorUserId: coordinator.user.id,
      details: {
        outcome: "window_expired",
        reason: "Klager lag een jaar in het ziekenhuis.",
        askedByName: "Sanne de Behandelaar",
        approvedByName: "Karim Coördinator",
      },
    });
    expect((await view(number, handler)).approval).toMatchObject({ state: "approved" });
  });
  it("keeps a sent-back override registered without the override, and tells the handler what to do", async () => {
    const request = postForm("/behandelaar/nieuw", services, expired, { cookie: handler.cookie });
    const location = locationOf(
      await settle(() => intakeAction({ request, context: contextFor(services), params: {} })),
    );
    const number = location.replace("/behandelaar/dossiers/", "");
    const [d] = await database.db.select().from(dossiers).where(eq(dossiers.number, number));
    const [approval] = await approvalsOf(d!.id);
    await post(number, coordinator, {
      intent: "decide_approval",
      approvalId: approval!.id,
      decision: "send_back",
      approvalReason: "Geen bewijs van de opname.",
    });
    const types = (await eventsOf(d!.id)).map((e) => e.type);
    expect(types).not.toContain("eligibility_overridden");
    expect(types.at(-1)).toBe("approval_decided");
    expect(await row(d!.id)).toMatchObject({ status: "received" });
    expect((await view(number, handler)).approval).toMatchObject({
      kind: "override",
      state: "sent_back",
      reason: "Geen bewijs van de opname.",
      decidedByName: "Karim Coördinator",
    });
  });
});

describe("after closing", () => {
  it("reopens with a reason back to the status before closing; a second closing keeps both in the history", async () => {
    const d = await newDossier({ status: "intervention", handlingTargetWeeks: 6 });
    await post(d.number, handler, { intent: "change_status", to: "closed", outcome: "resolved_after_intervention" });
    expect(errorsOf(await post(d.number, handler, { intent: "reopen", reopenReason: "" }))).toEqual({
      reopenReason: "Geef een reden waarom u het dossier heropent.",
    });
    await post(d.number, handler, { intent: "reopen", reopenReason: "De gemeente kwam de afspraak niet na." });
    expect(await row(d.id)).toMatchObject({
      status: "intervention",
      closedAt: null,
      outcome: null,
      outcomeDetail: null,
    });
    const page = await view(d.number, handler);
    const reopened = page.dossier.events.find((e) => e.type === "reopened");
    // Submitted 20 April + 6 weeks = 1 June: on 10 June the target passed 9 days ago.
    expect(reopened?.details).toMatchObject({
      to: "intervention",
      reason: "De gemeente kwam de afspraak niet na.",
      handlingDueOn: "2026-06-01",
      daysPast: 9,
    });
    // The resident hears it is open again, in their language, without the internal reason.
    const told = await database.db
      .select({ text: mailOutbox.textBody })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "resident_update"), eq(mailOutbox.subjectId, d.id)));
    const reopenMail = told.find((m) => m.text.includes("weer in behandeling genomen"));
    expect(reopenMail).toBeTruthy();
    expect(reopenMail!.text).not.toContain("De gemeente kwam de afspraak niet na.");
    await post(d.number, handler, { intent: "change_status", to: "closed", outcome: "withdrawn" });
    const closings = (await eventsOf(d.id)).filter((e) => e.type === "status_changed" && e.details.to === "closed");
    expect(closings.map((e) => e.details.outcome)).toEqual(["resolved_after_intervention", "withdrawn"]);
    // An open dossier cannot be reopened.
    const e = await newDossier({ status: "intake" });
    expect(errorsOf(await post(e.number, handler, { intent: "reopen", reopenReason: "x" }))).toEqual({
      reopenReason: "Dit kan alleen bij een afgesloten dossier.",
    });
  });

  it("sends the closing letter by mail from the outcome's standard text, only once closed", async () => {
    const d = await newDossier({ status: "intake" });
    const letter = {
      intent: "send_closing_letter",
      mailSubject: "Afsluiting",
      mailBody: "Beste {naam}, wij sluiten af.",
    };
    expect(errorsOf(await post(d.number, handler, letter))).toEqual({
      mailSubject: "Dit kan alleen bij een afgesloten dossier.",
    });
    await post(d.number, coordinator, closeNotTakenUp);
    const page = await view(d.number, handler);
    expect(page.closingLetter?.subject).toBe(`Wij sluiten uw dossier ${d.number} af`);
    expect(page.closingLetter?.body).toContain("kennelijk ongegrond");
    expect(page.closingLetter?.body).toContain("Wij nemen uw klacht niet in behandeling");
    await post(d.number, handler, {
      ...letter,
      mailSubject: page.closingLetter!.subject,
      mailBody: page.closingLetter!.body,
    });
    const [mail] = await database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.subjectId, d.id), eq(mailOutbox.kind, "dossier-message")));
    expect(mail).toMatchObject({ toAddress: "fatima@example.test", subject: `Wij sluiten uw dossier ${d.number} af` });
    expect((await eventsOf(d.id)).at(-1)).toMatchObject({ type: "mail_sent", details: { template: "closing_letter" } });
  });

  it("gives the closing letter as a tagged PDF in the resident's language, audited; 404 while open", async () => {
    const d = await newDossier({ status: "intake", locale: "en" });
    const download = (number: string) =>
      settle(() =>
        letterLoader({
          request: getRequest(`${path(number)}/afsluitbrief.pdf`, { cookie: handler.cookie }),
          context: contextFor(services),
          params: { number },
        }),
      );
    expect(((await download(d.number)) as Response).status).toBe(404);
    await post(d.number, handler, { intent: "change_status", to: "closed", outcome: "withdrawn" });
    const response = (await download(d.number)) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const tagging = await taggingOf(bytes);
    // A StructTreeRoot with its Document and headings, MarkInfo Marked, the language.
    expect(tagging).toMatchObject({ marked: true, lang: "en-GB", document: "Document" });
    expect(tagging.elements).toContain("H1");
    const text = await pdfText(bytes);
    expect(text).toContain("We are closing your case file");
    expect(text).toContain("You withdrew your complaint.");
    const audits = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, d.id), eq(auditEvents.action, "dossier.closing_letter_downloaded")));
    expect(audits).toHaveLength(1);
  });
});
