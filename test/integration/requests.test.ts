import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import type { CaseworkActor, CommandScope } from "#app/dossiers/casework/command.server";
import { decideConfidentiality, decideExtension, sendRequest } from "#app/dossiers/casework/request.server";
import { shareDossier } from "#app/dossiers/casework/share.server";
import { reminderMail } from "#app/mail/request-reminder.server";
import { listQueue, parseQueueFilter } from "#app/dossiers/queue.server";
import { answerRequest, askExtension, requestsOf } from "#app/portal/requests.server";
import { listSharedDossiers } from "#app/portal/dossiers.server";
import { pauseClock, resumeClock } from "#app/dossiers/casework/clock.server";
import { sendRequestReminders } from "#app/portal/reminders.server";
import {
  action as requestAction,
  loader as requestLoader,
} from "#app/routes/gemeente.dossiers.$number_.verzoeken.$requestId";
import {
  auditEvents,
  dossierAttachments,
  dossierEvents,
  dossierPauses,
  dossiers,
  mailOutbox,
  municipalityRequests,
} from "#db/schema/index";
import { BASE_URL, contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createDossier, createUser } from "#test/support/factories";
import { asData, asResponse, PDF_BYTES } from "#test/support/intake";
import { startScriptProcess } from "#test/support/script-process";

/**
 * Requests to a municipality (issue 12): the handler sends one with its own term, the officer of
 * that municipality (and no other) asks for more time and answers with documents through the
 * portal's form, the handler decides, and the reminders go once each.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let clock = new Date("2026-11-27T10:00:00Z"); // a Friday: four weeks later is Christmas Day
let handler: CaseworkActor;
type Officer = CaseworkActor & { municipalityId: string; cookie: string; email: string };
let amsterdam: Officer;
let zaanstad: Officer;

const words = (o: { name: string }, link: string) => ({ subject: "Verzoek", text: `${o.name}: ${link}` });
const staffScope = (number: string): CommandScope => ({ ctx: contextFor(services), actor: handler, number });
const officerScope = (who: Officer, number: string) => ({ ctx: contextFor(services), actor: who, number });

async function officer(municipalityId: string, name: string): Promise<Officer> {
  const user = await createUser(database.db, { role: "municipality_officer", municipalityId, name });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { id: user.id, role: user.role, name, municipalityId, cookie: `oma_session=${id}`, email: user.email };
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => clock });
  const h = await createUser(database.db, { role: "case_handler", name: "Sanne de Behandelaar" });
  handler = { id: h.id, role: h.role, name: h.name };
  amsterdam = await officer("amsterdam", "Ambtenaar Amsterdam");
  zaanstad = await officer("zaanstad", "Ambtenaar Zaanstad");
});

afterAll(async () => {
  await database.destroy();
});

async function sharedDossier() {
  const d = await createDossier(database.db, services.storage, {
    municipalityId: "amsterdam",
    submittedAt: new Date("2026-11-20T09:00:00Z"),
    assigneeId: handler.id,
  });
  expect(await shareDossier(staffScope(d.number), { attachmentIds: [] }, words)).toEqual({ ok: true });
  return d;
}

const REQUEST = {
  requestKind: "information" as const,
  questions: "Wanneer heeft u de klager teruggebeld?",
  documentsWanted: "Het belverslag.",
  termWeeks: 4,
};

async function requestOf(dossierId: string) {
  const [request] = await database.db
    .select()
    .from(municipalityRequests)
    .where(eq(municipalityRequests.dossierId, dossierId));
  return request!;
}

const path = (number: string, requestId: string) => `/gemeente/dossiers/${number}/verzoeken/${requestId}`;
const page = (who: Officer, number: string, requestId: string) =>
  settle(() =>
    requestLoader({
      request: getRequest(path(number, requestId), { cookie: who.cookie }),
      context: contextFor(services),
      params: { number, requestId },
    }),
  );

type Part = [string, string] | [string, { name: string; body: Uint8Array }];
function postAnswer(who: Officer, number: string, requestId: string, parts: Part[]) {
  const form = new FormData();
  form.append("_csrf", contextFor(services).csrfToken);
  for (const [name, value] of parts) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, new File([new Uint8Array(value.body)], value.name, { type: "application/pdf" }));
  }
  const cookie = getRequest("/", { cookie: who.cookie }).headers.get("Cookie") ?? "";
  const request = new Request(new URL(path(number, requestId), BASE_URL), {
    method: "POST",
    body: form,
    headers: { Cookie: cookie },
  });
  return settle(() => requestAction({ request, context: contextFor(services), params: { number, requestId } }));
}

async function storedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of services.storage.list("attachments/")) keys.push(object.key);
  return keys;
}

describe("a request to the municipality", () => {
  it("needs a share first, then gets a due date rolled past Christmas and the weekend, explained", async () => {
    const d = await createDossier(database.db, services.storage, { municipalityId: "amsterdam" });
    expect(await sendRequest(staffScope(d.number), { ...REQUEST, pause: null }, words)).toMatchObject({
      ok: false,
      issues: [{ field: "questions", code: "request-not-shared" }],
    });

    const shared = await sharedDossier();
    const result = await sendRequest(staffScope(shared.number), { ...REQUEST, pause: { explanation: "Wacht" } }, words);
    expect(result).toEqual({ ok: true });
    const request = await requestOf(shared.id);
    expect(request).toMatchObject({ sentOn: "2026-11-27", nominalDueOn: "2026-12-25", dueOn: "2026-12-28" });
    expect(request.skippedDays.map((s) => s.day)).toEqual(["2026-12-25", "2026-12-26", "2026-12-27"]);
    // The clock stands still with the request as its reason.
    const [pause] = await database.db.select().from(dossierPauses).where(eq(dossierPauses.dossierId, shared.id));
    expect(pause).toMatchObject({ reason: "waiting_for_municipality", startedOn: "2026-11-27", endedOn: null });
    expect(request.pauseId).toBe(pause!.id);
    // The officer's mail holds the link to the request and nothing about the resident.
    const mails = await database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "municipality_request"), eq(mailOutbox.subjectId, request.id)));
    expect(mails.map((m) => m.toAddress)).toEqual([amsterdam.email]);
    expect(mails[0]!.textBody).toContain(`/gemeente/dossiers/${shared.number}/verzoeken/${request.id}`);
    // Closed, its open request asks for no reminder.
    await database.db.update(dossiers).set({ status: "closed" }).where(eq(dossiers.id, shared.id));
    expect(await sendRequestReminders(services, new Date("2026-12-29T08:00:00Z"), reminderMail)).toBe(0);
  });

  it("is seen, extended and answered by its own municipality only; the handler decides and the clock runs again", async () => {
    clock = new Date("2026-11-27T10:00:00Z");
    const d = await sharedDossier();
    await sendRequest(staffScope(d.number), { ...REQUEST, pause: { explanation: "Wacht" } }, words);
    const request = await requestOf(d.id);

    // Zaanstad: the request does not exist, whatever it tries, and each attempt is audited.
    expect(await requestsOf(database.db, zaanstad, d.id)).toEqual([]);
    expect(asResponse(await page(zaanstad, d.number, request.id)).status).toBe(404);
    expect(
      await askExtension(officerScope(zaanstad, d.number), { requestId: request.id, weeks: 2, reason: "x" }, words),
    ).toEqual({
      ok: false,
      code: "not-found",
    });
    expect(asResponse(await postAnswer(zaanstad, d.number, request.id, [["answerText", "Nee"]])).status).toBe(404);
    const denied = await database.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, zaanstad.id), eq(auditEvents.action, "dossier.access_denied")));
    expect(denied.map((r) => (r.details as { route: string }).route)).toEqual(["portal.request", "portal.request"]);

    // Amsterdam reads it, and asks for two more weeks, once.
    const view = (await page(amsterdam, d.number, request.id)) as { request: { questions: string; dueOn: string } };
    expect(view.request).toMatchObject({ questions: REQUEST.questions, dueOn: "2026-12-28" });
    const ask = () =>
      askExtension(
        officerScope(amsterdam, d.number),
        { requestId: request.id, weeks: 2, reason: "Belverslag zoek" },
        words,
      );
    expect(await ask()).toEqual({ ok: true });
    expect(await ask()).toMatchObject({ ok: false, issues: [{ code: "extension-pending" }] });
    const [extension] = (await requestsOf(database.db, handler, d.id))[0]!.extensions;
    expect(extension).toMatchObject({ status: "pending", weeks: 2, askedBy: "Ambtenaar Amsterdam" });

    // Granted: 28 December + 2 weeks = Monday 11 January 2027, a working day.
    clock = new Date("2026-12-01T10:00:00Z");
    expect(
      await decideExtension(
        staffScope(d.number),
        { extensionId: extension!.id, decision: "granted", decisionReason: "" },
        words,
      ),
    ).toEqual({ ok: true });
    expect(await requestOf(d.id)).toMatchObject({ dueOn: "2027-01-11", nominalDueOn: "2027-01-11", skippedDays: [] });

    // The answer through the portal's form: one document for the ombudsman only needs a reason.
    clock = new Date("2027-01-08T10:00:00Z");
    const before = await storedKeys();
    const missingReason = asData<{ errors: Record<string, string> }>(
      await postAnswer(amsterdam, d.number, request.id, [
        ["answerText", "Op 3 november teruggebeld."],
        ["document1", { name: "belverslag.pdf", body: PDF_BYTES }],
        ["confidential1", "on"],
      ]),
    );
    expect(missingReason.init?.status).toBe(400);
    expect(missingReason.data.errors).toEqual({
      confidentialReason1: "Geef aan waarom document 1 alleen voor de ombudsman is.",
    });
    expect(await storedKeys()).toEqual(before);

    const answered = asResponse(
      await postAnswer(amsterdam, d.number, request.id, [
        ["answerText", "Op 3 november teruggebeld."],
        ["document1", { name: "belverslag.pdf", body: PDF_BYTES }],
        ["confidential1", "on"],
        ["confidentialReason1", "Bevat gegevens van een collega."],
        ["document2", { name: "brief.pdf", body: PDF_BYTES }],
      ]),
    );
    expect(answered.status).toBe(302);
    expect(await requestOf(d.id)).toMatchObject({ status: "answered", answeredOn: "2027-01-08" });
    const [answeredView] = await requestsOf(database.db, handler, d.id);
    expect(answeredView!.documents.map((x) => [x.fileName, x.confidentiality])).toEqual([
      ["belverslag.pdf", "pending"],
      ["brief.pdf", null],
    ]);
    const visibility = async (id: string) =>
      (await database.db.select().from(dossierAttachments).where(eq(dossierAttachments.id, id)))[0]!.visibility;
    const [confidential, plain] = answeredView!.documents;
    expect(await visibility(confidential!.attachmentId)).toBe("internal");
    expect(await visibility(plain!.attachmentId)).toBe("shared");
    // The pause the request caused ended with the answer; the handler was told.
    const [pause] = await database.db.select().from(dossierPauses).where(eq(dossierPauses.dossierId, d.id));
    expect(pause!.endedOn).toBe("2027-01-08");
    const handlerMail = await database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "request_update"), eq(mailOutbox.subjectId, request.id)));
    expect(handlerMail.map((m) => m.subject)).toContain("De gemeente heeft gereageerd op een verzoek");
    const events = await database.db
      .select({ type: dossierEvents.type, details: dossierEvents.details })
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, d.id), eq(dossierEvents.type, "request_answered")));
    expect(events[0]!.details).toMatchObject({ onTime: true, dueOn: "2027-01-11" });

    // Answering again changes nothing, and its file is not kept.
    const stored = await storedKeys();
    const again = asData<{ errors: Record<string, string> }>(
      await postAnswer(amsterdam, d.number, request.id, [
        ["answerText", "Nog iets"],
        ["document1", { name: "extra.pdf", body: PDF_BYTES }],
      ]),
    );
    expect(again.init?.status).toBe(400);
    expect(again.data.errors).toEqual({ answerText: "Dit verzoek is al beantwoord." });
    expect(await storedKeys()).toEqual(stored);

    // The handler refuses the confidentiality, with a reason: the document becomes shared.
    expect(
      await decideConfidentiality(staffScope(d.number), {
        attachmentId: confidential!.attachmentId,
        decision: "refused",
        decisionReason: "",
      }),
    ).toMatchObject({ ok: false, issues: [{ code: "reason-required" }] });
    expect(
      await decideConfidentiality(staffScope(d.number), {
        attachmentId: confidential!.attachmentId,
        decision: "refused",
        decisionReason: "Nodig voor hoor en wederhoor.",
      }),
    ).toEqual({ ok: true });
    expect(await visibility(confidential!.attachmentId)).toBe("shared");
    // The officer reads the decision on the request.
    const [officerView] = await requestsOf(database.db, amsterdam, d.id);
    expect(officerView!.documents.find((x) => x.fileName === "belverslag.pdf")).toMatchObject({
      confidentiality: "refused",
      decisionReason: "Nodig voor hoor en wederhoor.",
    });
  });
});

describe("the clock and the list", () => {
  it("ends only the pause its request caused, and lists dossiers with an open request first, by due date", async () => {
    clock = new Date("2026-11-27T10:00:00Z");
    const waiting = await sharedDossier();
    const later = await sharedDossier();
    const none = await sharedDossier();
    await sendRequest(staffScope(waiting.number), { ...REQUEST, pause: { explanation: "Wacht" } }, words);
    await sendRequest(staffScope(later.number), { ...REQUEST, termWeeks: 6, pause: null }, words);
    const listed = (await listSharedDossiers(database.db, amsterdam)).rows.map((r) => r.number);
    expect(listed.indexOf(waiting.number)).toBeLessThan(listed.indexOf(later.number));
    expect(listed.indexOf(later.number)).toBeLessThan(listed.indexOf(none.number));

    // The handler resumed the request's pause and paused for the resident since: the answer leaves that one running.
    clock = new Date("2026-12-01T10:00:00Z");
    expect(await resumeClock(staffScope(waiting.number), { resumeEnd: "2026-12-01" })).toEqual({ ok: true });
    expect(
      await pauseClock(staffScope(waiting.number), {
        pauseReason: "waiting_for_resident",
        pauseExplanation: "Wacht op de inwoner",
        pauseStart: "2026-12-01",
      }),
    ).toEqual({ ok: true });
    const request = await requestOf(waiting.id);
    expect(
      await answerRequest(
        officerScope(amsterdam, waiting.number),
        { requestId: request.id, answerText: "Antwoord", documents: [] },
        words,
      ),
    ).toEqual({ ok: true });
    const pauses = await database.db.select().from(dossierPauses).where(eq(dossierPauses.dossierId, waiting.id));
    expect(pauses.find((p) => p.reason === "waiting_for_resident")?.endedOn).toBeNull();
    for (const d of [waiting, later, none])
      await database.db.update(dossiers).set({ status: "closed" }).where(eq(dossiers.id, d.id));
  });
});

describe("the queue", () => {
  it("filters and counts the dossiers waiting for the municipality, and those it is late with", async () => {
    clock = new Date("2026-11-27T10:00:00Z");
    const d = await sharedDossier();
    await sendRequest(staffScope(d.number), { ...REQUEST, pause: null }, words);
    const numbers = async (view: string, today: string) => {
      const result = await listQueue(database.db, {
        actor: handler,
        filter: parseQueueFilter(new URL(`http://localhost/behandelaar?weergave=${view}&zoek=${d.number}`)),
        today,
      });
      return { rows: result!.rows.map((r) => r.number), counts: result!.counts };
    };
    const onDue = await numbers("municipality", "2026-12-28");
    expect(onDue.rows).toEqual([d.number]);
    expect(onDue.counts).toMatchObject({ municipality: 1, municipality_overdue: 0 });
    expect((await numbers("municipality_overdue", "2026-12-28")).rows).toEqual([]);
    const after = await numbers("municipality_overdue", "2026-12-29");
    expect(after.rows).toEqual([d.number]);
    expect(after.counts).toMatchObject({ municipality: 1, municipality_overdue: 1 });
    await database.db.update(dossiers).set({ status: "closed" }).where(eq(dossiers.id, d.id));
  });
});

describe("the reminders of a request", () => {
  it("go once each, before, on and after the due date, across two runs at once and a restart", async () => {
    clock = new Date("2026-11-27T10:00:00Z");
    const d = await sharedDossier();
    await sendRequest(staffScope(d.number), { ...REQUEST, pause: null }, words);
    const request = await requestOf(d.id); // due Monday 28 December 2026
    const reminders = async () =>
      (
        await database.db
          .select({ to: mailOutbox.toAddress, subject: mailOutbox.subject })
          .from(mailOutbox)
          .where(and(eq(mailOutbox.kind, "request_reminder"), eq(mailOutbox.subjectId, request.id)))
      ).map((m) => m.subject);
    const run = (at: string) => {
      clock = new Date(at);
      return sendRequestReminders(services, clock, reminderMail);
    };

    await run("2026-12-21T08:00:00Z"); // Monday a week before: nothing yet
    expect(await reminders()).toEqual([]);
    // Three working days before 28 December (24, 23, 22): Tuesday 22 December.
    await Promise.all([run("2026-12-22T08:00:00Z"), run("2026-12-22T08:00:00Z")]);
    await run("2026-12-23T08:00:00Z"); // a later day, the same reminder: not again
    const before = await reminders();
    expect(before).toHaveLength(2); // the officer and the handler, once
    expect(new Set(before)).toEqual(new Set(["Herinnering: een verzoek van de ombudsman verloopt over enkele dagen"]));

    // A restart: a fresh set of services on the same database finds the claims.
    const restarted = createTestServices(database, { now: () => new Date("2026-12-28T08:00:00Z") });
    await Promise.all([
      sendRequestReminders(restarted, new Date("2026-12-28T08:00:00Z"), reminderMail),
      run("2026-12-28T09:00:00Z"),
    ]);
    await run("2026-12-29T08:00:00Z");
    await run("2026-12-30T08:00:00Z");
    const all = await reminders();
    expect(all.filter((s) => s.includes("vandaag verloopt"))).toHaveLength(2);
    expect(all.filter((s) => s.includes("is verstreken"))).toHaveLength(2);
    expect(all).toHaveLength(6);
    const timeline = await database.db
      .select({ details: dossierEvents.details })
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, d.id), eq(dossierEvents.type, "request_reminder")));
    expect(timeline.map((e) => (e.details as { kind: string }).kind)).toEqual(["before", "due", "overdue"]);
    await database.db.update(dossiers).set({ status: "closed" }).where(eq(dossiers.id, d.id));
  });
});

describe.runIf(Boolean(process.env.DATABASE_URL))("the reminders in several processes on PostgreSQL", () => {
  it("go once each when two processes run at the same moment, and again after a restart", async () => {
    clock = new Date("2026-11-27T10:00:00Z");
    const d = await sharedDossier();
    await sendRequest(staffScope(d.number), { ...REQUEST, pause: null }, words);
    const request = await requestOf(d.id); // due Monday 28 December 2026
    const runTwice = async (at: string) => {
      const processes = [0, 1].map(() =>
        startScriptProcess("reminder-process.ts", ["--database-url", database.url!, "--at", at, "--wait-for-go"]),
      );
      await Promise.all(processes.map((p) => p.ready));
      for (const p of processes) p.go();
      const results = await Promise.all(processes.map((p) => p.done));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      return results.map((r) => (JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { queued: number }).queued);
    };
    const queued = [
      ...(await runTwice("2026-12-22T08:00:00Z")),
      // A restart: new processes, the same day and then the due date.
      ...(await runTwice("2026-12-22T09:00:00Z")),
      ...(await runTwice("2026-12-28T08:00:00Z")),
    ];
    // Each reminder claimed by exactly one of the processes that raced for it.
    expect(queued.reduce((a, b) => a + b, 0)).toBe(2);
    const mails = await database.db
      .select({ subject: mailOutbox.subject })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, "request_reminder"), eq(mailOutbox.subjectId, request.id)));
    // The officer and the handler, once for "before" and once for "due".
    expect(mails).toHaveLength(4);
    await database.db.update(dossiers).set({ status: "closed" }).where(eq(dossiers.id, d.id));
  }, 60_000);
});
