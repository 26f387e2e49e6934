import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_FIELD } from "#app/security/csrf.server";
import { receiveUploads, type UploadPolicy } from "#app/uploads/receive.server";
import { setLogLevel } from "#app/utils/logger.server";
import { BASE_URL, contextFor, createTestServices, getRequest } from "#test/support/app";
import { EICAR, startClamdPeer, type ClamdPeer } from "#test/support/clamd-peer";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { PDF_BYTES, readObject, storedKeys } from "#test/support/intake";

/**
 * The one multipart pipeline on its own, with the policies its two callers use: the resident's
 * upload step (several inputs, a budget) and the staff document form (one input, one file).
 */

let database: TestDatabase;
let peer: ClamdPeer;
const opened: ReturnType<typeof createTestServices>[] = [];
const DEFAULT_LOG_LEVEL = (process.env.LOG_LEVEL as "debug" | "info" | "warn" | "error" | undefined) ?? "error";

beforeAll(async () => {
  database = await createTestDatabase();
  peer = await startClamdPeer();
});
afterAll(async () => {
  for (const s of opened) s.cleanup();
  await peer.stop();
  await database.destroy();
});

function servicesWith(env: Record<string, string> = {}) {
  const s = createTestServices(database, { env });
  opened.push(s);
  return s;
}

type Part = [string, string] | [string, { name: string; body: Uint8Array | string }];

function post(services: ReturnType<typeof servicesWith>, parts: Part[], csrf = true): Request {
  const form = new FormData();
  if (csrf) form.append(CSRF_FIELD, contextFor(services).csrfToken);
  for (const [name, value] of parts) {
    if (typeof value === "string") form.append(name, value);
    else
      form.append(
        name,
        new File([typeof value.body === "string" ? value.body : new Uint8Array(value.body)], value.name),
      );
  }
  const cookie = getRequest("/").headers.get("Cookie") ?? "";
  return new Request(new URL("/upload", BASE_URL), { method: "POST", body: form, headers: { Cookie: cookie } });
}

const receive = <F extends string>(services: ReturnType<typeof servicesWith>, parts: Part[], policy: UploadPolicy<F>) =>
  receiveUploads(post(services, parts), contextFor(services), policy);

const STAFF = { fields: ["file"], perPost: 1 } as const satisfies UploadPolicy<"file">;

describe("receiveUploads", () => {
  it("stores a file under a key of its own and returns its shape with the form's other fields", async () => {
    const services = servicesWith();
    const got = await receive(
      services,
      [
        ["intent", "add_document"],
        ["file", { name: "C:\\map\\Brief.pdf", body: PDF_BYTES }],
        ["documentCategory", "evidence"],
      ],
      STAFF,
    );
    expect(got.refusals).toEqual([]);
    expect(got.fields).toEqual({ intent: "add_document", documentCategory: "evidence" });
    expect(got.files).toEqual([
      expect.objectContaining({
        field: "file",
        fileName: "Brief.pdf",
        contentType: "application/pdf",
        size: PDF_BYTES.length,
      }),
    ]);
    const [file] = got.files;
    expect(file!.storageKey).toMatch(/^attachments\/[0-9a-f-]{36}$/);
    expect(file!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await readObject(services, file!.storageKey)).equals(PDF_BYTES)).toBe(true);
  });

  it("takes one file per post under a one-file policy and ignores files in other inputs", async () => {
    const services = servicesWith();
    const got = await receive(
      services,
      [
        ["file", { name: "een.pdf", body: PDF_BYTES }],
        ["file", { name: "twee.pdf", body: PDF_BYTES }],
        ["other", { name: "drie.pdf", body: PDF_BYTES }],
      ],
      STAFF,
    );
    expect(got.files.map((f) => f.fileName)).toEqual(["een.pdf"]);
    expect(await storedKeys(services)).toEqual([got.files[0]!.storageKey]);
  });

  it("refuses by code, per input, what the budget no longer allows, and stores only what it took", async () => {
    const services = servicesWith();
    const got = await receive(
      services,
      [
        ["evidence", { name: "een.pdf", body: PDF_BYTES }],
        ["mandate", { name: "twee.pdf", body: PDF_BYTES }],
        ["evidence", { name: "drie.exe", body: "MZ" }],
      ],
      { fields: ["evidence", "mandate"], budget: { files: 1, bytes: 10 * PDF_BYTES.length } },
    );
    expect(got.files.map((f) => [f.field, f.fileName])).toEqual([["evidence", "een.pdf"]]);
    expect(got.refusals).toEqual([
      { field: "mandate", fileName: "twee.pdf", code: "too_many" },
      { field: "evidence", fileName: "drie.exe", code: "bad_type" },
    ]);
    expect(await storedKeys(services)).toEqual([got.files[0]!.storageKey]);
  });

  it("says 'total_too_large' when the budget's bytes, not the file limit, stopped a file", async () => {
    const services = servicesWith();
    const got = await receive(services, [["evidence", { name: "een.pdf", body: PDF_BYTES }]], {
      fields: ["evidence"],
      budget: { files: 5, bytes: PDF_BYTES.length - 1 },
    });
    expect(got.refusals).toEqual([{ field: "evidence", fileName: "een.pdf", code: "total_too_large" }]);
    expect(await storedKeys(services)).toEqual([]);
  });

  it("refuses an infected file when a scanner is configured, and 'scan_failed' when it cannot be reached", async () => {
    const services = servicesWith({ CLAMAV_HOST: peer.host, CLAMAV_PORT: String(peer.port) });
    const infected = Buffer.concat([PDF_BYTES, Buffer.from(EICAR, "latin1")]);
    const got = await receive(services, [["file", { name: "brief.pdf", body: infected }]], STAFF);
    expect(got).toMatchObject({ files: [], refusals: [{ code: "infected", fileName: "brief.pdf" }] });
    expect(await storedKeys(services)).toEqual([]);

    const dead = await startClamdPeer();
    await dead.stop();
    const unreachable = servicesWith({ CLAMAV_HOST: dead.host, CLAMAV_PORT: String(dead.port) });
    setLogLevel("silent");
    const failed = await receive(unreachable, [["file", { name: "brief.pdf", body: PDF_BYTES }]], STAFF).finally(() =>
      setLogLevel(DEFAULT_LOG_LEVEL),
    );
    expect(failed).toMatchObject({ files: [], refusals: [{ code: "scan_failed" }] });
    expect(await storedKeys(unreachable)).toEqual([]);
  });

  it("answers 403 to a post without its CSRF token and keeps nothing", async () => {
    const services = servicesWith();
    const thrown = await receiveUploads(
      post(services, [["file", { name: "brief.pdf", body: PDF_BYTES }]], false),
      contextFor(services),
      STAFF,
    ).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(403);
    expect(await storedKeys(services)).toEqual([]);
  });

  it("keeps nothing of a post that breaks off after a file it had already stored", async () => {
    const services = servicesWith();
    const boundary = "----oma-test-boundary";
    const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;
    const body =
      part(`Content-Disposition: form-data; name="${CSRF_FIELD}"`, contextFor(services).csrfToken) +
      part(
        'Content-Disposition: form-data; name="file"; filename="een.pdf"\r\nContent-Type: application/pdf',
        PDF_BYTES.toString("latin1"),
      ) +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="twee.pdf"\r\n\r\n%PDF-1.4 cut off`;
    const request = new Request(new URL("/upload", BASE_URL), {
      method: "POST",
      body: Buffer.from(body, "latin1"),
      headers: {
        Cookie: getRequest("/").headers.get("Cookie") ?? "",
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
      },
    });
    const thrown = await receiveUploads(request, contextFor(services), { fields: ["file"] }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
    expect(await storedKeys(services)).toEqual([]);
  });
});
