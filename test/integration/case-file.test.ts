import { Readable } from "node:stream";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFString } from "pdf-lib";
import { createSession } from "#app/auth/session.server";
import type { CaseworkActor, CommandScope } from "#app/dossiers/casework/command.server";
import { setVisibility } from "#app/dossiers/casework/document.server";
import { shareDossier } from "#app/dossiers/casework/share.server";
import { loader as caseFileLoader } from "#app/routes/gemeente.dossiers.$number.delingen.$shareId.dossier[.]zip";
import { logger } from "#app/utils/logger.server";
import { auditEvents, dossierAttachments, dossierShares } from "#db/schema/index";
import { createLocalStorage } from "#storage/local";
import type { ObjectStorage } from "#storage/types";
import { createDossier, createUser } from "#test/support/factories";
import { contextFor, createTestServices, getRequest, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { asResponse, PDF_BYTES } from "#test/support/intake";
import { contentOf, kids, pdfText, typeOf } from "#test/support/pdf";
import { readZip } from "#test/support/zip";

/**
 * The municipality's case-file download: one ZIP per share with the documents the officer may
 * still see and a tagged PDF summary; every other URL is the same audited 404.
 */

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
let handler: CaseworkActor;
type Signed = { id: string; cookie: string };
let amsterdam: Signed;
let zaanstad: Signed;
let clock = new Date("2026-04-25T10:00:00Z");

const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 7)]);
const mail = (o: { name: string }, link: string) => ({ subject: "Gedeeld", text: `${o.name}: ${link}` });

async function officer(municipalityId: string, on = services): Promise<Signed> {
  const user = await createUser(database.db, { role: "municipality_officer", municipalityId });
  const { id } = await createSession(contextFor(on), user.id, getRequest("/inloggen"));
  return { id: user.id, cookie: `oma_session=${id}` };
}

const scopeOf = (number: string, on = services): CommandScope => ({ ctx: contextFor(on), actor: handler, number });

/** Shares the documents and answers the new share's id. */
async function share(number: string, dossierId: string, attachmentIds: string[], on = services): Promise<string> {
  clock = new Date(clock.getTime() + 60_000);
  expect(await shareDossier(scopeOf(number, on), { attachmentIds }, mail)).toEqual({ ok: true });
  const [row] = await database.db
    .select({ id: dossierShares.id })
    .from(dossierShares)
    .where(eq(dossierShares.dossierId, dossierId))
    .orderBy(desc(dossierShares.sharedAt))
    .limit(1);
  return row!.id;
}

const download = (who: Signed, number: string, shareId: string, on = services) =>
  settle(() =>
    caseFileLoader({
      request: getRequest(`/gemeente/dossiers/${number}/delingen/${shareId}/dossier.zip`, { cookie: who.cookie }),
      context: contextFor(on),
      params: { number, shareId },
    }),
  );

async function zipOf(who: Signed, number: string, shareId: string) {
  const response = asResponse(await download(who, number, shareId));
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, entries: await readZip(bytes) };
}

async function auditOf(userId: string, action: string) {
  return database.db
    .select({ subjectId: auditEvents.subjectId, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, action)));
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => clock });
  const h = await createUser(database.db, { role: "case_handler", name: "Sanne de Behandelaar" });
  handler = { id: h.id, role: h.role, name: h.name };
  amsterdam = await officer("amsterdam");
  zaanstad = await officer("zaanstad");
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

describe("the case-file ZIP of a share", () => {
  it("holds the summary and exactly the share's documents, byte for byte, under unique names, and is audited", async () => {
    const d = await createDossier(database.db, services.storage, {
      municipalityId: "amsterdam",
      attachments: [
        { category: "evidence", fileName: "brief.pdf", contentType: "application/pdf", body: PDF_BYTES },
        { category: "evidence", fileName: "foto.jpg", contentType: "image/jpeg", body: JPEG_BYTES },
        { category: "evidence", fileName: "Brief.pdf", contentType: "application/pdf", body: "%PDF-1.4 tweede" },
        { category: "evidence", fileName: "niet-gedeeld.pdf", contentType: "application/pdf", body: PDF_BYTES },
      ],
    });
    const [brief, foto, brief2] = d.attachments;
    // Documents go into the ZIP in the order they came in: the first "brief.pdf" keeps its name.
    for (const [i, a] of [brief, foto, brief2].entries())
      await database.db
        .update(dossierAttachments)
        .set({ uploadedAt: new Date(Date.UTC(2026, 3, 20, 9, i)) })
        .where(eq(dossierAttachments.id, a!.id));
    const earlier = await share(d.number, d.id, [brief!.id]);
    const shareId = await share(d.number, d.id, [brief!.id, foto!.id, brief2!.id]);

    const { response, bytes, entries } = await zipOf(amsterdam, d.number, shareId);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="dossier-${d.number}-2026-04-25.zip"; filename*=UTF-8''dossier-${d.number}-2026-04-25.zip`,
    );
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Length")).toBe(String(bytes.length));
    expect(entries.map((e) => e.name)).toEqual([
      "samenvatting.pdf",
      "documenten/brief.pdf",
      "documenten/foto.jpg",
      "documenten/Brief (2).pdf",
    ]);
    expect(entries.map((e) => e.compressionMethod)).toEqual([0, 0, 0, 0]);
    expect(entries[1]!.bytes).toEqual(Buffer.from(PDF_BYTES));
    expect(entries[2]!.bytes).toEqual(JPEG_BYTES);
    expect(entries[3]!.bytes.toString()).toBe("%PDF-1.4 tweede");
    expect(entries[0]!.bytes.subarray(0, 5).toString()).toBe("%PDF-");

    // The earlier share is a ZIP of its own, with only what went with it.
    expect((await zipOf(amsterdam, d.number, earlier)).entries.map((e) => e.name)).toEqual([
      "samenvatting.pdf",
      "documenten/brief.pdf",
    ]);
    expect((await auditOf(amsterdam.id, "dossier.case_file_downloaded")).slice(0, 1)).toEqual([
      { subjectId: d.id, details: { number: d.number, shareId, documents: 3, portal: true } },
    ]);
  });

  it("leaves out a document made ombudsman-only after the share, from the ZIP and from the summary", async () => {
    const d = await createDossier(database.db, services.storage, {
      municipalityId: "amsterdam",
      attachments: [
        { category: "evidence", fileName: "antwoord.pdf", contentType: "application/pdf", body: PDF_BYTES },
        { category: "evidence", fileName: "medisch-verslag.pdf", contentType: "application/pdf", body: PDF_BYTES },
      ],
    });
    const [answer, medical] = d.attachments;
    const shareId = await share(d.number, d.id, [answer!.id, medical!.id]);
    expect((await zipOf(amsterdam, d.number, shareId)).entries).toHaveLength(3);

    expect(
      await setVisibility(scopeOf(d.number), {
        attachmentId: medical!.id,
        visibility: "internal",
        visibilityReason: "De gemeente vroeg het stuk niet te delen.",
      }),
    ).toEqual({
      ok: true,
    });
    const { entries } = await zipOf(amsterdam, d.number, shareId);
    expect(entries.map((e) => e.name)).toEqual(["samenvatting.pdf", "documenten/antwoord.pdf"]);
    expect(await pdfText(entries[0]!.bytes)).not.toContain("medisch-verslag");
    expect((await auditOf(amsterdam.id, "dossier.case_file_downloaded")).at(-1)?.details).toMatchObject({
      shareId,
      documents: 1,
    });
  });

  it("is the same audited 404 for another municipality, a malformed, an unknown or another dossier's share", async () => {
    const d = await createDossier(database.db, services.storage, { municipalityId: "amsterdam" });
    const other = await createDossier(database.db, services.storage, { municipalityId: "amsterdam" });
    const shareId = await share(d.number, d.id, [d.attachments[0]!.id]);
    const otherShare = await share(other.number, other.id, []);
    const before = (await auditOf(zaanstad.id, "dossier.access_denied")).length;

    expect(asResponse(await download(zaanstad, d.number, shareId)).status).toBe(404);
    const denied = await auditOf(zaanstad.id, "dossier.access_denied");
    expect(denied.slice(before)).toEqual([
      { subjectId: d.number, details: { route: "portal.case_file", number: d.number } },
    ]);
    expect(await auditOf(zaanstad.id, "dossier.case_file_downloaded")).toEqual([]);

    for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000", otherShare]) {
      expect(asResponse(await download(amsterdam, d.number, id)).status).toBe(404);
    }
    const mine = await auditOf(amsterdam.id, "dossier.access_denied");
    expect(mine.slice(-3).map((r) => r.details)).toEqual(
      Array(3).fill({ route: "portal.case_file", number: d.number }),
    );
  });

  it("is not for staff", async () => {
    const staff = await createUser(database.db, { role: "coordinator" });
    const { id } = await createSession(contextFor(services), staff.id, getRequest("/inloggen"));
    const d = await createDossier(database.db, services.storage, { municipalityId: "amsterdam" });
    const shareId = await share(d.number, d.id, []);
    expect(asResponse(await download({ id: staff.id, cookie: `oma_session=${id}` }, d.number, shareId)).status).toBe(
      403,
    );
  });
});

describe("the summary", () => {
  it("is a tagged Dutch PDF: MarkInfo, Lang, a structure tree over marked content, the title shown", async () => {
    const paragraph =
      "Ik heb drie keer gebeld over mijn parkeervergunning en ben steeds doorverbonden met iemand anders, die mij weer terugverwees naar het loket. ";
    const complaintText = `${paragraph.repeat(12)}\n\n${paragraph.repeat(12)}\n\nŁódź 🙂 مرحبا`;
    const d = await createDossier(database.db, services.storage, {
      municipalityId: "amstelveen",
      complaintText,
      incidentPlace: "Stadsloket Oost",
      desiredOutcome: "Excuses en een besluit op mijn aanvraag",
      attachments: Array.from({ length: 14 }, (_, i) => ({
        category: "evidence" as const,
        fileName: `bijlage-${i + 1}.pdf`,
        contentType: "application/pdf",
        body: PDF_BYTES,
      })),
    });
    await database.db
      .update(dossierAttachments)
      .set({ sha256: null })
      .where(eq(dossierAttachments.id, d.attachments[13]!.id));
    const shareId = await share(
      d.number,
      d.id,
      d.attachments.map((a) => a.id),
    );
    const { entries } = await zipOf(await officer("amstelveen"), d.number, shareId);
    const bytes = entries[0]!.bytes;
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const catalog = pdf.catalog;

    expect(catalog.lookup(PDFName.of("MarkInfo"), PDFDict).get(PDFName.of("Marked"))).toBe(PDFBool.True);
    expect(catalog.lookup(PDFName.of("Lang"), PDFString).decodeText()).toBe("nl-NL");
    expect(pdf.getTitle()).toBe(`Samenvatting dossier ${d.number}`);
    expect(catalog.lookup(PDFName.of("ViewerPreferences"), PDFDict).get(PDFName.of("DisplayDocTitle"))).toBe(
      PDFBool.True,
    );

    const root = catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict);
    const [document] = kids(pdf, root);
    expect(typeOf(document!)).toBe("Document");
    const types = kids(pdf, document!).map(typeOf);
    expect(types[0]).toBe("H1");
    expect(types).toEqual(expect.arrayContaining(["P", "H2", "H3", "L"]));
    const list = kids(pdf, document!).find((e) => typeOf(e) === "L")!;
    expect(kids(pdf, list).map(typeOf)).toContain("LI");
    expect(kids(pdf, kids(pdf, list)[0]!).map(typeOf)).toEqual(["Lbl", "LBody"]);

    // Long text flows over pages; each page's marked content is keyed into the ParentTree.
    const pages = pdf.getPages();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const parentTree = root.lookup(PDFName.of("ParentTree"), PDFDict).lookup(PDFName.of("Nums"), PDFArray);
    expect(parentTree.size()).toBe(pages.length * 2);
    expect(root.lookup(PDFName.of("ParentTreeNextKey"), PDFNumber).asNumber()).toBe(pages.length);
    for (const [i, page] of pages.entries()) {
      expect(page.node.lookup(PDFName.of("StructParents"), PDFNumber).asNumber()).toBe(i);
      const content = contentOf(pdf, page.node);
      const mcids = [...content.matchAll(/\/(\w+) <<\/MCID (\d+)>> BDC/g)].map((m) => Number(m[2]));
      expect(mcids.length).toBeGreaterThan(0);
      expect(mcids).toEqual(mcids.map((_, n) => n));
      expect(parentTree.lookup(2 * i + 1, PDFArray).size()).toBe(mcids.length);
      expect(content).toContain("/Artifact <</Type /Pagination /Subtype /Footer>> BDC");
    }
    // A paragraph that runs onto the next page points at its second part through a marked-content reference.
    const crossing = kids(pdf, document!).filter(
      (e) =>
        typeOf(e) === "P" &&
        e
          .lookup(PDFName.of("K"), PDFArray)
          .asArray()
          .some((k) => k instanceof PDFDict && k.get(PDFName.of("Type")) === PDFName.of("MCR")),
    );
    expect(crossing.length).toBeGreaterThan(0);

    const text = await pdfText(bytes);
    expect(text).toContain(`Samenvatting dossier ${d.number}`);
    expect(text).toContain("Gemeente: \nAmstelveen");
    expect(text).toContain("Verloop");
    expect(text).toContain("Gedeeld met de gemeente");
    expect(text).toContain("documenten/bijlage-14.pdf");
    expect(text).toContain(`SHA-256: ${d.attachments[0]!.sha256}`);
    expect(text).toContain("SHA-256: niet bekend");
    expect(text).toContain("?ódz ? ?????");
    expect(text).toMatch(/pagina 1 van \d/);
    expect(text).not.toMatch(/\b(Summary|page|Complaint|Documents)\b/);
  });
});

describe("a download that breaks off", () => {
  it("breaks the ZIP off with an error, logged, instead of ending it as if complete", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-case-file-"));
    const local = createLocalStorage(dir);
    let broken = "";
    const storage: ObjectStorage = {
      ...local,
      async get(key) {
        if (key !== broken) return local.get(key);
        const { size } = (await local.head(key))!;
        let sent = false;
        const body = new Readable({
          read() {
            if (sent) return this.destroy(new Error("disk read failed"));
            sent = true;
            this.push(Buffer.alloc(100, 1));
          },
        });
        return { body, size };
      },
    };
    const failing = createTestServices(database, { storage, now: () => clock });
    const signed = await officer("amsterdam", failing);
    const d = await createDossier(database.db, storage, {
      municipalityId: "amsterdam",
      attachments: [
        { category: "evidence", fileName: "eerste.pdf", contentType: "application/pdf", body: PDF_BYTES },
        { category: "evidence", fileName: "tweede.pdf", contentType: "application/pdf", body: PDF_BYTES },
      ],
    });
    broken = d.attachments[1]!.storageKey;
    const shareId = await share(
      d.number,
      d.id,
      d.attachments.map((a) => a.id),
      failing,
    );
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);

    const response = asResponse(await download(signed, d.number, shareId, failing));
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow("disk read failed");
    expect(logged).toHaveBeenCalledWith(
      "case file ZIP broke off",
      expect.objectContaining({ entry: "documenten/tweede.pdf", number: d.number, shareId }),
    );

    // An object gone from storage: the same, also when it fails before anyone reads.
    await local.delete(d.attachments[0]!.storageKey);
    const gone = asResponse(await download(signed, d.number, shareId, failing));
    await new Promise((r) => setTimeout(r, 50));
    await expect(gone.arrayBuffer()).rejects.toThrow();
    expect(logged).toHaveBeenCalledTimes(2);
    failing.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("closes the object it was reading when the download is cancelled", async () => {
    const opened: Readable[] = [];
    const storage: ObjectStorage = {
      ...services.storage,
      async get(key) {
        const object = await services.storage.get(key);
        opened.push(object.body);
        return object;
      },
    };
    const tracking = createTestServices(database, { storage, now: () => clock });
    const signed = await officer("amsterdam", tracking);
    const d = await createDossier(database.db, storage, {
      municipalityId: "amsterdam",
      attachments: [
        { category: "evidence", fileName: "groot.pdf", contentType: "application/pdf", body: Buffer.alloc(4 << 20, 3) },
      ],
    });
    const shareId = await share(d.number, d.id, [d.attachments[0]!.id], tracking);
    const response = asResponse(await download(signed, d.number, shareId, tracking));
    const reader = response.body!.getReader();
    let received = 0;
    while (received < 1 << 20) received += (await reader.read()).value!.byteLength;
    expect(opened).toHaveLength(1);
    expect(opened[0]!.destroyed).toBe(false);
    await reader.cancel();
    await new Promise((r) => setImmediate(r));
    expect(opened[0]!.destroyed).toBe(true);
    tracking.cleanup();
  });
});
