import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "#app/auth/session.server";
import type { CaseworkActor, CommandScope } from "#app/dossiers/casework/command.server";
import { sendRequest } from "#app/dossiers/casework/request.server";
import { shareDossier } from "#app/dossiers/casework/share.server";
import {
  action as answerAction,
  loader as requestLoader,
} from "#app/routes/gemeente.dossiers.$number_.verzoeken.$requestId";
import * as putRoute from "#app/routes/gemeente.dossiers.$number_.verzoeken.$requestId_.upload.$uploadId";
import * as verifyRoute from "#app/routes/gemeente.dossiers.$number_.verzoeken.$requestId_.upload.$uploadId.controleren";
import * as removeRoute from "#app/routes/gemeente.dossiers.$number_.verzoeken.$requestId_.upload.$uploadId.verwijderen";
import * as registerRoute from "#app/routes/gemeente.dossiers.$number_.verzoeken.$requestId_.upload.aanmelden";
import { deleteStrayObjects } from "#app/uploads/uploads.server";
import {
  auditEvents,
  dossierAttachments,
  municipalityRequests,
  requestAnswerDocuments,
  uploads,
} from "#db/schema/index";
import { BASE_URL, contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createDossier, createUser } from "#test/support/factories";
import { asData, asResponse, PDF_BYTES } from "#test/support/intake";

/**
 * The officer's uploader on the answer form: the same register → transfer → verify calls as the
 * resident's, owned by the officer and the request (another municipality's officer gets a 404,
 * audited; an answered request takes no more files), and the answer taking the checked files as
 * the plain form's.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let handler: CaseworkActor;
type Officer = CaseworkActor & { cookie: string };
let amsterdam: Officer;
let zaanstad: Officer;

const words = (o: { name: string }, link: string) => ({ subject: "Verzoek", text: `${o.name}: ${link}` });
const staffScope = (number: string): CommandScope => ({ ctx: contextFor(services), actor: handler, number });

async function officer(municipalityId: string, name: string): Promise<Officer> {
  const user = await createUser(database.db, { role: "municipality_officer", municipalityId, name });
  const { id } = await createSession(contextFor(services), user.id, getRequest("/inloggen"));
  return { id: user.id, role: user.role, name, cookie: `oma_session=${id}` };
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => new Date("2026-11-27T10:00:00Z") });
  const h = await createUser(database.db, { role: "case_handler", name: "Sanne de Behandelaar" });
  handler = { id: h.id, role: h.role, name: h.name };
  amsterdam = await officer("amsterdam", "Ambtenaar Amsterdam");
  zaanstad = await officer("zaanstad", "Ambtenaar Zaanstad");
});

afterAll(async () => {
  await database?.destroy();
});

/** A dossier of Amsterdam, shared with it, with one open request for information. */
async function openRequest() {
  const d = await createDossier(database.db, services.storage, {
    municipalityId: "amsterdam",
    submittedAt: new Date("2026-11-20T09:00:00Z"),
    assigneeId: handler.id,
  });
  expect(await shareDossier(staffScope(d.number), { attachmentIds: [] }, words)).toEqual({ ok: true });
  const input = {
    requestKind: "information" as const,
    questions: "Het belverslag?",
    documentsWanted: "",
    termWeeks: 4,
  };
  expect(await sendRequest(staffScope(d.number), { ...input, pause: null }, words)).toEqual({ ok: true });
  const [request] = await database.db
    .select()
    .from(municipalityRequests)
    .where(eq(municipalityRequests.dossierId, d.id));
  return { number: d.number, dossierId: d.id, requestId: request!.id };
}

type Target = Awaited<ReturnType<typeof openRequest>>;
type Reply = { status: number; body: Record<string, unknown> & { error?: string } };
type Action = (args: {
  request: Request;
  context: ReturnType<typeof contextFor>;
  params: Record<string, string>;
}) => Promise<Response>;

const base = (t: Target) => `/gemeente/dossiers/${t.number}/verzoeken/${t.requestId}/upload`;

/** One officer's browser on the upload API: their session cookie, the CSRF cookie and header. */
function browserOf(who: Officer, t: Target) {
  const headers = (extra: Record<string, string>) => {
    const h = new Headers({ Cookie: getRequest("/", { cookie: who.cookie }).headers.get("Cookie") ?? "", ...extra });
    h.set("X-CSRF-Token", contextFor(services).csrfToken);
    return h;
  };
  const call = async (action: Action, pathname: string, init: RequestInit, params: Record<string, string> = {}) => {
    const request = new Request(new URL(pathname, BASE_URL), init);
    const result = await settle(() =>
      action({
        request,
        context: contextFor(services),
        params: { number: t.number, requestId: t.requestId, ...params },
      }),
    );
    const res = asResponse(result);
    const text = await res.text();
    let body: Reply["body"];
    try {
      body = JSON.parse(text) as Reply["body"];
    } catch {
      body = { error: text };
    }
    return { status: res.status, body };
  };
  const postJson = (action: Action, pathname: string, body?: unknown, params?: Record<string, string>) =>
    call(
      action,
      pathname,
      {
        method: "POST",
        headers: headers({ "Content-Type": "application/json" }),
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      params,
    );
  return {
    register: (name: string, size = PDF_BYTES.length) =>
      postJson(registerRoute.action, `${base(t)}/aanmelden`, {
        category: "municipality_answer",
        name,
        size,
        type: "application/pdf",
      }),
    put: (id: string, bytes: Uint8Array) =>
      call(
        putRoute.action,
        `${base(t)}/${id}`,
        { method: "PUT", headers: headers({ "Content-Type": "application/pdf" }), body: new Uint8Array(bytes) },
        { uploadId: id },
      ),
    verify: (id: string) => postJson(verifyRoute.action, `${base(t)}/${id}/controleren`, undefined, { uploadId: id }),
    remove: (id: string) => postJson(removeRoute.action, `${base(t)}/${id}/verwijderen`, undefined, { uploadId: id }),
    /** Register, send and verify one file, as Uppy does; returns the upload's id. */
    async send(name: string, bytes: Uint8Array = PDF_BYTES): Promise<string> {
      const registered = await this.register(name, bytes.length);
      expect(registered.status, registered.body.error).toBe(200);
      const id = String(registered.body.id);
      expect(registered.body).toMatchObject({ transport: "local", endpoint: `${base(t)}/${id}` });
      const sent = await this.put(id, bytes);
      expect(sent.status, sent.body.error).toBe(200);
      const verified = await this.verify(id);
      expect(verified.status, verified.body.error).toBe(200);
      expect(verified.body).toMatchObject({ id, fileName: name, size: bytes.length, category: "municipality_answer" });
      return id;
    },
  };
}

type Part = [string, string] | [string, { name: string; body: Uint8Array }];
function postAnswer(who: Officer, t: Target, parts: Part[]) {
  const form = new FormData();
  form.append("_csrf", contextFor(services).csrfToken);
  for (const [name, value] of parts) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, new File([new Uint8Array(value.body)], value.name, { type: "application/pdf" }));
  }
  const request = new Request(new URL(`/gemeente/dossiers/${t.number}/verzoeken/${t.requestId}`, BASE_URL), {
    method: "POST",
    body: form,
    headers: { Cookie: getRequest("/", { cookie: who.cookie }).headers.get("Cookie") ?? "" },
  });
  return settle(() =>
    answerAction({ request, context: contextFor(services), params: { number: t.number, requestId: t.requestId } }),
  );
}

const uploadRow = async (id: string) => (await database.db.select().from(uploads).where(eq(uploads.id, id)))[0];
const exists = async (key: string) => (await services.storage.head(key)) !== null;

describe("the officer's uploader on the answer form", () => {
  it("registers, sends and checks files for the answer, which takes them as dossier attachments", async () => {
    const t = await openRequest();
    const browser = browserOf(amsterdam, t);
    const kept = await browser.send("belverslag.pdf");
    const dropped = await browser.send("verkeerd.pdf");

    // Checked, the file waits for the answer under its final key, outside quarantine.
    const row = await uploadRow(kept);
    expect(row).toMatchObject({ status: "verified", requestId: t.requestId, uploadedBy: amsterdam.id, draftId: null });
    expect(row!.storageKey.startsWith("attachments/")).toBe(true);
    expect(await exists(row!.storageKey)).toBe(true);

    // The officer takes one off again: its row and its object are gone.
    const droppedKey = (await uploadRow(dropped))!.storageKey;
    expect((await browser.remove(dropped)).status).toBe(200);
    expect(await uploadRow(dropped)).toBeUndefined();
    expect(await exists(droppedKey)).toBe(false);

    // No more files than the form has slots: one checked, two on their way, the fourth refused in words.
    const a = await browser.register("a.pdf");
    const b = await browser.register("b.pdf");
    const c = await browser.register("c.pdf");
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(c).toEqual({ status: 409, body: { error: "U kunt maximaal 3 bestanden toevoegen." } });
    for (const r of [a, b]) expect((await browser.remove(String(r.body.id))).status).toBe(200);
    // Only the officer's own types: an .exe is refused before any byte is sent.
    expect((await browser.register("programma.exe")).status).toBe(415);

    // The page lists the checked file for the form.
    const page = (await requestLoader({
      request: getRequest(`/gemeente/dossiers/${t.number}/verzoeken/${t.requestId}`, { cookie: amsterdam.cookie }),
      context: contextFor(services),
      params: { number: t.number, requestId: t.requestId },
    })) as { uploads: { id: string; fileName: string }[] };
    expect(page.uploads.map((u) => [u.id, u.fileName])).toEqual([[kept, "belverslag.pdf"]]);

    // A reason is needed for the ombudsman only, as in the plain form; the checked file stays.
    const missing = asData<{ errors: Record<string, string> }>(
      await postAnswer(amsterdam, t, [
        ["answerText", "Zie het belverslag."],
        ["upload1", kept],
        ["confidential1", "on"],
      ]),
    );
    expect(missing.init?.status).toBe(400);
    expect(missing.data.errors).toEqual({
      confidentialReason1: "Geef aan waarom document 1 alleen voor de ombudsman is.",
    });
    expect(await exists(row!.storageKey)).toBe(true);

    // The answer with the checked file (ombudsman only) beside one posted the plain way.
    const answered = asResponse(
      await postAnswer(amsterdam, t, [
        ["answerText", "Zie het belverslag."],
        ["upload1", kept],
        ["confidential1", "on"],
        ["confidentialReason1", "Bevat gegevens van een collega."],
        ["document2", { name: "brief.pdf", body: PDF_BYTES }],
      ]),
    );
    expect(answered.status).toBe(302);
    const documents = await database.db
      .select({
        attachmentId: requestAnswerDocuments.attachmentId,
        confidentiality: requestAnswerDocuments.confidentiality,
        reason: requestAnswerDocuments.confidentialityReason,
        fileName: dossierAttachments.fileName,
        category: dossierAttachments.category,
        visibility: dossierAttachments.visibility,
        storageKey: dossierAttachments.storageKey,
        contentType: dossierAttachments.contentType,
        size: dossierAttachments.size,
        sha256: dossierAttachments.sha256,
        addedBy: dossierAttachments.addedBy,
      })
      .from(requestAnswerDocuments)
      .innerJoin(dossierAttachments, eq(dossierAttachments.id, requestAnswerDocuments.attachmentId))
      .where(eq(requestAnswerDocuments.requestId, t.requestId))
      .orderBy(dossierAttachments.fileName);
    expect(documents.map((d) => [d.fileName, d.category, d.visibility, d.confidentiality, d.reason])).toEqual([
      ["belverslag.pdf", "municipality_answer", "internal", "pending", "Bevat gegevens van een collega."],
      ["brief.pdf", "municipality_answer", "shared", null, null],
    ]);
    const fromUploader = documents[0]!;
    expect(fromUploader).toMatchObject({
      storageKey: row!.storageKey,
      contentType: "application/pdf",
      size: PDF_BYTES.length,
      addedBy: amsterdam.id,
    });
    expect(fromUploader.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The upload is marked as taken by that attachment, so no second answer or sweep can use it.
    expect(await uploadRow(kept)).toMatchObject({ attachmentId: fromUploader.attachmentId });

    // The same audit as the plain form's answer, plus the check of the file and its removal.
    const audited = await database.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, t.dossierId), eq(auditEvents.actorUserId, amsterdam.id)));
    const actions = audited.map((a) => a.action);
    expect(actions.filter((a) => a === "dossier.request_upload_verified")).toHaveLength(2);
    expect(actions).toContain("dossier.request_upload_removed");
    const answer = audited.find((a) => a.action === "dossier.request_answered");
    expect(answer?.details).toMatchObject({
      confidential: 1,
      attachmentIds: expect.arrayContaining([fromUploader.attachmentId]),
    });

    // Answered, the request takes no more files: a 409 in words, not a 500.
    const late = await browser.register("nagekomen.pdf");
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/al beantwoord/);
    expect((await browser.verify(kept)).status).toBe(409);
  });

  it("is not there for another municipality's officer, and each attempt is audited", async () => {
    const t = await openRequest();
    const own = await browserOf(amsterdam, t).send("belverslag.pdf");
    const other = browserOf(zaanstad, t);
    const replies = [
      await other.register("belverslag.pdf"),
      await other.put(own, PDF_BYTES),
      await other.verify(own),
      await other.remove(own),
    ];
    expect(replies.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    const denied = await database.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, zaanstad.id), eq(auditEvents.action, "dossier.access_denied")));
    expect(denied.map((d) => d.details)).toEqual(Array(4).fill({ route: "portal.request.upload", number: t.number }));
    // Amsterdam's file is untouched.
    expect(await uploadRow(own)).toMatchObject({ status: "verified", attachmentId: null });
  });

  it("refuses an answer naming an upload that is not the officer's own, checked one", async () => {
    const t = await openRequest();
    const other = await openRequest();
    const elsewhere = await browserOf(amsterdam, other).send("ander-verzoek.pdf");
    const result = asData<{ errors: Record<string, string> }>(
      await postAnswer(amsterdam, t, [
        ["answerText", "Zie bijlage."],
        ["upload1", elsewhere],
        ["upload2", "00000000-0000-4000-8000-000000000000"],
      ]),
    );
    expect(result.init?.status).toBe(400);
    expect(result.data.errors).toEqual({
      document1: "Document 1 is niet meer beschikbaar. Voeg het opnieuw toe.",
      document2: "Document 2 is niet meer beschikbaar. Voeg het opnieuw toe.",
    });
    const [request] = await database.db
      .select({ status: municipalityRequests.status })
      .from(municipalityRequests)
      .where(inArray(municipalityRequests.id, [t.requestId]));
    expect(request!.status).toBe("open");
    expect(await uploadRow(elsewhere)).toMatchObject({ status: "verified", attachmentId: null });
  });

  it("sweeps a checked file no answer took, and keeps the one an answer took", async () => {
    const t = await openRequest();
    const browser = browserOf(amsterdam, t);
    const forgotten = await browser.send("vergeten.pdf");
    const used = await browser.send("gebruikt.pdf");
    expect(
      asResponse(
        await postAnswer(amsterdam, t, [
          ["answerText", "Zie bijlage."],
          ["upload1", used],
        ]),
      ).status,
    ).toBe(302);
    const forgottenKey = (await uploadRow(forgotten))!.storageKey;
    const usedKey = (await uploadRow(used))!.storageKey;
    // A day after the (fixed) clock of these tests.
    await deleteStrayObjects(services, new Date("2026-11-28T10:00:00Z"));
    expect(await uploadRow(forgotten)).toBeUndefined();
    expect(await exists(forgottenKey)).toBe(false);
    expect(await uploadRow(used)).toMatchObject({ status: "verified" });
    expect(await exists(usedKey)).toBe(true);
  });
});
