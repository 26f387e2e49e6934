import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setLogLevel } from "#app/utils/logger.server";
import { draftAttachments } from "#db/schema/index";
import type { ObjectStorage } from "#storage/types";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createTestServices } from "#test/support/app";
import {
  asData,
  asResponse,
  locationOf,
  PDF_BYTES,
  readObject,
  seedDraft,
  storedKeys,
  type IntakeBrowser,
} from "#test/support/intake";

let database: TestDatabase;
const opened: ReturnType<typeof createTestServices>[] = [];

const NOW = new Date("2026-06-10T09:00:00Z");
const TODAY = "2026-06-10";
const MB = 1024 * 1024;
// As test/setup-env.ts sets it.
const DEFAULT_LOG_LEVEL = (process.env.LOG_LEVEL as "debug" | "info" | "warn" | "error" | undefined) ?? "error";

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const s of opened) s.cleanup();
  await database.destroy();
});

/** Services with their own empty storage folder, so "nothing stored" can be checked by listing it. */
function servicesWith(env: Record<string, string> = {}, storage?: ObjectStorage) {
  const s = createTestServices(database, { now: () => NOW, env, storage });
  opened.push(s);
  return s;
}

/** A draft that has reached the attachments step (everything before it answered, no files yet). */
function atAttachments(services: ReturnType<typeof servicesWith>): Promise<IntakeBrowser> {
  return seedDraft(services, { today: TODAY, files: [], answers: { attachmentsDone: undefined } });
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
type UploadData = { errors: Record<string, string>; added?: number; removed?: string };

/**
 * Bytes of a refused upload still on disk outside the listing (half-written files in the local
 * storage's .tmp folder). Empty files are left out: local storage can leave an empty temp file
 * behind when it refuses an upload before its write stream opened (reported separately); they
 * hold none of the resident's data.
 */
function leftovers(services: ReturnType<typeof servicesWith>): string[] {
  const tmp = path.join(services.env.dataDir, "files", ".tmp");
  if (!fs.existsSync(tmp)) return [];
  return fs.readdirSync(tmp).filter((name) => fs.statSync(path.join(tmp, name)).size > 0);
}

describe("uploads without JavaScript (multipart through the step action)", () => {
  it("accepts a PDF, stores its bytes and records it on the draft with its sha256", async () => {
    const services = servicesWith();
    const browser = await atAttachments(services);
    const res = await browser.uploadFiles("attachments", [
      {
        field: "municipality_answer",
        name: "C:\\Users\\fatima\\Antwoord gemeente.pdf",
        body: PDF_BYTES,
        type: "application/pdf",
      },
    ]);
    expect(locationOf(res)).toBe("/klacht/bijlagen?toegevoegd=1");

    const rows = await browser.attachments();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      category: "municipality_answer",
      fileName: "Antwoord gemeente.pdf",
      contentType: "application/pdf",
      size: PDF_BYTES.length,
      sha256: sha256(PDF_BYTES),
    });
    // The key is the server's own, never the resident's file name.
    expect(row.storageKey).toMatch(/^attachments\/[0-9a-f-]{36}$/);
    expect(await storedKeys(services)).toEqual([row.storageKey]);
    expect((await readObject(services, row.storageKey)).equals(PDF_BYTES)).toBe(true);

    // The step shows it, and "continue" now moves on.
    const view = await browser.load("attachments", "?toegevoegd=1");
    expect(view).toMatchObject({
      added: 1,
      answerRequired: true,
      files: [
        { id: row.id, category: "municipality_answer", fileName: "Antwoord gemeente.pdf", size: PDF_BYTES.length },
      ],
    });
    expect(locationOf(await browser.uploadFiles("attachments", [], { fields: { intent: "continue" } }))).toBe(
      "/klacht/controleren",
    );
    expect((await browser.draft()).answers.attachmentsDone).toBe(true);
  });

  it("judges a file by its bytes, not its name: an executable or a web page named .pdf is refused and not kept", async () => {
    const services = servicesWith();
    const browser = await atAttachments(services);
    const res = asData<UploadData>(
      await browser.uploadFiles("attachments", [
        {
          field: "evidence",
          name: "brief.pdf",
          body: Buffer.from("MZ\x90\x00\x03 this program cannot be run in DOS mode"),
          type: "application/pdf",
        },
        {
          field: "original_complaint",
          name: "klacht.pdf",
          body: Buffer.from("<!doctype html><html><script>alert(1)</script></html>"),
          type: "application/pdf",
        },
      ]),
    );
    expect(res.init?.status).toBe(400);
    expect(res.data.errors.evidence).toBe("Het bestand brief.pdf is geen PDF, afbeelding of document.");
    expect(res.data.errors.original_complaint).toBe("Het bestand klacht.pdf is geen PDF, afbeelding of document.");
    expect(await browser.attachments()).toEqual([]);
    expect(await storedKeys(services)).toEqual([]);
  });

  it("refuses a .exe with a plain message and stores nothing", async () => {
    const services = servicesWith();
    const browser = await atAttachments(services);
    const res = asData<UploadData>(
      await browser.uploadFiles("attachments", [
        {
          field: "evidence",
          name: "programma.exe",
          body: Buffer.from("MZ\x90\x00 not a document"),
          type: "application/pdf",
        },
      ]),
    );
    expect(res.init?.status).toBe(400);
    expect(res.data.errors.evidence).toBe("Het bestand programma.exe is geen PDF, afbeelding of document.");
    expect(await browser.attachments()).toEqual([]);
    expect(await storedKeys(services)).toEqual([]);
    expect(leftovers(services)).toEqual([]);
  });

  it("refuses a file over UPLOAD_MAX_FILE_MB, leaves no object behind, and still takes the next file in the same post", async () => {
    const services = servicesWith({ UPLOAD_MAX_FILE_MB: "1" });
    const browser = await atAttachments(services);
    const big = Buffer.alloc(1.5 * MB, 0x41);
    const res = asData<UploadData>(
      await browser.uploadFiles("attachments", [
        { field: "evidence", name: "scan.pdf", body: big, type: "application/pdf" },
        { field: "original_complaint", name: "mijn klacht.txt", body: "Geachte gemeente, ...", type: "text/plain" },
      ]),
    );
    expect(res.init?.status).toBe(400);
    expect(res.data.errors.evidence).toBe("Het bestand scan.pdf is groter dan 1 MB.");
    expect(res.data.added).toBe(1);
    const rows = await browser.attachments();
    expect(rows.map((r) => [r.category, r.fileName, r.contentType])).toEqual([
      ["original_complaint", "mijn klacht.txt", "text/plain"],
    ]);
    expect(await storedKeys(services)).toEqual([rows[0]!.storageKey]);
    expect(leftovers(services)).toEqual([]);
    // The step's page says what the limit is.
    expect(await browser.load("attachments")).toMatchObject({ limits: { fileMb: 1, files: 20 } });
  });

  it("refuses the file after the maximum number of files (UPLOAD_MAX_FILES=2)", async () => {
    const services = servicesWith({ UPLOAD_MAX_FILES: "2" });
    const browser = await atAttachments(services);
    const pdf = (name: string) => ({ field: "evidence", name, body: PDF_BYTES, type: "application/pdf" });
    const res = asData<UploadData>(
      await browser.uploadFiles("attachments", [pdf("een.pdf"), pdf("twee.pdf"), pdf("drie.pdf")]),
    );
    expect(res.init?.status).toBe(400);
    expect(res.data.errors.evidence).toBe("U kunt maximaal 2 bestanden toevoegen.");
    expect(res.data.added).toBe(2);
    const rows = await browser.attachments();
    expect(rows.map((r) => r.fileName).sort()).toEqual(["een.pdf", "twee.pdf"]);
    expect((await storedKeys(services)).sort()).toEqual(rows.map((r) => r.storageKey).sort());
    // A later post is refused as well.
    const later = asData<UploadData>(await browser.uploadFiles("attachments", [pdf("vier.pdf")]));
    expect(later.data.errors.evidence).toBe("U kunt maximaal 2 bestanden toevoegen.");
    expect(await storedKeys(services)).toHaveLength(2);
  });

  it("refuses what would take the draft over UPLOAD_MAX_TOTAL_MB", async () => {
    const services = servicesWith({ UPLOAD_MAX_FILE_MB: "2", UPLOAD_MAX_TOTAL_MB: "2" });
    const browser = await atAttachments(services);
    const part = (name: string) => ({
      field: "evidence",
      name,
      body: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(0.8 * MB - 9, 0x25)]),
      type: "application/pdf",
    });
    const res = asData<UploadData>(
      await browser.uploadFiles("attachments", [part("a.pdf"), part("b.pdf"), part("c.pdf")]),
    );
    expect(res.data.errors.evidence).toBe("Alle bestanden samen mogen niet groter zijn dan 2 MB.");
    expect((await browser.attachments()).map((r) => r.fileName).sort()).toEqual(["a.pdf", "b.pdf"]);
    expect(await storedKeys(services)).toHaveLength(2);
    expect(leftovers(services)).toEqual([]);
  });

  it("refuses an empty file and stores nothing", async () => {
    const services = servicesWith();
    const browser = await atAttachments(services);
    const res = asData<UploadData>(
      await browser.uploadFiles("attachments", [
        { field: "evidence", name: "leeg.pdf", body: "", type: "application/pdf" },
      ]),
    );
    expect(res.data.errors.evidence).toBe("Het bestand leeg.pdf is leeg.");
    expect(await browser.attachments()).toEqual([]);
    expect(await storedKeys(services)).toEqual([]);
  });

  it("tells the resident when storage fails, keeps nothing half-stored, and keeps the answers", async () => {
    const base = servicesWith();
    const failing: ObjectStorage = { ...base.storage, put: () => Promise.reject(new Error("disk full")) };
    const services = servicesWith({}, failing);
    const browser = await atAttachments(services);
    const before = (await browser.draft()).answers;
    setLogLevel("silent"); // the failure is expected; its error log is noise here
    const res = asData<UploadData>(
      await browser
        .uploadFiles("attachments", [
          { field: "evidence", name: "brief.pdf", body: PDF_BYTES, type: "application/pdf" },
        ])
        .finally(() => setLogLevel(DEFAULT_LOG_LEVEL)),
    );
    expect(res.init?.status).toBe(400);
    expect(res.data.errors.evidence).toBe(
      "Het bestand kon niet worden opgeslagen. Uw andere antwoorden zijn bewaard. Probeer het opnieuw.",
    );
    expect(await browser.attachments()).toEqual([]);
    expect(await storedKeys(base)).toEqual([]);
    expect((await browser.draft()).answers).toEqual(before);
  });

  it("removes a file: its row and its object", async () => {
    const services = servicesWith();
    const browser = await atAttachments(services);
    await browser.uploadFiles("attachments", [
      { field: "evidence", name: "foto.jpg", body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), type: "image/jpeg" },
      { field: "evidence", name: "brief.pdf", body: PDF_BYTES, type: "application/pdf" },
    ]);
    const [photo, letter] = (await browser.attachments())
      .sort((a, b) => a.fileName.localeCompare(b.fileName))
      .reverse();
    expect(photo!.fileName).toBe("foto.jpg");
    const res = asData<UploadData>(await browser.uploadFiles("attachments", [], { fields: { remove: photo!.id } }));
    expect(res.init?.status).toBe(200);
    expect(res.data.removed).toBe("Het bestand foto.jpg is verwijderd.");
    expect((await browser.attachments()).map((r) => r.id)).toEqual([letter!.id]);
    expect(await storedKeys(services)).toEqual([letter!.storageKey]);
  });

  it("cannot remove another draft's file", async () => {
    const services = servicesWith();
    const owner = await atAttachments(services);
    await owner.uploadFiles("attachments", [
      { field: "municipality_answer", name: "antwoord.pdf", body: PDF_BYTES, type: "application/pdf" },
    ]);
    const [theirs] = await owner.attachments();
    const intruder = await atAttachments(services);
    const res = asData<UploadData>(await intruder.uploadFiles("attachments", [], { fields: { remove: theirs!.id } }));
    expect(res.data.removed).toBeUndefined();
    expect(await database.db.select().from(draftAttachments).where(eq(draftAttachments.id, theirs!.id))).toHaveLength(
      1,
    );
    expect(await services.storage.head(theirs!.storageKey)).toMatchObject({ size: PDF_BYTES.length });
  });

  it("does not continue without the municipality's answer (answered case) or the mandate (representative)", async () => {
    const services = servicesWith();
    const browser = await atAttachments(services);
    const res = asData<UploadData>(await browser.uploadFiles("attachments", [], { fields: { intent: "continue" } }));
    expect(res.init?.status).toBe(400);
    expect(res.data.errors).toEqual({ municipality_answer: "Voeg het antwoord van de gemeente op uw klacht toe." });
    expect((await browser.draft()).answers.attachmentsDone).toBeUndefined();
    // Evidence alone is not the answer.
    await browser.uploadFiles("attachments", [
      { field: "evidence", name: "brief.pdf", body: PDF_BYTES, type: "application/pdf" },
    ]);
    expect(
      asData<UploadData>(await browser.uploadFiles("attachments", [], { fields: { intent: "continue" } })).init?.status,
    ).toBe(400);

    const rep = await seedDraft(services, {
      today: TODAY,
      representative: true,
      files: [],
      answers: { mandateDone: undefined },
    });
    const refused = asData<UploadData>(await rep.uploadFiles("mandate", [], { fields: { intent: "continue" } }));
    expect(refused.data.errors).toEqual({ mandate: "Voeg het ondertekende machtigingsformulier toe." });
    // The file and "continue" in one post: stored, and on to the next step.
    const moved = await rep.uploadFiles(
      "mandate",
      [{ field: "mandate", name: "machtiging.pdf", body: PDF_BYTES, type: "application/pdf" }],
      {
        fields: { intent: "continue" },
      },
    );
    expect(locationOf(moved)).toBe("/klacht/controleren");
    expect((await rep.attachments()).map((r) => r.category)).toEqual(["mandate"]);
    // A file posted under another step's category is not taken.
    const other = await rep.uploadFiles("mandate", [
      { field: "evidence", name: "ander.pdf", body: PDF_BYTES, type: "application/pdf" },
    ]);
    expect(locationOf(other)).toBe("/klacht/machtiging?toegevoegd=0");
    expect((await rep.attachments()).map((r) => r.fileName)).toEqual(["machtiging.pdf"]);
  });

  it("refuses with 403 a multipart post whose file comes before the CSRF token, or that has none, and stores nothing", async () => {
    const services = servicesWith();
    const browser = await atAttachments(services);
    const file = { field: "evidence", name: "brief.pdf", body: PDF_BYTES, type: "application/pdf" };
    expect(asResponse(await browser.uploadFiles("attachments", [file], { csrf: "after-files" })).status).toBe(403);
    expect(asResponse(await browser.uploadFiles("attachments", [file], { csrf: "none" })).status).toBe(403);
    expect(
      asResponse(await browser.uploadFiles("attachments", [], { csrf: "none", fields: { intent: "continue" } })).status,
    ).toBe(403);
    expect(await browser.attachments()).toEqual([]);
    expect(await storedKeys(services)).toEqual([]);
    expect(leftovers(services)).toEqual([]);
    expect((await browser.draft()).answers.attachmentsDone).toBeUndefined();
  });
});
