import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createSession } from "#app/auth/session.server";
import type { CaseworkActor, CommandScope } from "#app/dossiers/casework/command.server";
import { setVisibility } from "#app/dossiers/casework/document.server";
import { decideExtension, sendRequest } from "#app/dossiers/casework/request.server";
import { shareDossier } from "#app/dossiers/casework/share.server";
import { reminderMail } from "#app/mail/request-reminder.server";
import { answerRequest, askExtension, requestsOf } from "#app/portal/requests.server";
import { sendRequestReminders } from "#app/portal/reminders.server";
import { loader as documentLoader } from "#app/routes/gemeente.dossiers.$number.documenten.$documentId";
import { dossierShareDocuments, dossierShares, dossiers, municipalityRequests } from "#db/schema/index";
import { contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createDossier, createUser } from "#test/support/factories";
import { asResponse, PDF_BYTES } from "#test/support/intake";

/**
 * Findings for comment and the report (issue 12, part 4): documents sent with a request become
 * visible to the municipality through a share of their own, and the follow-up of a report's
 * recommendation stays open, with its reminders, after the dossier closes, until answered.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let clock = new Date("2026-11-27T10:00:00Z");
let handler: CaseworkActor;
let amsterdam: CaseworkActor & { municipalityId: string; cookie: string };

const words = (o: { name: string }, link: string) => ({ subject: "Verzoek", text: `${o.name}: ${link}` });
const staffScope = (number: string): CommandScope => ({ ctx: contextFor(services), actor: handler, number });
const officerScope = (number: string) => ({ ctx: contextFor(services), actor: amsterdam, number });

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => clock });
  const h = await createUser(database.db, { role: "case_handler", name: "Sanne de Behandelaar" });
  handler = { id: h.id, role: h.role, name: h.name };
  const o = await createUser(database.db, {
    role: "municipality_officer",
    municipalityId: "amsterdam",
    name: "Ambtenaar",
  });
  const { id } = await createSession(contextFor(services), o.id, getRequest("/inloggen"));
  amsterdam = { id: o.id, role: o.role, name: o.name, municipalityId: "amsterdam", cookie: `oma_session=${id}` };
});

afterAll(async () => {
  await database.destroy();
});

/** A dossier shared without documents, with a draft report and an internal note among its files. */
async function dossierWithDrafts() {
  const d = await createDossier(database.db, services.storage, {
    municipalityId: "amsterdam",
    submittedAt: new Date("2026-11-20T09:00:00Z"),
    assigneeId: handler.id,
    attachments: [
      { category: "evidence", fileName: "Conceptbevindingen.pdf", contentType: "application/pdf", body: PDF_BYTES },
      {
        category: "evidence",
        fileName: "Interne notitie.pdf",
        contentType: "application/pdf",
        body: PDF_BYTES,
        visibility: "internal",
      },
    ],
  });
  expect(await shareDossier(staffScope(d.number), { attachmentIds: [] }, words)).toEqual({ ok: true });
  const [draft, internal] = d.attachments;
  return { d, draft: draft!, internal: internal! };
}

const download = (number: string, documentId: string) =>
  settle(() =>
    documentLoader({
      request: getRequest(`/gemeente/dossiers/${number}/documenten/${documentId}`, { cookie: amsterdam.cookie }),
      context: contextFor(services),
      params: { number, documentId },
    }),
  );

describe("draft findings for comment", () => {
  it("send their document with the request as a share; an ombudsman-only one cannot go", async () => {
    const { d, draft, internal } = await dossierWithDrafts();
    const findings = {
      requestKind: "findings" as const,
      questions: "Wij komen tot de volgende bevindingen. Wilt u daarop reageren?",
      documentsWanted: "",
      termWeeks: 2,
      pause: null,
    };
    // Before: the draft is not the municipality's to see.
    expect(asResponse(await download(d.number, draft.id)).status).toBe(404);
    expect(
      await sendRequest(staffScope(d.number), { ...findings, attachmentIds: [draft.id, internal.id] }, words),
    ).toMatchObject({ ok: false, issues: [{ field: "sendDocuments", code: "document-ombudsman-only" }] });
    // Refused: no request, no share was left behind.
    expect(
      await database.db.select().from(municipalityRequests).where(eq(municipalityRequests.dossierId, d.id)),
    ).toEqual([]);
    expect(await database.db.select().from(dossierShares).where(eq(dossierShares.dossierId, d.id))).toHaveLength(1);

    expect(await sendRequest(staffScope(d.number), { ...findings, attachmentIds: [draft.id] }, words)).toEqual({
      ok: true,
    });
    const [request] = await requestsOf(database.db, amsterdam, d.id);
    expect(request).toMatchObject({ kind: "findings", workable: true });
    expect(request!.sentDocuments.map((s) => s.fileName)).toEqual(["Conceptbevindingen.pdf"]);
    const [row] = await database.db.select().from(municipalityRequests).where(eq(municipalityRequests.dossierId, d.id));
    const shared = await database.db
      .select({ attachmentId: dossierShareDocuments.attachmentId })
      .from(dossierShareDocuments)
      .where(eq(dossierShareDocuments.shareId, row!.shareId!));
    expect(shared).toEqual([{ attachmentId: draft.id }]);
    const res = asResponse(await download(d.number, draft.id));
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(PDF_BYTES));

    // Made ombudsman-only later, it is gone from the request and cannot be downloaded.
    expect(
      await setVisibility(staffScope(d.number), {
        attachmentId: draft.id,
        visibility: "internal",
        visibilityReason: "Bevat gegevens van een derde",
      }),
    ).toEqual({ ok: true });
    expect((await requestsOf(database.db, amsterdam, d.id))[0]!.sentDocuments).toEqual([]);
    expect((await requestsOf(database.db, handler, d.id))[0]!.sentDocuments).toHaveLength(1);
    expect(asResponse(await download(d.number, draft.id)).status).toBe(404);
  });
});

describe("the follow-up of a recommendation", () => {
  it("stays open after the dossier closes: reminded, extended and answered; other requests stop", async () => {
    clock = new Date("2026-11-27T10:00:00Z");
    const { d, draft } = await dossierWithDrafts();
    const base = { documentsWanted: "", termWeeks: 6, pause: null };
    await sendRequest(
      staffScope(d.number),
      { ...base, requestKind: "follow_up", questions: "Aanbeveling: bel klagers terug.", attachmentIds: [draft.id] },
      words,
    );
    await sendRequest(
      staffScope(d.number),
      { ...base, requestKind: "information", questions: "Nog een vraag?" },
      words,
    );
    await database.db.update(dossiers).set({ status: "closed" }).where(eq(dossiers.id, d.id));

    const requests = await requestsOf(database.db, amsterdam, d.id);
    const followUp = requests.find((r) => r.kind === "follow_up")!;
    const information = requests.find((r) => r.kind === "information")!;
    expect(followUp.workable).toBe(true);
    expect(information.workable).toBe(false);

    // Due 8 January 2027 (six weeks); a reminder goes before it even though the dossier is closed.
    expect(followUp.dueOn).toBe("2027-01-08");
    expect(await sendRequestReminders(services, new Date("2027-01-06T08:00:00Z"), reminderMail)).toBeGreaterThan(0);

    // The information request of the closed dossier takes no answer.
    expect(
      await answerRequest(
        officerScope(d.number),
        { requestId: information.id, answerText: "Ja", documents: [] },
        words,
      ),
    ).toMatchObject({ ok: false, issues: [{ code: "closed" }] });

    // The follow-up takes an extension, the handler's decision, and the answer.
    expect(
      await askExtension(officerScope(d.number), { requestId: followUp.id, weeks: 2, reason: "Raad beslist" }, words),
    ).toEqual({ ok: true });
    const [extension] = (await requestsOf(database.db, handler, d.id)).find((r) => r.id === followUp.id)!.extensions;
    expect(
      await decideExtension(
        staffScope(d.number),
        { extensionId: extension!.id, decision: "granted", decisionReason: "" },
        words,
      ),
    ).toEqual({ ok: true });
    clock = new Date("2027-01-15T10:00:00Z");
    expect(
      await answerRequest(
        officerScope(d.number),
        { requestId: followUp.id, answerText: "Wij bellen voortaan binnen een week terug.", documents: [] },
        words,
      ),
    ).toEqual({ ok: true });
    const answered = (await requestsOf(database.db, amsterdam, d.id)).find((r) => r.id === followUp.id)!;
    expect(answered).toMatchObject({
      status: "answered",
      answeredOn: "2027-01-15",
      dueOn: "2027-01-22",
      workable: false,
    });
  });
});
