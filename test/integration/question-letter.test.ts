import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import type { CaseworkActor, CommandScope } from "#app/dossiers/casework/command.server";
import { askResident } from "#app/dossiers/casework/question.server";
import { shareDossier } from "#app/dossiers/casework/share.server";
import { loader as letterLoader } from "#app/routes/behandelaar.dossiers.$number.vragen.$questionId.brief[.]pdf";
import { auditEvents, mailOutbox, residentQuestions } from "#db/schema/index";
import { createDossier, createUser, type CreatedDossier } from "#test/support/factories";
import { contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { asResponse } from "#test/support/intake";
import { pdfText, taggingOf } from "#test/support/pdf";

/**
 * The letter with a question for a resident without e-mail: a tagged PDF in the resident's
 * language for the handler to post, audited; outside the back office's scope the same audited 404.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
type Signed = { id: string; cookie: string };
let handler: Signed & { actor: CaseworkActor };
let officer: Signed;
const clock = new Date("2026-12-18T10:00:00Z"); // a Friday: two weeks later is New Year's Day

async function signedIn(role: "case_handler" | "coordinator" | "municipality_officer", municipalityId?: string) {
  const user = await createUser(database.db, { role, municipalityId, name: "Sanne de Behandelaar" });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { id: user.id, cookie: `oma_session=${id}`, actor: { id: user.id, role: user.role, name: user.name } };
}

const scopeOf = (number: string): CommandScope => ({ ctx: contextFor(services), actor: handler.actor, number });

/** A dossier with an open question, asked by the handler; answers the question's id. */
async function asked(d: CreatedDossier, questions: string): Promise<string> {
  expect(await askResident(scopeOf(d.number), { questions, termWeeks: 2, pause: null })).toEqual({ ok: true });
  const [row] = await database.db
    .select({ id: residentQuestions.id })
    .from(residentQuestions)
    .where(eq(residentQuestions.dossierId, d.id));
  return row!.id;
}

const letter = (who: Signed, number: string, questionId: string) =>
  settle(() =>
    letterLoader({
      request: getRequest(`/behandelaar/dossiers/${number}/vragen/${questionId}/brief.pdf`, { cookie: who.cookie }),
      context: contextFor(services),
      params: { number, questionId },
    }),
  );

const auditOf = (userId: string, action: string) =>
  database.db
    .select({ subjectId: auditEvents.subjectId, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, action)));

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => clock });
  handler = await signedIn("case_handler");
  officer = await signedIn("municipality_officer", "zaanstad");
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

describe("the letter with a question to a resident without e-mail", () => {
  it("is a tagged Dutch PDF with the address, the question, the rolled due date and how to answer, audited", async () => {
    const d = await createDossier(database.db, services.storage, {
      municipalityId: "zaanstad",
      assigneeId: handler.id,
      complainant: {
        name: "Piet Post",
        street: "Dorpsstraat",
        houseNumber: "12a",
        postcode: "1501 AB",
        city: "Zaandam",
        email: null,
        phone: "075 111 2222",
        preferredChannel: "phone",
      },
    });
    const questionId = await asked(d, "Welke datum staat op de brief van de gemeente?");
    // No mail to nobody: the question waits for the letter.
    const mails = await database.db.select().from(mailOutbox).where(eq(mailOutbox.subjectId, d.id));
    expect(mails.filter((m) => m.kind === "resident_update")).toEqual([]);

    const response = asResponse(await letter(handler, d.number, questionId));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toContain(`brief-vraag-${d.number}-2026-12-18.pdf`);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

    expect(await taggingOf(bytes)).toMatchObject({
      marked: true,
      lang: "nl-NL",
      title: `Een vraag over uw klacht ${d.number}`,
      displayDocTitle: true,
      document: "Document",
      elements: expect.arrayContaining(["P", "H1", "H2", "L"]),
    });
    const text = (await pdfText(bytes)).replace(/\s+/g, " ");
    for (const line of [
      "Piet Post Dorpsstraat 12a 1501 AB Zaandam",
      `Dossiernummer: ${d.number}`,
      "Datum: 18 december 2026",
      "Beste Piet Post,",
      "Welke datum staat op de brief van de gemeente?",
      "Wilt u uiterlijk maandag 4 januari 2027 antwoorden?",
      "(Algemene termijnenwet)",
      "Per post: stuur uw antwoord naar Ombudsman Metropool Amsterdam",
      "/mijn-klacht",
      "artikel 9:23, onder a",
      "Sanne de Behandelaar",
    ])
      expect(text).toContain(line);
    expect(text).toMatch(/pagina 1 van \d/);
    expect(text).not.toMatch(/\b(Dear|Please|page)\b/);

    expect(await auditOf(handler.id, "dossier.question_letter_downloaded")).toEqual([
      { subjectId: d.id, details: { number: d.number, questionId } },
    ]);
  });

  it("is the same audited 404 for an officer (also of a shared dossier), another dossier's question or a bad id", async () => {
    const d = await createDossier(database.db, services.storage, {
      municipalityId: "zaanstad",
      complainant: { email: null, phone: "075 111 3333", preferredChannel: "phone" },
    });
    const other = await createDossier(database.db, services.storage, { municipalityId: "zaanstad" });
    const questionId = await asked(d, "Heeft u de brief nog?");
    const otherQuestion = await asked(other, "En u?");
    const mail = (o: { name: string }, link: string) => ({ subject: "Gedeeld", text: `${o.name}: ${link}` });
    expect(await shareDossier(scopeOf(d.number), { attachmentIds: [] }, mail)).toEqual({ ok: true });

    expect(asResponse(await letter(officer, d.number, questionId)).status).toBe(404);
    expect(await auditOf(officer.id, "dossier.access_denied")).toEqual([
      { subjectId: d.number, details: { route: "question_letter", number: d.number, questionId } },
    ]);
    expect(await auditOf(officer.id, "dossier.question_letter_downloaded")).toEqual([]);

    for (const id of [otherQuestion, "not-a-uuid", "00000000-0000-4000-8000-000000000000"])
      expect(asResponse(await letter(handler, d.number, id)).status).toBe(404);
    const denied = await auditOf(handler.id, "dossier.access_denied");
    expect(denied.map((r) => r.details)).toEqual(
      [otherQuestion, "not-a-uuid", "00000000-0000-4000-8000-000000000000"].map((id) => ({
        route: "question_letter",
        number: d.number,
        questionId: id,
      })),
    );
  });
});
