import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { assignDossier } from "#app/dossiers/casework/assign.server";
import { changeStatus } from "#app/dossiers/casework/status.server";
import { pauseClock, resumeClock } from "#app/dossiers/casework/clock.server";
import type { CaseworkActor, CommandScope } from "#app/dossiers/casework/command.server";
import { recordContact } from "#app/dossiers/casework/contact.server";
import { setVisibility } from "#app/dossiers/casework/document.server";
import { sendMail } from "#app/dossiers/casework/mail.server";
import { addNote } from "#app/dossiers/casework/note.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { issueErrors } from "#app/routes/behandelaar.dossiers.$number/issues.server";
import { createDossier, createUser } from "#test/support/factories";
import { dossierEvents, dossierParties } from "#db/schema/index";
import { contextFor, createTestServices } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

/**
 * The casework commands called directly, as the portal and other callers will: they take the
 * actor and typed input and answer with a result code, never a Response or a sentence.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let handler: CaseworkActor;
let coordinator: CaseworkActor;
const NOW = new Date("2026-04-25T10:00:00Z");

async function staff(role: "case_handler" | "coordinator", name: string): Promise<CaseworkActor> {
  const user = await createUser(database.db, { role, name });
  return { id: user.id, role: user.role, name: user.name };
}

const scopeOf = (actor: CaseworkActor, number: string): CommandScope => ({ ctx: contextFor(services), actor, number });
const newDossier = (overrides: Parameters<typeof createDossier>[2] = {}) =>
  createDossier(database.db, services.storage, { submittedAt: new Date("2026-04-20T09:30:00Z"), ...overrides });

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => NOW });
  handler = await staff("case_handler", "Sanne de Behandelaar");
  coordinator = await staff("coordinator", "Karim Coördinator");
});

afterAll(async () => {
  await database.destroy();
});

describe("casework command results", () => {
  it("are ok, or not-found for a dossier outside the scope, or forbidden for an act the policy refuses", async () => {
    const d = await newDossier();
    expect(await addNote(scopeOf(handler, d.number), { note: "Gelezen." })).toEqual({ ok: true });
    expect(await addNote(scopeOf(handler, "OMA-2026-99999"), { note: "x" })).toEqual({ ok: false, code: "not-found" });
    // A handler may take a dossier, not give it to someone else.
    expect(await assignDossier(scopeOf(handler, d.number), { assigneeId: coordinator.id })).toEqual({
      ok: false,
      code: "forbidden",
    });
    expect(await assignDossier(scopeOf(coordinator, d.number), { assigneeId: handler.id })).toEqual({ ok: true });
    expect(await assignDossier(scopeOf(coordinator, d.number), { assigneeId: handler.id })).toEqual({
      ok: false,
      code: "invalid",
      issues: [{ field: "assigneeId", code: "assignee-same", params: { name: "Sanne de Behandelaar" } }],
    });
  });

  it("name the field and the rule with raw parameters, which the route puts into words", async () => {
    const d = await newDossier();
    const scope = scopeOf(handler, d.number);
    const future = await recordContact(scope, {
      contactChannel: "phone",
      contactDate: "2026-04-26",
      contactSummary: "Gebeld.",
    });
    expect(future).toEqual({ ok: false, code: "invalid", issues: [{ field: "contactDate", code: "date-in-future" }] });
    const early = await recordContact(scope, {
      contactChannel: "phone",
      contactDate: "2026-04-19",
      contactSummary: "Gebeld.",
    });
    expect(early).toEqual({
      ok: false,
      code: "invalid",
      issues: [{ field: "contactDate", code: "date-before-submission", params: { date: "2026-04-20" } }],
    });
    if (early.ok || early.code !== "invalid") throw new Error("expected issues");
    expect(issueErrors(early.issues, messagesFor("nl"), "nl")).toEqual({
      contactDate: "De datum mag niet voor de indiening van de klacht liggen (20 april 2026).",
    });
    expect(issueErrors(early.issues, messagesFor("en"), "en").contactDate).toContain("20 April 2026");

    expect(await resumeClock(scope, { resumeEnd: "2026-04-25" })).toMatchObject({
      issues: [{ field: "resumeEnd", code: "resume-not-running" }],
    });
    expect(
      await pauseClock(scope, {
        pauseReason: "waiting_for_resident",
        pauseExplanation: "Wacht.",
        pauseStart: "2026-04-22",
      }),
    ).toEqual({ ok: true });
    expect(
      await pauseClock(scope, {
        pauseReason: "waiting_for_resident",
        pauseExplanation: "Weer.",
        pauseStart: "2026-04-23",
      }),
    ).toMatchObject({
      issues: [{ field: "pauseReason", code: "pause-running" }],
    });
    expect(await resumeClock(scope, { resumeEnd: "2026-04-21" })).toMatchObject({
      issues: [{ code: "resume-before-start", params: { date: "2026-04-22" } }],
    });

    const wrongTurn = await changeStatus(scope, {
      to: "closed",
      outcome: "",
      finding: "",
      reason: "",
      statusExplanation: "",
    });
    expect(wrongTurn).toMatchObject({ code: "invalid", issues: [{ field: "outcome", code: "outcome-required" }] });
    const gone = await setVisibility(scope, {
      attachmentId: "00000000-0000-4000-8000-000000000000",
      visibility: "internal",
      visibilityReason: "Verzoek van de gemeente",
    });
    expect(gone).toMatchObject({
      issues: [{ field: "visibility-00000000-0000-4000-8000-000000000000", code: "document-gone" }],
    });
  });

  it("refuse a mail without an address or with text to fill in, and all but a note once closed", async () => {
    const d = await newDossier({ status: "intake" });
    await database.db.update(dossierParties).set({ email: null }).where(eq(dossierParties.dossierId, d.id));
    const scope = scopeOf(handler, d.number);
    expect(await sendMail(scope, { mailSubject: "Uw klacht", mailBody: "Beste {naam}" })).toMatchObject({
      issues: [{ field: "mailTo", code: "mail-no-address" }],
    });
    const withMail = await newDossier({ complainant: { email: "fatima@example.test" } });
    const unfilled = await sendMail(scopeOf(handler, withMail.number), {
      mailSubject: "Uw klacht",
      mailBody: "[Vul hier in]",
    });
    expect(unfilled).toMatchObject({ issues: [{ field: "mailBody", code: "mail-unfilled" }] });

    expect(
      await changeStatus(scope, { to: "closed", outcome: "withdrawn", finding: "", reason: "", statusExplanation: "" }),
    ).toEqual({ ok: true });
    const before = await database.db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, d.id));
    expect(
      await recordContact(scope, { contactChannel: "email", contactDate: "2026-04-25", contactSummary: "Mail." }),
    ).toMatchObject({
      issues: [{ field: "contactChannel", code: "closed" }],
    });
    expect(
      await pauseClock(scope, { pauseReason: "waiting_for_resident", pauseExplanation: "x", pauseStart: "2026-04-25" }),
    ).toMatchObject({ issues: [{ code: "closed" }] });
    expect(await database.db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, d.id))).toEqual(before);
    expect(await addNote(scope, { note: "Nog een notitie." })).toEqual({ ok: true });
  });
});
