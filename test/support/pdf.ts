import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from "pdf-lib";

/** Reading a tagged PDF's structure and text with pdf-lib's low-level objects, as the tests check them. */

export function kids(pdf: PDFDocument, element: PDFDict): PDFDict[] {
  const k = element.get(PDFName.of("K"));
  const list = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
  return list
    .map((item) => (item instanceof PDFRef ? pdf.context.lookup(item) : item))
    .filter((item): item is PDFDict => item instanceof PDFDict && item.get(PDFName.of("Type")) !== PDFName.of("MCR"));
}

export function typeOf(element: PDFDict): string {
  return element.lookup(PDFName.of("S"), PDFName).decodeText();
}

export function contentOf(pdf: PDFDocument, page: PDFDict): string {
  const contents: PDFObject | undefined = page.get(PDFName.of("Contents"));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents!];
  return refs
    .map((ref) => {
      const stream = pdf.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) throw new Error("a page content that is not a stream");
      return Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
    })
    .join("\n");
}

/** The text drawn on every page, a line per text object (pdf-lib writes each string as <hex> Tj). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf
    .getPages()
    .map((page) =>
      [...contentOf(pdf, page.node).matchAll(/<([0-9A-Fa-f]*)> Tj/g)]
        .map((m) => Buffer.from(m[1]!, "hex").toString("latin1"))
        .join("\n"),
    )
    .join("\n");
}

/** What makes the PDF tagged, as a reader of its catalogue sees it, and the structure under its Document. */
export async function taggingOf(bytes: Uint8Array) {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const catalog = pdf.catalog;
  const root = catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  const [document] = root ? kids(pdf, root) : [];
  return {
    marked: catalog.lookupMaybe(PDFName.of("MarkInfo"), PDFDict)?.get(PDFName.of("Marked")) === PDFBool.True,
    lang: catalog.lookupMaybe(PDFName.of("Lang"), PDFString)?.decodeText() ?? null,
    title: pdf.getTitle() ?? null,
    displayDocTitle:
      catalog.lookupMaybe(PDFName.of("ViewerPreferences"), PDFDict)?.get(PDFName.of("DisplayDocTitle")) ===
      PDFBool.True,
    document: document ? typeOf(document) : null,
    elements: document ? kids(pdf, document).map(typeOf) : [],
    pages: pdf.getPageCount(),
  };
}
