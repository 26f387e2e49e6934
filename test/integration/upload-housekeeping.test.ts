import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as registerRoute from "#app/routes/klacht.upload.aanmelden";
import * as signRoute from "#app/routes/klacht.upload.ondertekenen";
import * as putRoute from "#app/routes/klacht.upload.$uploadId";
import * as verifyRoute from "#app/routes/klacht.upload.$uploadId.controleren";
import { deleteStrayObjects } from "#app/uploads/uploads.server";
import { dossierAttachments, dossiers, uploads } from "#db/schema/index";
import { contextFor, getRequest, settle, BASE_URL, type createTestServices } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { locationOf, PDF_BYTES, seedDraft, storedKeys, todayOf, type IntakeBrowser } from "#test/support/intake";
import { startS3Server, type TestS3Server } from "#test/support/s3-server";
import { freshStorageServices, type Transport } from "#test/support/storage-services";

/**
 * deleteStrayObjects: what an upload that never finished (or was refused) leaves in storage,
 * and objects no row points to, are deleted once older than the cutoff; files on drafts and
 * dossiers never are.
 */

let database: TestDatabase;
let s3: TestS3Server;
const fresh = freshStorageServices("housekeeping");

beforeAll(async () => {
  [database, s3] = await Promise.all([createTestDatabase(), startS3Server()]);
});
afterAll(async () => {
  fresh.cleanup();
  await s3?.stop();
  await database?.destroy();
});

type TestServices = ReturnType<typeof createTestServices>;
const servicesFor = (transport: Transport) => fresh.servicesFor(database, s3, transport);

type Signed = { url: string; headers?: Record<string, string> };

/** The upload API as a browser calls it, reduced to what this file needs. */
class Uploader {
  constructor(
    readonly services: TestServices,
    readonly browser: IntakeBrowser,
  ) {}

  private headers(extra: Record<string, string> = {}): Headers {
    const cookie = getRequest("/", { cookie: this.browser.draftCookie }).headers.get("Cookie") ?? "";
    return new Headers({ Cookie: cookie, "X-CSRF-Token": contextFor(this.services).csrfToken, ...extra });
  }

  private async call<T>(
    action: (args: {
      request: Request;
      context: ReturnType<typeof contextFor>;
      params: Record<string, string>;
    }) => Promise<Response>,
    pathname: string,
    init: RequestInit,
    params: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const request = new Request(new URL(pathname, BASE_URL), init);
    const res = await settle(() => action({ request, context: contextFor(this.services), params }));
    if (!(res instanceof Response)) throw new Error("expected a Response");
    return { status: res.status, body: (await res.json()) as T };
  }

  register(name: string, size: number) {
    return this.call<{ id: string; key: string }>(registerRoute.action, "/klacht/upload/aanmelden", {
      method: "POST",
      headers: this.headers({ "Content-Type": "application/json" }),
      body: JSON.stringify({ category: "evidence", name, size, type: "application/pdf" }),
    });
  }

  /** Sends the bytes (local PUT, or presigned PUT); returns the signed request on S3, to send again later. */
  async transfer(id: string, key: string, bytes: Uint8Array): Promise<Signed | null> {
    if (this.services.presign === null) {
      const put = await this.call(
        putRoute.action,
        `/klacht/upload/${id}`,
        { method: "PUT", headers: this.headers(), body: new Uint8Array(bytes) },
        { uploadId: id },
      );
      expect(put.status).toBe(200);
      return null;
    }
    const signed = await this.call<Signed>(signRoute.action, "/klacht/upload/ondertekenen", {
      method: "POST",
      headers: this.headers({ "Content-Type": "application/json" }),
      body: JSON.stringify({ method: "PUT", key }),
    });
    expect(signed.status).toBe(200);
    const res = await fetch(signed.body.url, {
      method: "PUT",
      body: new Uint8Array(bytes),
      headers: signed.body.headers,
    });
    expect(res.status).toBe(200);
    return signed.body;
  }

  verify(id: string) {
    return this.call<{ id: string }>(
      verifyRoute.action,
      `/klacht/upload/${id}/controleren`,
      { method: "POST", headers: this.headers() },
      { uploadId: id },
    );
  }
}

async function uploaderFor(services: TestServices, o: { ready?: boolean } = {}): Promise<Uploader> {
  const browser = await seedDraft(services, {
    today: todayOf(services),
    ...(o.ready ? {} : { files: [], answers: { attachmentsDone: undefined } }),
  });
  return new Uploader(services, browser);
}

const put = (services: TestServices, key: string, bytes: Uint8Array = PDF_BYTES) =>
  services.storage.put(key, Readable.from([bytes]), { maxBytes: 10 * 1024 * 1024, contentType: "application/pdf" });

const inAMinute = () => new Date(Date.now() + 60_000);
const anHourAgo = () => new Date(Date.now() - 3_600_000);

describe.each(["local", "s3"] as const)("deleteStrayObjects (%s)", (transport) => {
  it("deletes abandoned uploads and orphans older than the cutoff, and leaves draft and dossier files alone", async () => {
    const services = await servicesFor(transport);

    // A file verified through the API, and one stored by the form without JavaScript: both on a live draft.
    const u = await uploaderFor(services);
    const verifiedReg = await u.register("brief.pdf", PDF_BYTES.length);
    await u.transfer(verifiedReg.body.id, verifiedReg.body.key, PDF_BYTES);
    expect((await u.verify(verifiedReg.body.id)).status).toBe(200);
    const withForm = await seedDraft(services, { today: todayOf(services) });
    const draftKeys = [...(await u.browser.attachments()), ...(await withForm.attachments())].map((f) => f.storageKey);
    expect(draftKeys).toHaveLength(2);

    // A dossier's file.
    const sent = await uploaderFor(services, { ready: true });
    expect(locationOf(await sent.browser.submit())).toBe("/klacht/verzonden");
    const [dossier] = await database.db
      .select()
      .from(dossiers)
      .where(eq(dossiers.sourceDraftId, await sent.browser.draftId()));
    const dossierKeys = (
      await database.db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, dossier!.id))
    ).map((f) => f.storageKey);
    expect(dossierKeys).toHaveLength(1);

    // An upload whose bytes arrived but that was never verified; one that never got its bytes; a refused one.
    const abandoned = await u.register("half.pdf", PDF_BYTES.length);
    await u.transfer(abandoned.body.id, abandoned.body.key, PDF_BYTES);
    const neverSent = await u.register("nooit.pdf", 100);
    const refused = await u.register("leeg.pdf", 100);
    expect((await u.verify(refused.body.id)).status).toBe(409);

    // Left by a crash: objects no row points to. And something under another prefix, not ours to judge.
    const orphanAttachment = `attachments/${randomUUID()}`;
    const orphanQuarantine = `quarantine/${randomUUID()}`;
    const elsewhere = `exports/${randomUUID()}`;
    for (const key of [orphanAttachment, orphanQuarantine, elsewhere]) await put(services, key);

    const kept = [...draftKeys, ...dossierKeys, elsewhere].sort();
    expect((await storedKeys(services)).sort()).toEqual(
      [...kept, abandoned.body.key, orphanAttachment, orphanQuarantine].sort(),
    );

    // Everything is recent: a cutoff in the past deletes nothing (it may belong to a request in flight).
    expect(await deleteStrayObjects(services, anHourAgo())).toEqual({ abandoned: 0, orphans: 0 });
    expect((await storedKeys(services)).length).toBe(kept.length + 3);
    const ids = [verifiedReg, abandoned, neverSent, refused].map((r) => r.body.id);
    expect(await database.db.select().from(uploads).where(inArray(uploads.id, ids))).toHaveLength(4);

    // With the cutoff after everything: the three unfinished uploads and the two orphans go.
    expect(await deleteStrayObjects(services, inAMinute())).toEqual({ abandoned: 3, orphans: 2 });
    expect((await storedKeys(services)).sort()).toEqual(kept);
    const left = await database.db.select().from(uploads).where(inArray(uploads.id, ids));
    expect(left.map((r) => [r.id, r.status])).toEqual([[verifiedReg.body.id, "verified"]]);
    expect((await u.browser.attachments()).map((f) => f.fileName)).toEqual(["brief.pdf"]);

    // The draft can still be sent with its file.
    expect(locationOf(await withForm.submit())).toBe("/klacht/verzonden");

    // Idempotent: a second run finds nothing.
    expect(await deleteStrayObjects(services, inAMinute())).toEqual({ abandoned: 0, orphans: 0 });
    expect((await storedKeys(services)).sort()).toEqual(kept);
  });

  // Local only: 520 objects take s3rver several seconds, and S3 list paging has its own contract test.
  it.runIf(transport === "local")("pages through more orphans than one batch of keys", async () => {
    const services = await servicesFor(transport);
    const keep = await uploaderFor(services, { ready: true });
    const [file] = await keep.browser.attachments();
    const orphans = Array.from({ length: 520 }, () => `attachments/${randomUUID()}`);
    for (let i = 0; i < orphans.length; i += 40)
      await Promise.all(orphans.slice(i, i + 40).map((k) => put(services, k, Buffer.from("x"))));
    expect(await deleteStrayObjects(services, inAMinute())).toEqual({ abandoned: 0, orphans: 520 });
    expect(await storedKeys(services)).toEqual([file!.storageKey]);
  });
});

describe("deleteStrayObjects (s3): what a browser may still write after verification", () => {
  it("deletes an object written to a verified upload's quarantine key with its still-valid presigned URL", async () => {
    const services = await servicesFor("s3");
    const u = await uploaderFor(services);
    const reg = await u.register("brief.pdf", PDF_BYTES.length);
    const signed = await u.transfer(reg.body.id, reg.body.key, PDF_BYTES);
    expect((await u.verify(reg.body.id)).status).toBe(200);
    const [attachment] = await u.browser.attachments();
    // The presigned PUT stays valid for 15 minutes; nothing stops the browser from using it again.
    const again = await fetch(signed!.url, {
      method: "PUT",
      body: Buffer.from("MZ unscanned bytes"),
      headers: signed!.headers,
    });
    expect(again.status).toBe(200);
    expect((await storedKeys(services)).sort()).toEqual([attachment!.storageKey, reg.body.key].sort());

    await deleteStrayObjects(services, inAMinute());
    // The quarantine object belongs to no upload that is still under way: it must go.
    expect(await storedKeys(services)).toEqual([attachment!.storageKey]);
  });
});
