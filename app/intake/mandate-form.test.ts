import { inflateSync } from "node:zlib";
import {
  PDFArray,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  type PDFPage,
  PDFRawStream,
  PDFString,
  StandardFonts,
} from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { loader } from "#app/routes/klacht.machtigingsformulier[.]pdf";
import { buildMandateFormPdf, mandateFormPdf } from "./mandate-form.server";

const A4 = { width: 595, height: 842 };

/** One `Tj` as drawn by pdf-lib: font, size, position and the text decoded from WinAnsi. */
interface TextRun {
  font: string;
  size: number;
  x: number;
  y: number;
  text: string;
}

const winAnsi = new TextDecoder("windows-1252");

function contentStreamBytes(doc: PDFDocument, page: PDFPage): Buffer {
  const contents = page.node.Contents();
  const objects = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
  return Buffer.concat(
    objects.map((object) => {
      if (!(object instanceof PDFRawStream)) throw new Error("page content is not a stream");
      const filter = object.dict.get(PDFName.of("Filter"));
      if (filter === undefined) return Buffer.from(object.contents);
      if (filter === PDFName.of("FlateDecode")) return inflateSync(object.contents);
      throw new Error(`unexpected content filter ${String(filter)}`);
    }),
  );
}

function unescapeLiteral(literal: string): string {
  return literal.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, esc: string) => {
    const simple: Record<string, string> = {
      n: "\n",
      r: "\r",
      t: "\t",
      b: "\b",
      f: "\f",
      "(": "(",
      ")": ")",
      "\\": "\\",
    };
    return simple[esc] ?? String.fromCharCode(parseInt(esc, 8));
  });
}

/** Reads the text-showing operators of a content stream in drawing order. */
function textRuns(content: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const block of content.split(/\bBT\b/).slice(1)) {
    const font = /\/(\S+)\s+([\d.]+)\s+Tf/.exec(block);
    const matrix = /1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm/.exec(block);
    const shown = /(?:<([0-9A-Fa-f]*)>|\(((?:\\.|[^\\)])*)\))\s*Tj/.exec(block);
    if (!font || !matrix || !shown) continue;
    const bytes =
      shown[1] !== undefined ? Buffer.from(shown[1], "hex") : Buffer.from(unescapeLiteral(shown[2] ?? ""), "latin1");
    runs.push({
      font: font[1] ?? "",
      size: Number(font[2]),
      x: Number(matrix[1]),
      y: Number(matrix[2]),
      text: winAnsi.decode(bytes),
    });
  }
  return runs;
}

function catalogString(doc: PDFDocument, key: string): string | undefined {
  const value = doc.catalog.get(PDFName.of(key));
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

let bytes: Uint8Array;
let doc: PDFDocument;
let runsPerPage: TextRun[][];
let allText: string;
let measure: { regular: PDFFont; bold: PDFFont };

beforeAll(async () => {
  bytes = await mandateFormPdf();
  doc = await PDFDocument.load(bytes, { updateMetadata: false });
  runsPerPage = doc.getPages().map((page) => textRuns(contentStreamBytes(doc, page).toString("latin1")));
  allText = runsPerPage
    .flat()
    .map((run) => run.text)
    .join("\n");
  const scratch = await PDFDocument.create();
  measure = {
    regular: await scratch.embedFont(StandardFonts.Helvetica),
    bold: await scratch.embedFont(StandardFonts.HelveticaBold),
  };
});

describe("mandate form PDF", () => {
  it("is a PDF file that pdf-lib can read back", () => {
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(Buffer.from(bytes.subarray(-8)).toString("latin1")).toContain("%%EOF");
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
  });

  it("prints on one or two A4 pages in portrait", () => {
    const pages = doc.getPages();
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(2);
    for (const page of pages) {
      const { width, height } = page.getSize();
      expect(Math.abs(width - A4.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(height - A4.height)).toBeLessThanOrEqual(1);
    }
  });

  it("carries Dutch document metadata: title, author, subject, language and a fixed date", () => {
    expect(doc.getTitle()).toMatch(/^Machtigingsformulier/);
    expect(doc.getAuthor()).toBe("Ombudsman Metropool Amsterdam");
    expect(doc.getSubject()).toMatch(/klacht/);
    expect(doc.getProducer()).toBeTruthy();
    expect(catalogString(doc, "Lang")).toBe("nl-NL");
    expect(doc.getCreationDate()?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(doc.getModificationDate()?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("shows the title, the roles and the phone number in the page content", () => {
    expect(allText).toContain("Machtigingsformulier");
    expect(allText).toContain("Klacht bij de Ombudsman Metropool Amsterdam");
    expect(allText).toContain("Degene die de klacht heeft (de volmachtgever)");
    expect(allText).toContain("Degene die namens u optreedt (de gemachtigde)");
    expect(allText).toContain("Waarover gaat de klacht?");
    expect(allText).toContain("Toestemming");
    expect(allText).toContain("020 625 9999");
    expect(allText).toContain("Stuur dit formulier ondertekend mee met de klacht (foto of scan is goed).");
    expect(allText).toContain("Wij gebruiken deze gegevens alleen voor de behandeling van de klacht.");
  });

  it("renders Dutch accented letters through WinAnsi instead of dropping them", () => {
    expect(allText).toContain("één klacht");
  });

  it("asks both people for their details, with a line to write on for each", () => {
    const labels = runsPerPage.flat().map((run) => run.text);
    for (const label of ["Naam", "Adres", "Postcode en woonplaats", "Telefoonnummer", "E-mailadres"]) {
      expect(
        labels.filter((text) => text === label),
        label,
      ).toHaveLength(2);
    }
    expect(labels).toContain("Relatie tot de volmachtgever");
    expect(allText).toMatch(/familielid, hulpverlener, advocaat/);
    expect(labels).toContain("Gemeente");
  });

  it("lists each permission the representative can be given", () => {
    for (const permission of [
      "De klacht indienen bij de Ombudsman Metropool Amsterdam.",
      "Alle brieven en e-mails over de klacht ontvangen.",
      "Het dossier van de klacht inzien.",
      "Met de ombudsman en de gemeente over de klacht praten.",
    ]) {
      expect(allText).toContain(permission);
    }
    expect(allText).toMatch(/De machtiging stopt als de klacht is afgesloten\./);
    expect(allText.replace(/\s+/g, " ")).toMatch(/schriftelijk weten/);
  });

  it("has a place, a date and a signature for both the principal and the representative", () => {
    const labels = runsPerPage.flat().map((run) => run.text);
    expect(labels).toContain("Volmachtgever");
    expect(labels).toContain("Gemachtigde");
    expect(labels.filter((text) => text === "Plaats")).toHaveLength(2);
    expect(labels.filter((text) => text === "Datum")).toHaveLength(2);
    expect(labels.filter((text) => text === "Handtekening")).toHaveLength(2);
  });

  it("keeps every line of text inside the printable area, without text overlapping text", () => {
    const printable = { left: 28, right: A4.width - 28, bottom: 28, top: A4.height - 28 };
    for (const runs of runsPerPage) {
      const boxes = runs.map((run) => {
        const font = run.font.startsWith("Helvetica-Bold") ? measure.bold : measure.regular;
        return {
          text: run.text,
          left: run.x,
          right: run.x + font.widthOfTextAtSize(run.text, run.size),
          // Helvetica: ascender ≈ 0.72 em, descender ≈ 0.21 em.
          bottom: run.y - 0.21 * run.size,
          top: run.y + 0.72 * run.size,
        };
      });
      expect(boxes.length).toBeGreaterThan(20);
      for (const box of boxes) {
        expect(box.left, box.text).toBeGreaterThanOrEqual(printable.left);
        expect(box.right, box.text).toBeLessThanOrEqual(printable.right);
        expect(box.bottom, box.text).toBeGreaterThanOrEqual(printable.bottom);
        expect(box.top, box.text).toBeLessThanOrEqual(printable.top);
      }
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const overlaps = a.left < b.right && b.left < a.right && a.bottom < b.top && b.bottom < a.top;
          expect(overlaps, `"${a.text}" overlaps "${b.text}"`).toBe(false);
        }
      }
    }
  });

  it("is the same file on every build, and a caller changing its copy does not change the next download", async () => {
    const fresh = await buildMandateFormPdf();
    expect(Buffer.from(fresh).equals(Buffer.from(bytes))).toBe(true);

    const first = await mandateFormPdf();
    first.fill(0);
    const second = await mandateFormPdf();
    expect(Buffer.from(second).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe("GET /klacht/machtigingsformulier.pdf", () => {
  it("downloads the form as an attachment with a clear file name, without a session", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(
      'attachment; filename="machtigingsformulier-ombudsman-metropool-amsterdam.pdf"',
    );
    expect(response.headers.get("Cache-Control")).toBe("private, max-age=86400");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const body = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(body).equals(Buffer.from(bytes))).toBe(true);
    expect(response.headers.get("Content-Length")).toBe(String(body.byteLength));
  });
});
