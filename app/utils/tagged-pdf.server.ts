import {
  endMarkedContent,
  type PDFArray,
  type PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  type PDFContext,
  type PDFFont,
  type PDFPage,
  type PDFRef,
  rgb,
  StandardFonts,
} from "pdf-lib";

/**
 * A tagged (accessible) PDF of headings, paragraphs and lists, for every PDF the app writes (the
 * case-file summary, the letter with a question to the resident): the caller chooses the words, this module lays them out on A4 pages and builds what a screen reader
 * needs besides the text. pdf-lib has no tagging API, so the structure is made of its low-level
 * objects: a structure tree (Document → H1/H2/H3, P, L → LI → Lbl + LBody) whose elements point at
 * marked-content ids in the pages' content (`/P <</MCID n>> BDC … EMC`), a ParentTree that maps
 * those ids back, and /MarkInfo, /Lang and a displayed title in the catalogue. Page footers and
 * rules are marked as artifacts, so they are not read out as content.
 *
 * The text uses the standard Helvetica fonts (WinAnsi): a character they cannot encode becomes its
 * letter without accent where there is one, else "?".
 */

export type PdfLine = { text: string; style?: "bold" | "small" };
export type PdfBlock =
  | { type: "H1" | "H2" | "H3"; text: string }
  /** `label` is set in bold before the text ("Gemeente: Amstelveen"); a "\n" in the text breaks the line. */
  | { type: "P"; text: string; label?: string }
  | { type: "L"; items: PdfLine[][] };

export type TaggedPdfInput = {
  title: string;
  /** BCP 47, e.g. "nl-NL". */
  lang: string;
  author: string;
  subject: string;
  createdAt: Date;
  blocks: readonly PdfBlock[];
  footer: (page: number, pages: number) => string;
};

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 56;
const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 60;
const FOOTER_BASELINE = 32;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const BULLET_INDENT = 14;

const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.33, 0.33, 0.33);
const ACCENT = rgb(0.0, 0.27, 0.53);

type Style = { font: "regular" | "bold"; size: number; leading: number; color: typeof INK };
const STYLES = {
  H1: { font: "bold", size: 18, leading: 24, color: ACCENT },
  H2: { font: "bold", size: 13.5, leading: 19, color: ACCENT },
  H3: { font: "bold", size: 11, leading: 15, color: INK },
  P: { font: "regular", size: 10, leading: 14, color: INK },
  bold: { font: "bold", size: 10, leading: 14, color: INK },
  small: { font: "regular", size: 8.5, leading: 12, color: INK },
  footer: { font: "regular", size: 8, leading: 10, color: MUTED },
} satisfies Record<string, Style>;
const SPACE_BEFORE = { H1: 0, H2: 14, H3: 8, P: 0, L: 0 };
const SPACE_AFTER = { H1: 10, H2: 4, H3: 2, P: 6, L: 6 };

/** A line as laid out: an optional bold lead-in, then the text. */
type SetLine = { lead?: string; text: string };

type Element = { ref: PDFRef; dict: PDFDict; kids: PDFArray; page?: PDFRef };
type TaggedPage = { page: PDFPage; ref: PDFRef; index: number; parents: PDFRef[] };

class StructureTree {
  readonly root: PDFDict;
  readonly rootRef: PDFRef;
  private readonly rootKids: PDFArray;

  constructor(private readonly context: PDFContext) {
    this.rootKids = context.obj([]);
    this.root = context.obj({ Type: "StructTreeRoot", K: this.rootKids });
    this.rootRef = context.register(this.root);
  }

  element(type: string, parent: Element | null): Element {
    const kids = this.context.obj([]);
    const dict = this.context.obj({ Type: "StructElem", S: type, P: parent?.ref ?? this.rootRef, K: kids });
    const ref = this.context.register(dict);
    (parent?.kids ?? this.rootKids).push(ref);
    return { ref, dict, kids };
  }

  attributes(element: Element, attributes: Record<string, string>): void {
    element.dict.set(PDFName.of("A"), this.context.obj(attributes));
  }

  /** Opens marked content on the page for the element; its id joins the element's /K and the page's parents. */
  begin(target: TaggedPage, element: Element, tag: string): void {
    const mcid = target.parents.length;
    target.parents.push(element.ref);
    target.page.pushOperators(
      PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(tag), `<</MCID ${mcid}>>`]),
    );
    if (!element.page) {
      element.page = target.ref;
      element.dict.set(PDFName.of("Pg"), target.ref);
    }
    element.kids.push(
      element.page === target.ref ? PDFNumber.of(mcid) : this.context.obj({ Type: "MCR", Pg: target.ref, MCID: mcid }),
    );
  }

  /** Puts the tree in the catalogue, with the ParentTree and each page's key into it. */
  finish(doc: PDFDocument, pages: readonly TaggedPage[]): void {
    const nums: (number | PDFArray)[] = [];
    for (const p of pages) {
      p.page.node.set(PDFName.of("StructParents"), PDFNumber.of(p.index));
      p.page.node.set(PDFName.of("Tabs"), PDFName.of("S"));
      nums.push(p.index, this.context.obj(p.parents));
    }
    this.root.set(PDFName.of("ParentTree"), this.context.register(this.context.obj({ Nums: nums })));
    this.root.set(PDFName.of("ParentTreeNextKey"), PDFNumber.of(pages.length));
    doc.catalog.set(PDFName.of("StructTreeRoot"), this.rootRef);
    doc.catalog.set(PDFName.of("MarkInfo"), this.context.obj({ Marked: true }));
  }
}

/** Lays text out top-down over as many pages as it needs; `y` is the top of the free space. */
class Flow {
  readonly pages: TaggedPage[] = [];
  private current!: TaggedPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly tree: StructureTree,
    private readonly fonts: Record<Style["font"], PDFFont>,
    private readonly clean: (text: string) => string,
  ) {
    this.newPage();
  }

  private newPage(): void {
    const page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.current = { page, ref: page.ref, index: this.pages.length, parents: [] };
    this.pages.push(this.current);
    this.y = PAGE_HEIGHT - MARGIN_TOP;
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** Starts a new page unless `height` still fits above the bottom margin (a block kept together). */
  keep(height: number): void {
    if (this.y - height < MARGIN_BOTTOM && this.y < PAGE_HEIGHT - MARGIN_TOP) this.newPage();
  }

  /** Greedy word wrap on measured widths; a word wider than a line is cut. The first line may start with a bold lead. */
  wrap(text: string, style: Style, width: number, lead?: string): SetLine[] {
    const font = this.fonts[style.font];
    const measure = (s: string) => font.widthOfTextAtSize(s, style.size);
    const leadText = lead === undefined ? undefined : `${this.clean(lead)}: `;
    const lines: SetLine[] = [];
    let room = width - (leadText ? this.fonts.bold.widthOfTextAtSize(leadText, style.size) : 0);
    const push = (line: string) => {
      lines.push(lines.length === 0 && leadText ? { lead: leadText, text: line } : { text: line });
      room = width;
    };
    for (const hardLine of this.clean(text).split("\n")) {
      let current = "";
      for (const word of hardLine.split(" ").filter(Boolean)) {
        const candidate = current ? `${current} ${word}` : word;
        if (measure(candidate) <= room) {
          current = candidate;
          continue;
        }
        // The space stays at the end of a broken line: text read from the tags would glue the words together.
        if (current) push(`${current} `);
        current = word;
        while (measure(current) > room) {
          let cut = current.length - 1;
          while (cut > 1 && measure(current.slice(0, cut)) > room) cut--;
          push(current.slice(0, cut));
          current = current.slice(cut);
        }
      }
      push(`${current} `);
    }
    const last = lines.at(-1);
    if (last) last.text = last.text.trimEnd();
    return lines;
  }

  /** Draws lines as the element's content, in one marked-content sequence per page it runs over. */
  text(element: Element, tag: string, lines: readonly SetLine[], style: Style, x = MARGIN_X): void {
    let marked: TaggedPage | null = null;
    for (const line of lines) {
      if (this.y - style.leading < MARGIN_BOTTOM) {
        if (marked) marked.page.pushOperators(endMarkedContent());
        marked = null;
        this.newPage();
      }
      if (marked !== this.current) {
        this.tree.begin(this.current, element, tag);
        marked = this.current;
      }
      this.y -= style.leading;
      const baseline = this.y + 0.25 * style.size;
      let at = x;
      if (line.lead) {
        this.current.page.drawText(line.lead, { x, y: baseline, font: this.fonts.bold, size: style.size, color: INK });
        at += this.fonts.bold.widthOfTextAtSize(line.lead, style.size);
      }
      if (line.text)
        this.current.page.drawText(line.text, {
          x: at,
          y: baseline,
          font: this.fonts[style.font],
          size: style.size,
          color: style.color,
        });
    }
    if (marked) marked.page.pushOperators(endMarkedContent());
  }

  /** A rule under the main heading: decoration, so an artifact. */
  rule(): void {
    const page = this.current.page;
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of("Artifact")]));
    page.drawLine({
      start: { x: MARGIN_X, y: this.y - 3 },
      end: { x: PAGE_WIDTH - MARGIN_X, y: this.y - 3 },
      thickness: 0.8,
      color: ACCENT,
    });
    page.pushOperators(endMarkedContent());
    this.gap(6);
  }

  footer(text: (page: number, pages: number) => string): void {
    for (const { page, index } of this.pages) {
      page.pushOperators(
        PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [
          PDFName.of("Artifact"),
          "<</Type /Pagination /Subtype /Footer>>",
        ]),
      );
      page.drawText(this.clean(text(index + 1, this.pages.length)), {
        x: MARGIN_X,
        y: FOOTER_BASELINE,
        font: this.fonts.regular,
        size: STYLES.footer.size,
        color: STYLES.footer.color,
      });
      page.pushOperators(endMarkedContent());
    }
  }
}

/** What the font cannot encode, replaced: accents dropped where that helps, else "?"; tabs and other spaces as spaces. */
function encodableText(font: PDFFont): (text: string) => string {
  const supported = new Set(font.getCharacterSet());
  const fits = (s: string) => [...s].every((c) => supported.has(c.codePointAt(0)!));
  return (text) => {
    let out = "";
    for (const char of text.replace(/\r\n?/g, "\n").normalize("NFC")) {
      if (char === "\n" || supported.has(char.codePointAt(0)!)) out += char;
      else if (/\s/u.test(char)) out += " ";
      else {
        const plain = char.normalize("NFKD").replace(/\p{M}/gu, "");
        out += plain !== "" && fits(plain) ? plain : "?";
      }
    }
    return out;
  };
}

function drawBlock(flow: Flow, tree: StructureTree, document: Element, block: PdfBlock): void {
  flow.gap(SPACE_BEFORE[block.type]);
  if (block.type === "L") {
    const list = tree.element("L", document);
    tree.attributes(list, { O: "List", ListNumbering: "Disc" });
    for (const item of block.items) {
      const width = CONTENT_WIDTH - BULLET_INDENT;
      const lines = item.map((line) => ({
        style: STYLES[line.style ?? "P"],
        set: flow.wrap(line.text, STYLES[line.style ?? "P"], width),
      }));
      flow.keep(lines.reduce((sum, l) => sum + l.set.length * l.style.leading, 0));
      const listItem = tree.element("LI", list);
      const first = lines[0]?.style ?? STYLES.P;
      // The bullet on the first line's baseline; drawn, then the text lines from the same top.
      flow.keep(first.leading);
      flow.text(tree.element("Lbl", listItem), "Lbl", [{ text: "•" }], first);
      flow.gap(-first.leading);
      const body = tree.element("LBody", listItem);
      for (const line of lines) flow.text(body, "LBody", line.set, line.style, MARGIN_X + BULLET_INDENT);
      flow.gap(3);
    }
  } else {
    const style = STYLES[block.type];
    const lines = flow.wrap(block.text, style, CONTENT_WIDTH, block.type === "P" ? block.label : undefined);
    // A heading stays with the first lines of what follows it.
    if (block.type !== "P") flow.keep(lines.length * style.leading + 3 * STYLES.P.leading);
    flow.text(tree.element(block.type, document), block.type, lines, style);
    if (block.type === "H1") flow.rule();
  }
  flow.gap(SPACE_AFTER[block.type]);
}

export async function taggedPdf(input: TaggedPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(input.title, { showInWindowTitleBar: true });
  doc.setAuthor(input.author);
  doc.setSubject(input.subject);
  doc.setLanguage(input.lang);
  doc.setCreator(input.author);
  doc.setProducer("pdf-lib");
  doc.setCreationDate(input.createdAt);
  doc.setModificationDate(input.createdAt);
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const tree = new StructureTree(doc.context);
  const document = tree.element("Document", null);
  const flow = new Flow(doc, tree, fonts, encodableText(fonts.regular));
  for (const block of input.blocks) drawBlock(flow, tree, document, block);
  flow.footer(input.footer);
  tree.finish(doc, flow.pages);
  return doc.save({ useObjectStreams: false });
}
