import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as registerRoute from "#app/routes/klacht.upload.aanmelden";
import * as signRoute from "#app/routes/klacht.upload.ondertekenen";
import * as putRoute from "#app/routes/klacht.upload.$uploadId";
import * as verifyRoute from "#app/routes/klacht.upload.$uploadId.controleren";
import { setLogLevel } from "#app/utils/logger.server";
import { dossierAttachments, dossiers, uploads, type Upload } from "#db/schema/index";
import type { ObjectStorage } from "#storage/types";
import { contextFor, createTestServices, getRequest, settle, BASE_URL } from "#test/support/app";
import { EICAR, startClamdPeer, type ClamdPeer } from "#test/support/clamd-peer";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import {
  locationOf,
  PDF_BYTES,
  readObject,
  seedDraft,
  storedKeys,
  todayOf,
  type IntakeBrowser,
} from "#test/support/intake";
import { startS3Server, type TestS3Server } from "#test/support/s3-server";
import { freshStorageServices, type Transport } from "#test/support/storage-services";

/**
 * The browser upload API (register → transfer → verify) through its real resource routes, on
 * local storage and on a real S3-compatible server (s3rver) with the browser's part done by
 * fetch against the presigned URLs.
 */

const MB = 1024 * 1024;
const DEFAULT_LOG_LEVEL = (process.env.LOG_LEVEL as "debug" | "info" | "warn" | "error" | undefined) ?? "error";
const EXE_BYTES = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/programma.exe"));

let database: TestDatabase;
let s3: TestS3Server;
const fresh = freshStorageServices("upload-api");

beforeAll(async () => {
  [database, s3] = await Promise.all([createTestDatabase(), startS3Server()]);
});
afterAll(async () => {
  fresh.cleanup();
  await s3?.stop();
  await database?.destroy();
});

type TestServices = ReturnType<typeof createTestServices>;

/** Services on a fresh storage: an empty folder, or a new bucket on the shared s3rver (so "nothing left" can be listed). */
function servicesFor(
  transport: Transport,
  env: Record<string, string> = {},
  wrap?: (s: ObjectStorage) => ObjectStorage,
): Promise<TestServices> {
  return fresh.servicesFor(database, s3, transport, { env, wrap });
}

/** A copy on a plain ArrayBuffer: what fetch's body type accepts, whatever buffer the bytes are in. */
const bodyOf = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A PDF of exactly `size` bytes (header, filler, trailer), different on every call. */
function pdfOf(size: number): Buffer {
  const head = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1");
  const tail = Buffer.from("\n%%EOF\n");
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}

/** A web stream of `bytes` in 64 KiB chunks: a request body without Content-Length, as a browser streams it. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      at += 64 * 1024;
    },
  });
}

/**
 * Holds every caller until `n` have arrived (or `ms` have passed, so that code that no longer
 * gets there is not held for ever): makes two requests reach the same step at the same moment.
 */
function barrier(n: number, ms = 500): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const open = new Promise<void>((resolve) => (release = resolve));
  const timer = setTimeout(() => release(), ms);
  return async () => {
    if (++arrived >= n) {
      clearTimeout(timer);
      release();
    }
    await open;
  };
}

type Reply<T> = { status: number; body: T & { error?: string } };
type Registered = { id: string; key: string; contentType: string; transport: Transport; endpoint: string | null };
type Signed = { url: string; headers?: Record<string, string>; key: string };
type Attached = { id: string; category: string; fileName: string; size: number };
type CallOptions = { csrf?: boolean | string; draft?: boolean };

async function replyOf<T>(result: unknown): Promise<Reply<T>> {
  if (!(result instanceof Response)) throw new Error(`expected a Response, got ${JSON.stringify(result)}`);
  const text = await result.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: text };
  }
  return { status: result.status, body: body as T & { error?: string } };
}

/** One resident's browser talking to the upload API: its draft cookie, the CSRF cookie and header. */
class Uploader {
  constructor(
    readonly services: TestServices,
    readonly browser: IntakeBrowser,
  ) {}

  headers({ csrf = true, draft = true }: CallOptions = {}, extra: Record<string, string> = {}): Headers {
    // The CSRF seed cookie exactly as the other tests send it.
    const cookie =
      getRequest("/", { cookie: draft ? this.browser.draftCookie : undefined }).headers.get("Cookie") ?? "";
    const headers = new Headers({ Cookie: cookie, ...extra });
    if (csrf !== false)
      headers.set("X-CSRF-Token", typeof csrf === "string" ? csrf : contextFor(this.services).csrfToken);
    return headers;
  }

  private async postJson<T>(
    action: (args: {
      request: Request;
      context: ReturnType<typeof contextFor>;
      params: Record<string, string>;
    }) => Promise<Response>,
    pathname: string,
    body: unknown,
    options: CallOptions = {},
    params: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const request = new Request(new URL(pathname, BASE_URL), {
      method: "POST",
      headers: this.headers(options, { "Content-Type": "application/json" }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return replyOf<T>(await settle(() => action({ request, context: contextFor(this.services), params })));
  }

  register(input: { category?: string; name: string; size: number; type?: string }, options?: CallOptions) {
    return this.postJson<Registered>(
      registerRoute.action,
      "/klacht/upload/aanmelden",
      { ...input, category: input.category ?? "evidence", type: input.type ?? "" },
      options,
    );
  }

  sign(
    input: { method: string; key: string; uploadId?: string; partNumber?: number; contentType?: string },
    options?: CallOptions,
  ) {
    return this.postJson<Signed>(signRoute.action, "/klacht/upload/ondertekenen", input, options);
  }

  verify(id: string, options?: CallOptions) {
    return this.postJson<Attached>(verifyRoute.action, `/klacht/upload/${id}/controleren`, undefined, options, {
      uploadId: id,
    });
  }

  /** The local transport's raw PUT; streamed without Content-Length unless `contentLength` is given. */
  async put(
    id: string,
    bytes: Uint8Array,
    options: CallOptions & { contentLength?: number } = {},
  ): Promise<Reply<{ id: string }>> {
    const headers = this.headers(options, { "Content-Type": "application/octet-stream" });
    if (options.contentLength !== undefined) headers.set("Content-Length", String(options.contentLength));
    const request = new Request(new URL(`/klacht/upload/${id}`, BASE_URL), {
      method: "PUT",
      headers,
      body: streamOf(bytes),
      duplex: "half",
    });
    return replyOf(
      await settle(() => putRoute.action({ request, context: contextFor(this.services), params: { uploadId: id } })),
    );
  }

  /** What the browser does with a presigned single PUT. */
  async s3Put(key: string, bytes: Uint8Array): Promise<Signed> {
    const signed = await this.sign({ method: "PUT", key });
    expect(signed.status, signed.body.error).toBe(200);
    const res = await fetch(signed.body.url, { method: "PUT", body: bodyOf(bytes), headers: signed.body.headers });
    expect(res.status, await res.text()).toBe(200);
    return signed.body;
  }

  /** What @uppy/aws-s3 does for a large file: create, one signed PUT per part, complete (as bench/upload.ts). */
  async s3Multipart(key: string, bytes: Uint8Array, partSize = 5 * MB): Promise<number> {
    const created = await this.sign({ method: "POST", key });
    expect(created.status, created.body.error).toBe(200);
    const createRes = await fetch(created.body.url, { method: "POST", headers: created.body.headers });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await createRes.text())?.[1];
    if (!uploadId) throw new Error("no UploadId");
    const parts: { n: number; etag: string }[] = [];
    for (let n = 1, offset = 0; offset < bytes.length; n++, offset += partSize) {
      const signed = await this.sign({ method: "PUT", key, uploadId, partNumber: n });
      expect(signed.status, signed.body.error).toBe(200);
      const res = await fetch(signed.body.url, {
        method: "PUT",
        body: bodyOf(bytes.subarray(offset, offset + partSize)),
      });
      expect(res.status).toBe(200);
      parts.push({ n, etag: res.headers.get("etag") ?? "" });
    }
    const complete = await this.sign({ method: "POST", key, uploadId });
    expect(complete.status, complete.body.error).toBe(200);
    const xml = `<CompleteMultipartUpload>${parts.map((p) => `<Part><PartNumber>${p.n}</PartNumber><ETag>${p.etag}</ETag></Part>`).join("")}</CompleteMultipartUpload>`;
    const done = await fetch(complete.body.url, {
      method: "POST",
      body: xml,
      headers: { "Content-Type": "application/xml" },
    });
    expect(done.status, await done.text()).toBe(200);
    return parts.length;
  }

  /** Register and send the bytes over whichever transport the services use; returns the registration. */
  async upload(
    name: string,
    bytes: Uint8Array,
    options: { category?: string; type?: string; declaredSize?: number } = {},
  ): Promise<Registered> {
    const reg = await this.register({
      name,
      size: options.declaredSize ?? bytes.length,
      type: options.type ?? "application/pdf",
      category: options.category,
    });
    expect(reg.status, reg.body.error).toBe(200);
    if (reg.body.transport === "local") {
      const put = await this.put(reg.body.id, bytes);
      expect(put.status, put.body.error).toBe(200);
    } else if (bytes.length > 5 * MB) await this.s3Multipart(reg.body.key, bytes);
    else await this.s3Put(reg.body.key, bytes);
    return reg.body;
  }
}

/** A browser with a draft that has reached the attachments step, or (ready) one that can be sent as it is. */
async function uploaderFor(
  services: TestServices,
  o: { ready?: boolean; representative?: boolean } = {},
): Promise<Uploader> {
  const browser = await seedDraft(services, {
    today: todayOf(services),
    representative: o.representative,
    ...(o.ready ? {} : { files: [], answers: { attachmentsDone: undefined } }),
  });
  return new Uploader(services, browser);
}

async function uploadRow(id: string): Promise<Upload> {
  const [row] = await database.db.select().from(uploads).where(eq(uploads.id, id));
  if (!row) throw new Error(`no uploads row ${id}`);
  return row;
}

async function dossierFilesOf(browser: IntakeBrowser) {
  const draftId = await browser.draftId();
  const [dossier] = await database.db.select().from(dossiers).where(eq(dossiers.sourceDraftId, draftId));
  if (!dossier) throw new Error("no dossier for this draft");
  return database.db.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, dossier.id));
}

/** Half-written files of the local store (its .tmp folder). */
function localLeftovers(services: TestServices): string[] {
  const tmp = path.join(services.env.dataDir, "files", ".tmp");
  return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
}

const badType = (name: string) => `Het bestand ${name} is geen PDF, afbeelding of document.`;

// ---------------------------------------------------------------------------------------------

describe("registering and signing: what is refused", () => {
  it("refuses to sign any request for a key registered by another draft", async () => {
    const services = await servicesFor("s3");
    const owner = await uploaderFor(services);
    const intruder = await uploaderFor(services);
    const theirs = await owner.register({ name: "brief.pdf", size: 12 * MB, type: "application/pdf" });
    expect(theirs.status).toBe(200);
    const key = theirs.body.key;
    expect(key).toMatch(/^quarantine\/[0-9a-f-]{36}$/);
    for (const req of [
      { method: "PUT", key },
      { method: "POST", key },
      { method: "PUT", key, uploadId: "abc123", partNumber: 1 },
      { method: "POST", key, uploadId: "abc123" },
      { method: "GET", key, uploadId: "abc123" },
      { method: "DELETE", key, uploadId: "abc123" },
    ]) {
      const res = await intruder.sign(req);
      expect(res.status, JSON.stringify(req)).toBe(403);
      expect(res.body).toEqual({ error: "not_allowed" });
    }
    // The owner may.
    expect((await owner.sign({ method: "PUT", key })).status).toBe(200);
  });

  it("refuses to sign a made-up or foreign key, and keys of its own uploads once they are verified or refused", async () => {
    const services = await servicesFor("s3");
    const u = await uploaderFor(services);
    const verified = await u.upload("brief.pdf", PDF_BYTES);
    const attached = await u.verify(verified.id);
    expect(attached.status).toBe(200);
    const [row] = await u.browser.attachments();
    const refused = await u.register({ name: "leeg.pdf", size: 10, type: "application/pdf" });
    expect((await u.verify(refused.body.id)).status).toBe(409); // no bytes arrived: refused as missing

    for (const key of [
      `attachments/${randomUUID()}`,
      `quarantine/${randomUUID()}`,
      "../x",
      "quarantine/../attachments/x",
      "",
      row!.storageKey, // the draft's own attachment
      verified.key, // its own upload, now verified
      refused.body.key, // its own upload, refused
    ]) {
      for (const method of ["PUT", "POST"]) {
        const res = await u.sign({ method, key });
        expect(res.status, `${method} ${key}`).toBe(403);
      }
    }
  });

  it.each([
    { name: "virus.exe", type: "application/x-msdownload" },
    { name: "virus.exe", type: "application/pdf" },
    { name: "page.html", type: "text/html" },
    { name: "image.svg", type: "image/svg+xml" },
    { name: "brief.pdf", type: "text/html" },
    { name: "brief.pdf", type: "image/svg+xml" },
    { name: "brief.pdf", type: "application/x-msdownload" },
    { name: "script.js", type: "text/javascript" },
  ])("refuses to register $name declared as $type with 415", async ({ name, type }) => {
    const services = await servicesFor("s3");
    const u = await uploaderFor(services);
    const res = await u.register({ name, size: 1000, type });
    expect(res.status).toBe(415);
    expect(res.body.error).toBe(badType(name));
    expect(
      await database.db
        .select()
        .from(uploads)
        .where(eq(uploads.draftId, await u.browser.draftId())),
    ).toEqual([]);
  });

  it("refuses to register a file declared over UPLOAD_MAX_FILE_MB (413), and an empty one", async () => {
    const services = await servicesFor("s3", { UPLOAD_MAX_FILE_MB: "1" });
    const u = await uploaderFor(services);
    const over = await u.register({ name: "scan.pdf", size: MB + 1, type: "application/pdf" });
    expect(over.status).toBe(413);
    expect(over.body.error).toBe("Het bestand scan.pdf is groter dan 1 MB.");
    const empty = await u.register({ name: "leeg.pdf", size: 0, type: "application/pdf" });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toBe("Het bestand leeg.pdf is leeg.");
    expect((await u.register({ name: "precies.pdf", size: MB, type: "application/pdf" })).status).toBe(200);
  });

  it("counts registrations still under way against UPLOAD_MAX_FILES, and frees the place of a refused one", async () => {
    const services = await servicesFor("s3", { UPLOAD_MAX_FILES: "2" });
    const u = await uploaderFor(services);
    const first = await u.register({ name: "een.pdf", size: 100, type: "application/pdf" });
    const second = await u.register({ name: "twee.pdf", size: 100, type: "application/pdf" });
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await u.register({ name: "drie.pdf", size: 100, type: "application/pdf" });
    expect(third.status).toBe(409);
    expect(third.body.error).toBe("U kunt maximaal 2 bestanden toevoegen.");
    // One of the two never sends its bytes: refused at verification, it no longer counts.
    expect((await u.verify(first.body.id)).status).toBe(409);
    expect((await u.register({ name: "drie.pdf", size: 100, type: "application/pdf" })).status).toBe(200);
    // Another draft has its own count.
    const other = await uploaderFor(services);
    expect((await other.register({ name: "een.pdf", size: 100, type: "application/pdf" })).status).toBe(200);
  });

  it("refuses to register what would take the draft over UPLOAD_MAX_TOTAL_MB, counting pending registrations", async () => {
    const services = await servicesFor("s3", { UPLOAD_MAX_FILE_MB: "2", UPLOAD_MAX_TOTAL_MB: "3" });
    const u = await uploaderFor(services);
    expect((await u.register({ name: "a.pdf", size: 2 * MB, type: "application/pdf" })).status).toBe(200);
    const b = await u.register({ name: "b.pdf", size: 2 * MB, type: "application/pdf" });
    expect(b.status).toBe(413);
    expect(b.body.error).toBe("Alle bestanden samen mogen niet groter zijn dan 3 MB.");
  });

  it("signs parts only up to what the declared size needs (plus one), and no part number on a complete", async () => {
    const services = await servicesFor("s3");
    const u = await uploaderFor(services);
    const reg = await u.register({ name: "groot.pdf", size: 12 * MB, type: "application/pdf" });
    const key = reg.body.key;
    const uploadId = "2b7e1516";
    for (const n of [1, 2, 3, 4])
      expect((await u.sign({ method: "PUT", key, uploadId, partNumber: n })).status, `part ${n}`).toBe(200);
    for (const n of [5, 100, 10_000])
      expect((await u.sign({ method: "PUT", key, uploadId, partNumber: n })).status, `part ${n}`).toBe(403);
    expect((await u.sign({ method: "PUT", key, uploadId })).status).toBe(403);
    expect((await u.sign({ method: "POST", key, uploadId, partNumber: 1 })).status).toBe(403);
    expect((await u.sign({ method: "PUT", key, uploadId, partNumber: 0 })).status).toBe(400);
    expect((await u.sign({ method: "PUT", key, uploadId, partNumber: 10_001 })).status).toBe(400);
    // A small file gets at most two parts.
    const small = await u.register({ name: "klein.pdf", size: 1000, type: "application/pdf" });
    expect((await u.sign({ method: "PUT", key: small.body.key, uploadId, partNumber: 2 })).status).toBe(200);
    expect((await u.sign({ method: "PUT", key: small.body.key, uploadId, partNumber: 3 })).status).toBe(403);
  });

  it("signs what the server registered, whatever content type the browser asks for", async () => {
    const services = await servicesFor("s3");
    const u = await uploaderFor(services);
    const reg = await u.register({ name: "brief.pdf", size: 1000, type: "application/pdf" });
    const res = await u.sign({ method: "PUT", key: reg.body.key, contentType: "text/html" });
    expect(res.status).toBe(200);
    expect(res.body.headers).toEqual({ "Content-Type": "application/pdf" });
    expect(res.body.key).toBe(reg.body.key);
  });

  it("takes a mandate only from a draft for someone else", async () => {
    const services = await servicesFor("s3");
    const self = await uploaderFor(services);
    const refused = await self.register({
      category: "mandate",
      name: "machtiging.pdf",
      size: 1000,
      type: "application/pdf",
    });
    expect(refused.status).toBe(400);
    expect(
      await database.db
        .select()
        .from(uploads)
        .where(eq(uploads.draftId, await self.browser.draftId())),
    ).toEqual([]);
    expect(
      (await self.register({ category: "dossier", name: "x.pdf", size: 1000, type: "application/pdf" })).status,
    ).toBe(400);

    const rep = await uploaderFor(services, { representative: true });
    const ok = await rep.register({ category: "mandate", name: "machtiging.pdf", size: 1000, type: "application/pdf" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ contentType: "application/pdf", transport: "s3", endpoint: null });
  });

  it("refuses every call without the CSRF header (403) or without a live draft (410)", async () => {
    const services = await servicesFor("s3");
    const u = await uploaderFor(services);
    const reg = await u.register({ name: "brief.pdf", size: 1000, type: "application/pdf" });
    for (const csrf of [false, "not-the-token"] as const) {
      expect((await u.register({ name: "brief.pdf", size: 1000, type: "application/pdf" }, { csrf })).status).toBe(403);
      expect((await u.sign({ method: "PUT", key: reg.body.key }, { csrf })).status).toBe(403);
      expect((await u.verify(reg.body.id, { csrf })).status).toBe(403);
    }
    const noDraft = { draft: false };
    expect(await u.register({ name: "brief.pdf", size: 1000, type: "application/pdf" }, noDraft)).toEqual({
      status: 410,
      body: { error: "draft_gone" },
    });
    expect((await u.sign({ method: "PUT", key: reg.body.key }, noDraft)).status).toBe(410);
    expect((await u.verify(reg.body.id, noDraft)).status).toBe(410);
    expect((await uploadRow(reg.body.id)).status).toBe("pending");
    // Nothing registered by the refused calls.
    expect(
      await database.db
        .select()
        .from(uploads)
        .where(eq(uploads.draftId, await u.browser.draftId())),
    ).toHaveLength(1);

    // A draft that has been sent is gone too.
    const sent = await uploaderFor(services, { ready: true });
    const pending = await sent.register({ name: "laat.pdf", size: 1000, type: "application/pdf" });
    expect(locationOf(await sent.browser.submit())).toBe("/klacht/verzonden");
    expect((await sent.register({ name: "nog een.pdf", size: 1000, type: "application/pdf" })).status).toBe(410);
    expect((await sent.sign({ method: "PUT", key: pending.body.key })).status).toBe(410);
    expect((await sent.verify(pending.body.id)).status).toBe(410);
  });

  it("offers each transport only where it applies", async () => {
    const local = await uploaderFor(await servicesFor("local"));
    const reg = await local.register({ name: "brief.pdf", size: 1000, type: "application/pdf" });
    expect(reg.body).toMatchObject({ transport: "local", endpoint: `/klacht/upload/${reg.body.id}` });
    expect((await local.sign({ method: "PUT", key: reg.body.key })).status).toBe(404);

    const remote = await uploaderFor(await servicesFor("s3"));
    const r = await remote.register({ name: "brief.pdf", size: 1000, type: "application/pdf" });
    expect((await remote.put(r.body.id, PDF_BYTES)).status).toBe(404);
    expect(await storedKeys(remote.services)).toEqual([]);
  });
});

describe("S3: straight to the bucket with presigned URLs", () => {
  it("takes a PDF: presigned PUT, verify, moved out of quarantine and recorded with the sniffed type and the real size", async () => {
    const services = await servicesFor("s3");
    const u = await uploaderFor(services);
    const bytes = pdfOf(200_000);
    // The browser declares a type that is not the file's; the server's type stands.
    const reg = await u.register({
      category: "municipality_answer",
      name: "C:\\fakepath\\Antwoord gemeente.pdf",
      size: bytes.length,
      type: "application/octet-stream",
    });
    expect(reg.status).toBe(200);
    expect(reg.body).toMatchObject({ contentType: "application/pdf", transport: "s3", endpoint: null });
    await u.s3Put(reg.body.key, bytes);
    expect(await storedKeys(services)).toEqual([reg.body.key]);

    const res = await u.verify(reg.body.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(String),
      category: "municipality_answer",
      fileName: "Antwoord gemeente.pdf",
      size: bytes.length,
    });

    const rows = await u.browser.attachments();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: res.body.id,
      contentType: "application/pdf",
      size: bytes.length,
      category: "municipality_answer",
    });
    expect(rows[0]!.storageKey).toMatch(/^attachments\/[0-9a-f-]{36}$/);
    expect(await storedKeys(services, "quarantine/")).toEqual([]);
    expect(await storedKeys(services)).toEqual([rows[0]!.storageKey]);
    expect((await readObject(services, rows[0]!.storageKey)).equals(bytes)).toBe(true);
    expect(await uploadRow(reg.body.id)).toMatchObject({ status: "verified", attachmentId: res.body.id });

    // Verified once: a second verify answers with the same attachment (a retried request), a second PUT signature is refused.
    expect(await u.verify(reg.body.id)).toMatchObject({ status: 200, body: { id: res.body.id } });
    expect((await u.sign({ method: "PUT", key: reg.body.key })).status).toBe(403);
  });

  it("takes a 12 MB file through a three-part multipart upload", async () => {
    const services = await servicesFor("s3");
    const u = await uploaderFor(services);
    const bytes = pdfOf(12 * MB);
    const reg = await u.register({ name: "dossier-scan.pdf", size: bytes.length, type: "application/pdf" });
    expect(await u.s3Multipart(reg.body.key, bytes)).toBe(3);
    const res = await u.verify(reg.body.id);
    expect(res.status, res.body.error).toBe(200);
    expect(res.body.size).toBe(12 * MB);
    const [row] = await u.browser.attachments();
    expect(row).toMatchObject({ contentType: "application/pdf", size: 12 * MB, fileName: "dossier-scan.pdf" });
    expect(await storedKeys(services)).toEqual([row!.storageKey]);
    expect(sha256(await readObject(services, row!.storageKey))).toBe(sha256(bytes));
  });

  it("records an image by what its bytes are (a JPEG named .png)", async () => {
    const services = await servicesFor("s3");
    const u = await uploaderFor(services);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(5000)]);
    const reg = await u.upload("foto.png", jpeg, { type: "image/png" });
    expect((await u.verify(reg.id)).status).toBe(200);
    expect((await u.browser.attachments())[0]).toMatchObject({
      fileName: "foto.png",
      contentType: "image/jpeg",
      size: jpeg.length,
    });
  });
});

type RefusalCase = {
  label: string;
  name: string;
  type: string;
  bytes: () => Uint8Array;
  declaredSize?: number;
  env?: Record<string, string>;
  message: string;
  reason: string;
};

const REFUSED: RefusalCase[] = [
  {
    label: "an .exe renamed .pdf (MZ header)",
    name: "factuur.pdf",
    type: "application/pdf",
    bytes: () => EXE_BYTES,
    message: badType("factuur.pdf"),
    reason: "type_executable",
  },
  {
    label: "HTML renamed .pdf",
    name: "brief.pdf",
    type: "application/pdf",
    bytes: () => Buffer.from("<!DOCTYPE html>\n<html><body><script>fetch('/klacht')</script>%PDF-1.4</body></html>\n"),
    message: badType("brief.pdf"),
    reason: "type_html",
  },
  {
    label: "an SVG named .png",
    name: "foto.png",
    type: "image/png",
    bytes: () =>
      Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'),
    message: badType("foto.png"),
    reason: "type_svg",
  },
  {
    label: "a declared 1 KB file that is really 2 MB (UPLOAD_MAX_FILE_MB=1)",
    name: "scan.pdf",
    type: "application/pdf",
    bytes: () => pdfOf(2 * MB),
    declaredSize: 1024,
    env: { UPLOAD_MAX_FILE_MB: "1" },
    message: "Het bestand scan.pdf is groter dan 1 MB.",
    reason: "too_large",
  },
];

describe.each(["local", "s3"] as const)(
  "verification refusals (%s): a file that passes the browser but fails verification never reaches the dossier",
  (transport) => {
    it.each(REFUSED)("$label", async (c) => {
      const services = await servicesFor(transport, c.env);
      const u = await uploaderFor(services, { ready: true });
      const before = await u.browser.attachments();
      expect(before.map((f) => f.category)).toEqual(["municipality_answer"]);
      const bytes = c.bytes();

      const reg = await u.register({ name: c.name, size: c.declaredSize ?? bytes.length, type: c.type });
      expect(reg.status, reg.body.error).toBe(200);
      if (transport === "s3") {
        // The browser sends whatever it likes to the presigned URL, more than it declared included.
        await u.s3Put(reg.body.key, bytes);
        const res = await u.verify(reg.body.id);
        expect(res).toEqual({ status: 422, body: { error: c.message } });
      } else if (bytes.length > services.env.uploads.maxFileBytes) {
        // Locally the bytes pass through the app, which stops at the limit.
        const put = await u.put(reg.body.id, bytes);
        expect(put).toEqual({ status: 413, body: { error: c.message } });
        expect((await u.verify(reg.body.id)).status).toBe(404);
      } else {
        expect((await u.put(reg.body.id, bytes)).status).toBe(200);
        const res = await u.verify(reg.body.id);
        expect(res).toEqual({ status: 422, body: { error: c.message } });
      }

      // Deleted: nowhere in storage; not on the draft; the upload is marked refused and cannot be retried.
      expect(await storedKeys(services, "quarantine/")).toEqual([]);
      expect(await storedKeys(services, "attachments/")).toEqual(before.map((f) => f.storageKey));
      if (transport === "local") expect(localLeftovers(services)).toEqual([]);
      expect(await u.browser.attachments()).toEqual(before);
      expect(await uploadRow(reg.body.id)).toMatchObject({ status: "rejected", reason: c.reason, attachmentId: null });
      expect((await u.verify(reg.body.id)).status).toBe(404);
      if (transport === "s3") expect((await u.sign({ method: "PUT", key: reg.body.key })).status).toBe(403);

      // The resident sends the complaint: the dossier has the files that passed, and only those.
      expect(locationOf(await u.browser.submit())).toBe("/klacht/verzonden");
      const files = await dossierFilesOf(u.browser);
      expect(files.map((f) => [f.fileName, f.storageKey])).toEqual(before.map((f) => [f.fileName, f.storageKey]));
      expect(files.some((f) => f.fileName === c.name)).toBe(false);
    });

    it("refuses an empty file at verification", async () => {
      const services = await servicesFor(transport);
      const u = await uploaderFor(services);
      const reg = await u.register({ name: "leeg.pdf", size: 100, type: "application/pdf" });
      if (transport === "s3") await u.s3Put(reg.body.key, new Uint8Array(0));
      else expect((await u.put(reg.body.id, new Uint8Array(0))).status).toBe(200);
      expect(await u.verify(reg.body.id)).toEqual({ status: 422, body: { error: "Het bestand leeg.pdf is leeg." } });
      expect(await storedKeys(services)).toEqual([]);
      expect(await u.browser.attachments()).toEqual([]);
    });

    it("refuses a verify before the bytes arrived (409) and keeps nothing", async () => {
      const services = await servicesFor(transport);
      const u = await uploaderFor(services);
      const reg = await u.register({ name: "brief.pdf", size: 100, type: "application/pdf" });
      expect(await u.verify(reg.body.id)).toEqual({
        status: 409,
        body: { error: "Het bestand brief.pdf is niet meer beschikbaar. Voeg het opnieuw toe." },
      });
      expect(await uploadRow(reg.body.id)).toMatchObject({ status: "rejected", reason: "missing" });
      // Another draft cannot verify (or even find) this draft's upload.
      const other = await uploaderFor(services);
      const theirs = await u.register({ name: "brief.pdf", size: 100, type: "application/pdf" });
      expect((await other.verify(theirs.body.id)).status).toBe(404);
      expect((await other.verify("not-a-uuid")).status).toBe(404);
      expect((await uploadRow(theirs.body.id)).status).toBe("pending");
    });

    it("gives one attachment when the same upload is verified twice at the same time (a retried request)", async () => {
      // Both requests past their checks before either moves the file: what two requests a few ms apart do with a large file.
      const bothChecked = barrier(2);
      const services = await servicesFor(transport, {}, (storage) => ({
        ...storage,
        kind: storage.kind,
        move: async (from, to) => {
          await bothChecked();
          return storage.move(from, to);
        },
      }));
      const u = await uploaderFor(services);
      const reg = await u.upload("brief.pdf", PDF_BYTES);
      const results = await Promise.all([u.verify(reg.id), u.verify(reg.id)]);
      const rows = await u.browser.attachments();
      expect(rows).toHaveLength(1);
      expect(await storedKeys(services)).toEqual([rows[0]!.storageKey]);
      expect(await uploadRow(reg.id)).toMatchObject({ status: "verified", attachmentId: rows[0]!.id });
      // The file is on the draft, so neither answer may tell the resident it is gone: one 200, the other
      // 200 or "still being checked" (409).
      expect(results.some((r) => r.status === 200)).toBe(true);
      for (const r of results) {
        expect([200, 409], JSON.stringify(r)).toContain(r.status);
        if (r.status === 200) expect(r.body.id).toBe(rows[0]!.id);
        if (r.status === 409) expect(r.body.error).toBe("Het bestand brief.pdf wordt gecontroleerd…");
      }
      // Asking again afterwards gives the attachment.
      expect(await u.verify(reg.id)).toMatchObject({ status: 200, body: { id: rows[0]!.id } });
    });

    it("never attaches bytes other than the ones it checked (the browser writes again while the server verifies)", async () => {
      // The window between the checks (type sniff, virus scan: seconds for a large file) and the
      // move out of quarantine, made deterministic: the browser's second write lands just before the move.
      // Locally through the PUT route (the upload is still pending); on S3 with the presigned URL, still valid.
      let beforeMove: () => Promise<void> = async () => undefined;
      const services = await servicesFor(transport, {}, (storage) => ({
        ...storage,
        kind: storage.kind,
        move: async (from, to) => {
          await beforeMove();
          return storage.move(from, to);
        },
      }));
      const u = await uploaderFor(services);
      const reg = await u.register({ name: "brief.pdf", size: PDF_BYTES.length, type: "application/pdf" });
      let putUrl: Signed | null = null;
      if (transport === "s3") putUrl = await u.s3Put(reg.body.key, PDF_BYTES);
      else expect((await u.put(reg.body.id, PDF_BYTES)).status).toBe(200);
      beforeMove = async () => {
        beforeMove = async () => undefined;
        if (putUrl) await fetch(putUrl.url, { method: "PUT", body: EXE_BYTES, headers: putUrl.headers });
        else await u.put(reg.body.id, EXE_BYTES);
      };
      const res = await u.verify(reg.body.id);
      const rows = await u.browser.attachments();
      for (const row of rows) {
        const stored = await readObject(services, row.storageKey);
        expect(
          stored.subarray(0, 2).toString("latin1"),
          `attachment ${row.fileName} (verify answered ${res.status})`,
        ).not.toBe("MZ");
        expect(stored.length).toBe(row.size);
      }
    });
  },
);

describe.each(["local", "s3"] as const)("virus scan with clamd (%s)", (transport) => {
  let peer: ClamdPeer;
  beforeAll(async () => {
    peer = await startClamdPeer();
  });
  afterAll(async () => {
    await peer?.stop();
  });
  const clamEnv = (p: ClamdPeer, extra: Record<string, string> = {}) => ({
    CLAMAV_HOST: p.host,
    CLAMAV_PORT: String(p.port),
    ...extra,
  });

  it("passes a clean PDF, scanned in full, and records its sha256", async () => {
    const services = await servicesFor(transport, clamEnv(peer));
    const u = await uploaderFor(services);
    const bytes = pdfOf(300_000);
    const reg = await u.upload("brief.pdf", bytes);
    const sessionsBefore = peer.sessions.length;
    const res = await u.verify(reg.id);
    expect(res.status, res.body.error).toBe(200);
    const scans = peer.sessions.slice(sessionsBefore);
    expect(scans).toMatchObject([{ command: "INSTREAM", prefix: "z", bytes: bytes.length, reply: "stream: OK" }]);
    const [row] = await u.browser.attachments();
    expect(row).toMatchObject({ sha256: sha256(bytes), size: bytes.length, contentType: "application/pdf" });
    expect(await storedKeys(services)).toEqual([row!.storageKey]);
  });

  it("refuses a PDF with the EICAR test string, deletes it, and it never reaches the dossier", async () => {
    const services = await servicesFor(transport, clamEnv(peer));
    const u = await uploaderFor(services, { ready: true });
    const before = await u.browser.attachments();
    // The signature well past the sniffed head, so only the scan can find it.
    const bytes = Buffer.concat([pdfOf(100_000), Buffer.from(EICAR, "latin1"), Buffer.from("\n%%EOF\n")]);
    const reg = await u.upload("brief.pdf", bytes);
    const res = await u.verify(reg.id);
    expect(res).toEqual({
      status: 422,
      body: { error: "In het bestand brief.pdf is mogelijk een virus gevonden. Wij hebben het niet opgeslagen." },
    });
    expect(await storedKeys(services, "quarantine/")).toEqual([]);
    expect(await storedKeys(services, "attachments/")).toEqual(before.map((f) => f.storageKey));
    expect(await u.browser.attachments()).toEqual(before);
    expect(await uploadRow(reg.id)).toMatchObject({ status: "rejected", reason: "infected" });
    expect(locationOf(await u.browser.submit())).toBe("/klacht/verzonden");
    expect((await dossierFilesOf(u.browser)).map((f) => f.storageKey)).toEqual(before.map((f) => f.storageKey));
  });

  it("answers 503 when clamd cannot be reached; the file does not count until a later check passes", async () => {
    const dead = await startClamdPeer();
    await dead.stop();
    const services = await servicesFor(transport, clamEnv(dead, { UPLOAD_MAX_FILES: "1" }));
    const u = await uploaderFor(services);
    const reg = await u.upload("brief.pdf", PDF_BYTES);
    setLogLevel("silent"); // the scan failure is logged as an error on purpose
    const res = await u.verify(reg.id).finally(() => setLogLevel(DEFAULT_LOG_LEVEL));
    expect(res).toEqual({
      status: 503,
      body: {
        error:
          "Het bestand brief.pdf kon niet op virussen worden gecontroleerd. Probeer het over een paar minuten opnieuw.",
      },
    });
    expect(await u.browser.attachments()).toEqual([]);
    expect(await storedKeys(services, "attachments/")).toEqual([]);
    // Kept, so "try again in a few minutes" works without sending the file again.
    expect((await uploadRow(reg.id)).status).toBe("pending");
    const alive = await startClamdPeer();
    try {
      // The same store and the same browser; only the scanner is back.
      const back = fresh.track(
        createTestServices(database, {
          env: clamEnv(alive, { UPLOAD_MAX_FILES: "1" }),
          storage: services.storage,
          presign: services.presign,
        }),
      );
      expect((await new Uploader(back, u.browser).verify(reg.id)).status).toBe(200);
    } finally {
      await alive.stop();
    }
    expect(await u.browser.attachments()).toHaveLength(1);
  });
});

describe("local transport: the bytes stream through the app", () => {
  it("streams a 3 MB body into storage and verifies it", async () => {
    const services = await servicesFor("local");
    const u = await uploaderFor(services);
    const bytes = pdfOf(3 * MB);
    const reg = await u.register({ name: "scan.pdf", size: bytes.length, type: "application/pdf" });
    const put = await u.put(reg.body.id, bytes);
    expect(put).toEqual({ status: 200, body: { id: reg.body.id } });
    expect(await storedKeys(services)).toEqual([reg.body.key]);
    expect((await uploadRow(reg.body.id)).status).toBe("pending");
    const res = await u.verify(reg.body.id);
    expect(res.status).toBe(200);
    const [row] = await u.browser.attachments();
    expect(row).toMatchObject({ size: 3 * MB, contentType: "application/pdf" });
    expect(await storedKeys(services)).toEqual([row!.storageKey]);
    expect(sha256(await readObject(services, row!.storageKey))).toBe(sha256(bytes));
    expect(localLeftovers(services)).toEqual([]);
  });

  it("records the sha256 of a file whose bytes passed through the app, as the form without JavaScript does", async () => {
    const services = await servicesFor("local");
    const u = await uploaderFor(services);
    const reg = await u.upload("brief.pdf", PDF_BYTES);
    expect((await u.verify(reg.id)).status).toBe(200);
    expect((await u.browser.attachments())[0]?.sha256).toBe(sha256(PDF_BYTES));
  });

  it("refuses a body over the limit with 413 and leaves nothing in storage, with or without Content-Length", async () => {
    const services = await servicesFor("local", { UPLOAD_MAX_FILE_MB: "1" });
    const u = await uploaderFor(services);
    const bytes = pdfOf(2 * MB);
    const message = "Het bestand scan.pdf is groter dan 1 MB.";

    const streamed = await u.register({ name: "scan.pdf", size: 1000, type: "application/pdf" });
    expect(await u.put(streamed.body.id, bytes)).toEqual({ status: 413, body: { error: message } });
    expect(await uploadRow(streamed.body.id)).toMatchObject({ status: "rejected", reason: "too_large" });

    const announced = await u.register({ name: "scan.pdf", size: 1000, type: "application/pdf" });
    expect(await u.put(announced.body.id, bytes, { contentLength: bytes.length })).toEqual({
      status: 413,
      body: { error: message },
    });
    expect(await uploadRow(announced.body.id)).toMatchObject({ status: "rejected", reason: "too_large" });

    expect(await storedKeys(services)).toEqual([]);
    expect(localLeftovers(services)).toEqual([]);
    expect(await u.browser.attachments()).toEqual([]);
    // Refused for good: no second PUT, no verify.
    expect((await u.put(streamed.body.id, PDF_BYTES)).status).toBe(404);
    expect((await u.verify(streamed.body.id)).status).toBe(404);
  });

  it("refuses a PUT for another draft's upload id (404), an unknown id, and one without CSRF or draft", async () => {
    const services = await servicesFor("local");
    const owner = await uploaderFor(services);
    const intruder = await uploaderFor(services);
    const reg = await owner.register({ name: "brief.pdf", size: PDF_BYTES.length, type: "application/pdf" });
    expect(await intruder.put(reg.body.id, EXE_BYTES)).toEqual({ status: 404, body: { error: "unknown_upload" } });
    expect((await intruder.put(randomUUID(), EXE_BYTES)).status).toBe(404);
    expect((await intruder.put("../../etc/passwd", EXE_BYTES)).status).toBe(404);
    expect((await owner.put(reg.body.id, EXE_BYTES, { csrf: false })).status).toBe(403);
    expect((await owner.put(reg.body.id, EXE_BYTES, { draft: false })).status).toBe(410);
    expect(await storedKeys(services)).toEqual([]);
    expect((await uploadRow(reg.body.id)).status).toBe("pending");
    // The owner's own PUT still works.
    expect((await owner.put(reg.body.id, PDF_BYTES)).status).toBe(200);
    expect((await owner.verify(reg.body.id)).status).toBe(200);
  });
});

describe("concurrent registrations", () => {
  it("keeps to UPLOAD_MAX_FILES when a draft registers several files at the same moment (Uppy sends them in parallel)", async () => {
    const base = await servicesFor("s3", { UPLOAD_MAX_FILES: "2" });
    // Every registration past its count of the draft's files before any is inserted, as under load.
    const allCounted = barrier(6);
    const db = new Proxy(base.db, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop);
        if (prop !== "insert") return typeof value === "function" ? value.bind(target) : value;
        return (table: typeof uploads) => {
          const builder = target.insert(table);
          if (table !== uploads) return builder;
          return {
            values: (v: typeof uploads.$inferInsert) => ({
              returning: async () => {
                await allCounted();
                return builder.values(v).returning();
              },
            }),
          };
        };
      },
    });
    const services: TestServices = { ...base, db };
    const u = await uploaderFor(services);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        u.register({ name: `bestand-${i}.pdf`, size: 1000, type: "application/pdf" }),
      ),
    );
    expect(
      await database.db
        .select()
        .from(uploads)
        .where(eq(uploads.draftId, await u.browser.draftId())),
    ).toHaveLength(2);
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409)).toHaveLength(4);
  });
});
