import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseworkActor } from "#app/dossiers/casework/command.server";
import { createResidentLink, redeemLink } from "#app/residents/access.server";
import { action as dossierAction, loader as dossierLoader } from "#app/routes/mijn-klacht.dossier/route";
import * as putRoute from "#app/routes/mijn-klacht.upload.$uploadId";
import * as verifyRoute from "#app/routes/mijn-klacht.upload.$uploadId.controleren";
import * as removeRoute from "#app/routes/mijn-klacht.upload.$uploadId.verwijderen";
import * as registerRoute from "#app/routes/mijn-klacht.upload.aanmelden";
import { deleteStrayObjects } from "#app/uploads/uploads.server";
import { auditEvents, dossierAttachments, dossierEvents, dossiers, mailOutbox, uploads } from "#db/schema/index";
import { BASE_URL, contextFor, createTestServices, getRequest, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createDossier, createUser } from "#test/support/factories";
import { asData, asResponse, locationOf, PDF_BYTES } from "#test/support/intake";

/**
 * The uploader on the resident's status page: the same register → transfer → verify calls as the
 * intake's, owned by the dossier of the resident's session (another resident's session gets a
 * 404, a closed dossier a 409, and no more files than the dossier still takes), and "Add
 * documents" turning the checked files into the resident's documents as the plain form does.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let handler: CaseworkActor;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => new Date("2026-12-04T10:00:00Z") });
  const h = await createUser(database.db, { role: "case_handler", name: "Sanne de Behandelaar" });
  handler = { id: h.id, role: h.role, name: h.name };
});

afterAll(async () => {
  await database?.destroy();
});

/** A submitted dossier and a session on it, as a used link leaves one. */
async function residentWith(attachments: { fileName: string }[] = []) {
  const d = await createDossier(database.db, services.storage, {
    assigneeId: handler.id,
    attachments: attachments.map((a) => ({
      category: "evidence" as const,
      fileName: a.fileName,
      contentType: "application/pdf",
      body: PDF_BYTES,
    })),
  });
  const link = await createResidentLink(database.db, d.id, services.now());
  const opened = await redeemLink(contextFor(services), link);
  if (opened.state !== "opened") throw new Error("link did not open");
  return { dossierId: d.id, number: d.number, cookie: opened.cookie.split(";")[0]! };
}
type Resident = Awaited<ReturnType<typeof residentWith>>;

type Reply = { status: number; body: Record<string, unknown> & { error?: string } };
type Action = (args: {
  request: Request;
  context: ReturnType<typeof contextFor>;
  params: Record<string, string>;
}) => Promise<Response>;

const base = "/mijn-klacht/upload";

/** One resident's browser on the upload API: their session cookie (or none), the CSRF cookie and header. */
function browserOf(who: Pick<Resident, "cookie"> | null, { csrf = true } = {}) {
  const headers = (extra: Record<string, string>) => {
    const h = new Headers({
      Cookie: getRequest("/", { cookie: who?.cookie }).headers.get("Cookie") ?? "",
      ...extra,
    });
    if (csrf) h.set("X-CSRF-Token", contextFor(services).csrfToken);
    return h;
  };
  const call = async (action: Action, pathname: string, init: RequestInit, params: Record<string, string> = {}) => {
    const request = new Request(new URL(pathname, BASE_URL), init);
    const res = asResponse(await settle(() => action({ request, context: contextFor(services), params })));
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
      postJson(registerRoute.action, `${base}/aanmelden`, {
        category: "evidence",
        name,
        size,
        type: "application/pdf",
      }),
    put: (id: string, bytes: Uint8Array) =>
      call(
        putRoute.action,
        `${base}/${id}`,
        { method: "PUT", headers: headers({ "Content-Type": "application/pdf" }), body: new Uint8Array(bytes) },
        { uploadId: id },
      ),
    verify: (id: string) => postJson(verifyRoute.action, `${base}/${id}/controleren`, undefined, { uploadId: id }),
    remove: (id: string) => postJson(removeRoute.action, `${base}/${id}/verwijderen`, undefined, { uploadId: id }),
    /** Register, send and verify one file, as Uppy does; returns the upload's id. */
    async send(name: string, bytes: Uint8Array = PDF_BYTES): Promise<string> {
      const registered = await this.register(name, bytes.length);
      expect(registered.status, registered.body.error).toBe(200);
      const id = String(registered.body.id);
      expect(registered.body).toMatchObject({ transport: "local", endpoint: `${base}/${id}` });
      const sent = await this.put(id, bytes);
      expect(sent.status, sent.body.error).toBe(200);
      const verified = await this.verify(id);
      expect(verified.status, verified.body.error).toBe(200);
      expect(verified.body).toMatchObject({ id, fileName: name, size: bytes.length, category: "evidence" });
      return id;
    },
  };
}

/** "Add documents" with JavaScript: the checked files' ids. */
const addUploads = (who: Resident, ids: string[]) =>
  settle(() =>
    dossierAction({
      request: postForm(
        "/mijn-klacht/dossier",
        services,
        { intent: "add_uploads", upload: ids },
        { cookie: who.cookie },
      ),
      context: contextFor(services),
      params: {},
    }),
  );

const statusPage = async (who: Resident) =>
  (await dossierLoader({
    request: getRequest("/mijn-klacht/dossier", { cookie: who.cookie }),
    context: contextFor(services),
    params: {},
  })) as { uploads: { id: string; fileName: string }[]; dossier: { documents: { fileName: string }[] } };

const uploadRow = async (id: string) => (await database.db.select().from(uploads).where(eq(uploads.id, id)))[0];
const exists = async (key: string) => (await services.storage.head(key)) !== null;
const residentAudit = (dossierId: string) =>
  database.db
    .select({ action: auditEvents.action, role: auditEvents.actorRole, details: auditEvents.details })
    .from(auditEvents)
    .where(eq(auditEvents.subjectId, dossierId));

describe("the uploader on the resident's status page", () => {
  it("registers, sends and checks files, which 'Add documents' makes the resident's documents", async () => {
    const resident = await residentWith();
    const browser = browserOf(resident);
    const kept = await browser.send("Brief van de gemeente.pdf");
    const dropped = await browser.send("verkeerd.pdf");

    // Checked, the file waits under its final key, owned by the dossier only.
    const row = await uploadRow(kept);
    expect(row).toMatchObject({
      status: "verified",
      dossierId: resident.dossierId,
      draftId: null,
      requestId: null,
      uploadedBy: null,
      category: "evidence",
      attachmentId: null,
    });
    expect(row!.storageKey.startsWith("attachments/")).toBe(true);

    // Taken off again: its row and its object are gone.
    const droppedKey = (await uploadRow(dropped))!.storageKey;
    expect((await browser.remove(dropped)).status).toBe(200);
    expect(await uploadRow(dropped)).toBeUndefined();
    expect(await exists(droppedKey)).toBe(false);

    // The page lists the checked file for the form; nothing is a document yet.
    const before = await statusPage(resident);
    expect(before.uploads.map((u) => [u.id, u.fileName])).toEqual([[kept, "Brief van de gemeente.pdf"]]);
    expect(before.dossier.documents).toEqual([]);

    // Nothing to add is a message at the form, not a 500.
    const none = asData<{ errors: Record<string, string> }>(
      await settle(() =>
        dossierAction({
          request: postForm("/mijn-klacht/dossier", services, { intent: "add_uploads" }, { cookie: resident.cookie }),
          context: contextFor(services),
          params: {},
        }),
      ),
    );
    expect(none.init?.status).toBe(400);
    expect(none.data.errors).toEqual({ document: "Kies een bestand om toe te voegen." });

    const added = asResponse(await addUploads(resident, [kept]));
    expect(locationOf(added)).toBe("/mijn-klacht/dossier?toegevoegd=1#documenten");
    const rows = await database.db
      .select()
      .from(dossierAttachments)
      .where(eq(dossierAttachments.dossierId, resident.dossierId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      fileName: "Brief van de gemeente.pdf",
      category: "evidence",
      visibility: "shared",
      addedBy: null,
      storageKey: row!.storageKey,
      contentType: "application/pdf",
      size: PDF_BYTES.length,
    });
    // Taken: no second post, removal or sweep can use it.
    expect(await uploadRow(kept)).toMatchObject({ attachmentId: rows[0]!.id });
    expect((await browser.remove(kept)).status).toBe(404);
    const again = asData<{ errors: Record<string, string> }>(await addUploads(resident, [kept]));
    expect(again.init?.status).toBe(409);
    expect(again.data.errors).toEqual({ document: "Een document is niet meer beschikbaar. Voeg het opnieuw toe." });

    // On the timeline as the resident's, the handler told by a link, as with the plain form.
    const [event] = await database.db
      .select()
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, resident.dossierId), eq(dossierEvents.type, "document_added")));
    expect(event).toMatchObject({
      actorUserId: null,
      details: { by: "resident", fileName: "Brief van de gemeente.pdf" },
    });
    const told = await database.db
      .select({ to: mailOutbox.toAddress })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.subjectType, "dossier_attachment"), eq(mailOutbox.subjectId, rows[0]!.id)));
    expect(told).toHaveLength(1);
    const after = await statusPage(resident);
    expect(after.uploads).toEqual([]);
    expect(after.dossier.documents.map((d) => d.fileName)).toEqual(["Brief van de gemeente.pdf"]);

    // The check and the removal are audited as the resident's.
    const audited = (await residentAudit(resident.dossierId)).filter((a) => a.action.startsWith("resident.upload_"));
    expect(audited.map((a) => [a.action, a.role])).toEqual([
      ["resident.upload_verified", "resident"],
      ["resident.upload_verified", "resident"],
      ["resident.upload_removed", "resident"],
    ]);
    expect(audited[0]!.details).toMatchObject({ number: resident.number, uploadId: kept });

    // A checked file no form took is swept with the others.
    const forgotten = await browser.send("vergeten.pdf");
    const forgottenKey = (await uploadRow(forgotten))!.storageKey;
    await deleteStrayObjects(services, new Date("2026-12-05T10:00:00Z"));
    expect(await uploadRow(forgotten)).toBeUndefined();
    expect(await exists(forgottenKey)).toBe(false);
    expect(await exists(rows[0]!.storageKey)).toBe(true);
  });

  it("is not there for another resident's session, nor without a session or the CSRF header", async () => {
    const first = await residentWith();
    const second = await residentWith();
    const own = await browserOf(first).send("eigen.pdf");
    const pending = String((await browserOf(first).register("onderweg.pdf")).body.id);
    const other = browserOf(second);
    const replies = [
      await other.put(pending, PDF_BYTES),
      await other.verify(own),
      await other.verify(pending),
      await other.remove(own),
    ];
    expect(replies).toEqual(Array(4).fill({ status: 404, body: { error: "unknown_upload" } }));
    // Nor can the other resident add it to their own dossier.
    const taken = asData<{ errors: Record<string, string> }>(await addUploads(second, [own]));
    expect(taken.init?.status).toBe(409);
    expect(await statusPage(second)).toMatchObject({ uploads: [], dossier: { documents: [] } });
    // The first resident's files are untouched.
    expect(await uploadRow(own)).toMatchObject({ status: "verified", attachmentId: null });
    expect(await uploadRow(pending)).toMatchObject({ status: "pending" });
    expect((await statusPage(first)).uploads.map((u) => u.id)).toEqual([own]);

    // Signed out: a 401 for the uploader to show, not a redirect to follow.
    expect(await browserOf(null).register("a.pdf")).toEqual({ status: 401, body: { error: "signed_out" } });
    expect((await browserOf(first, { csrf: false }).register("a.pdf")).status).toBe(403);
  });

  it("takes no files once the dossier is closed: a 409 in words", async () => {
    const resident = await residentWith();
    const browser = browserOf(resident);
    const checked = await browser.send("op-tijd.pdf");
    const pending = String((await browser.register("te-laat.pdf")).body.id);
    await database.db.update(dossiers).set({ status: "closed" }).where(eq(dossiers.id, resident.dossierId));
    const closed = { status: 409, body: { error: "Uw dossier is al gesloten." } };
    expect(await browser.register("nog een.pdf")).toEqual(closed);
    expect(await browser.put(pending, PDF_BYTES)).toEqual(closed);
    expect(await browser.verify(pending)).toEqual(closed);
    expect(await browser.remove(checked)).toEqual(closed);
    const late = asData<{ errors: Record<string, string> }>(await addUploads(resident, [checked]));
    expect(late.init?.status).toBe(409);
    expect(late.data.errors).toEqual({ document: "Uw dossier is al gesloten." });
    expect(
      await database.db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, resident.dossierId)),
    ).toEqual([]);
  });

  it("takes no more files than the dossier still has room for (20 documents in all)", async () => {
    const resident = await residentWith(Array.from({ length: 18 }, (_, i) => ({ fileName: `intake-${i}.pdf` })));
    const browser = browserOf(resident);
    const a = await browser.send("a.pdf");
    const b = await browser.register("b.pdf");
    expect(b.status).toBe(200);
    expect(await browser.register("c.pdf")).toEqual({
      status: 409,
      body: { error: "U kunt maximaal 2 bestanden toevoegen." },
    });
    expect((await browser.put(String(b.body.id), PDF_BYTES)).status).toBe(200);
    expect((await browser.verify(String(b.body.id))).status).toBe(200);
    expect(locationOf(asResponse(await addUploads(resident, [a, String(b.body.id)])))).toBe(
      "/mijn-klacht/dossier?toegevoegd=1#documenten",
    );
    // Full: the uploader refuses at once, saying why.
    expect(await browser.register("d.pdf")).toEqual({
      status: 409,
      body: {
        error: "U heeft al 20 documenten gestuurd. Meer kan niet via deze pagina: bel ons als u nog iets wilt sturen.",
      },
    });
    expect(
      await database.db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, resident.dossierId)),
    ).toHaveLength(20);
  });
});
