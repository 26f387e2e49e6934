import { type Color, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";

/** A4 in PostScript points. */
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 56;
const MARGIN_TOP = 38;
const MARGIN_BOTTOM = 34;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;

const BODY_SIZE = 9.5;
const BODY_LEADING = 12.5;
const SMALL_SIZE = 8;
/** Room to write by hand between two ruled lines (about 7 mm). */
const ROW_HEIGHT = 20;
const LABEL_WIDTH = 150;
const SIGNATURE_BOX_HEIGHT = 40;

const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.33, 0.33, 0.33);
const RULE = rgb(0.45, 0.45, 0.45);
const ACCENT = rgb(0.0, 0.27, 0.53);

/** Fixed, so that every build yields the same bytes (and the same ETag behind any cache). */
const FORM_DATE = new Date("2026-01-01T00:00:00.000Z");
const FORM_TITLE = "Machtigingsformulier – klacht bij de Ombudsman Metropool Amsterdam";

const TEXT = {
  title: "Machtigingsformulier",
  subtitle: "Klacht bij de Ombudsman Metropool Amsterdam",
  intro: [
    "Met dit formulier geeft u iemand toestemming om namens u een klacht in te dienen bij de Ombudsman Metropool Amsterdam " +
      "en daarover met de ombudsman en de gemeente te praten. Deze persoon heet de gemachtigde.",
    "Vul het formulier samen in en zet allebei uw handtekening. Schrijf duidelijk, het liefst in blokletters. " +
      "Deze machtiging geldt alleen voor één klacht. Vul geen burgerservicenummer (BSN) in: dat hebben wij niet nodig.",
  ],
  principal: {
    heading: "1. Degene die de klacht heeft (de volmachtgever)",
    fields: ["Naam", "Adres", "Postcode en woonplaats", "Telefoonnummer", "E-mailadres"],
  },
  agent: {
    heading: "2. Degene die namens u optreedt (de gemachtigde)",
    fields: [
      "Naam",
      "Adres",
      "Postcode en woonplaats",
      "Telefoonnummer",
      "E-mailadres",
      "Relatie tot de volmachtgever",
    ],
    relationHint: "Bijvoorbeeld: familielid, hulpverlener, advocaat.",
  },
  complaint: {
    heading: "3. Waarover gaat de klacht?",
    municipality: "Gemeente",
    description: "Korte omschrijving",
  },
  consent: {
    heading: "4. Toestemming",
    lead: "Zet een kruisje bij wat de gemachtigde namens u mag doen.",
    items: [
      "De klacht indienen bij de Ombudsman Metropool Amsterdam.",
      "Alle brieven en e-mails over de klacht ontvangen.",
      "Het dossier van de klacht inzien.",
      "Met de ombudsman en de gemeente over de klacht praten.",
    ],
    ending:
      "De machtiging stopt als de klacht is afgesloten. Wilt u de machtiging eerder stoppen? " +
      "Laat het ons dan schriftelijk weten, per brief of e-mail.",
  },
  signatures: {
    heading: "5. Ondertekening",
    columns: ["Volmachtgever", "Gemachtigde"],
    place: "Plaats",
    date: "Datum",
    signature: "Handtekening",
  },
  footer: [
    "Stuur dit formulier ondertekend mee met de klacht (foto of scan is goed). Vragen? Bel 020 625 9999.",
    "Wij gebruiken deze gegevens alleen voor de behandeling van de klacht.",
  ],
} as const;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Greedy word wrap on measured widths; a single word wider than the line is cut by characters. */
function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = "";
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > maxWidth) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current) lines.push(current);
  return lines;
}

/** Draws top-down: `y` is the top of the free space on the current page, moved down as content is placed. */
class Layout {
  page: PDFPage;
  y: number;

  /** `floor`: the lowest y content may reach; the footer lives below it. */
  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
    private readonly floor: number,
  ) {
    this.page = this.newPage();
    this.y = PAGE_HEIGHT - MARGIN_TOP;
  }

  private newPage(): PDFPage {
    return this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  }

  /** Keeps a block together: starts a new page when the block would run into the footer. */
  reserve(height: number): void {
    if (this.y - height < this.floor) {
      this.page = this.newPage();
      this.y = PAGE_HEIGHT - MARGIN_TOP;
    }
  }

  paragraph(
    text: string,
    options: { font?: PDFFont; size?: number; leading?: number; x?: number; width?: number; color?: Color } = {},
  ): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? BODY_SIZE;
    const leading = options.leading ?? BODY_LEADING;
    const x = options.x ?? MARGIN_X;
    const lines = wrapText(text, font, size, options.width ?? PAGE_WIDTH - MARGIN_X - x);
    this.reserve(lines.length * leading);
    for (const line of lines) {
      this.y -= leading;
      // Baseline a quarter em above the line bottom leaves room for descenders (g, j, p).
      this.page.drawText(line, { x, y: this.y + 0.25 * size, font, size, color: options.color ?? INK });
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  heading(text: string, blockHeight: number): void {
    // The heading itself takes 26 pt; keeping it with its block avoids an orphaned heading.
    this.reserve(26 + blockHeight);
    this.gap(10);
    this.page.drawText(text, { x: MARGIN_X, y: this.y - 11, font: this.fonts.bold, size: 11.5, color: ACCENT });
    this.y -= 14;
    this.page.drawLine({
      start: { x: MARGIN_X, y: this.y - 1 },
      end: { x: PAGE_WIDTH - MARGIN_X, y: this.y - 1 },
      thickness: 0.6,
      color: ACCENT,
    });
    this.gap(2);
  }

  /** A label with a ruled line to write on; the baseline sits on the line. */
  field(label: string, options: { x?: number; width?: number; labelWidth?: number } = {}): void {
    const x = options.x ?? MARGIN_X;
    const width = options.width ?? CONTENT_WIDTH;
    const labelWidth = options.labelWidth ?? LABEL_WIDTH;
    const lineY = this.y - ROW_HEIGHT + 3;
    this.drawLabel(label, x, lineY, labelWidth);
    this.page.drawLine({
      start: { x: x + labelWidth, y: lineY },
      end: { x: x + width, y: lineY },
      thickness: 0.5,
      color: RULE,
    });
    this.y -= ROW_HEIGHT;
  }

  /** An extra ruled line under a field, for longer answers. */
  continuationLine(): void {
    const lineY = this.y - ROW_HEIGHT + 3;
    this.page.drawLine({
      start: { x: MARGIN_X + LABEL_WIDTH, y: lineY },
      end: { x: PAGE_WIDTH - MARGIN_X, y: lineY },
      thickness: 0.5,
      color: RULE,
    });
    this.y -= ROW_HEIGHT;
  }

  private drawLabel(label: string, x: number, baseline: number, labelWidth: number): void {
    const size = BODY_SIZE;
    const room = labelWidth - 8;
    if (this.fonts.regular.widthOfTextAtSize(label, size) > room) {
      throw new Error(`Label does not fit its column: ${label}`);
    }
    this.page.drawText(label, { x, y: baseline + 2, font: this.fonts.regular, size, color: INK });
  }

  checkbox(text: string): void {
    const box = 9;
    const textX = MARGIN_X + box + 8;
    const lines = wrapText(text, this.fonts.regular, BODY_SIZE, PAGE_WIDTH - MARGIN_X - textX);
    const height = Math.max(lines.length * BODY_LEADING, box) + 3.5;
    this.reserve(height);
    const top = this.y - 3;
    this.page.drawRectangle({ x: MARGIN_X, y: top - box, width: box, height: box, borderColor: INK, borderWidth: 0.8 });
    let baseline = top - box + 1.5;
    for (const line of lines) {
      this.page.drawText(line, { x: textX, y: baseline, font: this.fonts.regular, size: BODY_SIZE, color: INK });
      baseline -= BODY_LEADING;
    }
    this.y -= height;
  }
}

function signatureColumn(layout: Layout, title: string, x: number, width: number, top: number): number {
  const { page, fonts } = layout;
  const labelWidth = 78;
  page.drawText(title, { x, y: top - 11, font: fonts.bold, size: 10, color: INK });
  let y = top - 16;
  for (const label of [TEXT.signatures.place, TEXT.signatures.date]) {
    const lineY = y - ROW_HEIGHT + 3;
    page.drawText(label, { x, y: lineY + 2, font: fonts.regular, size: BODY_SIZE, color: INK });
    page.drawLine({
      start: { x: x + labelWidth, y: lineY },
      end: { x: x + width, y: lineY },
      thickness: 0.5,
      color: RULE,
    });
    y -= ROW_HEIGHT;
  }
  const boxHeight = SIGNATURE_BOX_HEIGHT;
  const boxTop = y - 6;
  page.drawText(TEXT.signatures.signature, { x, y: boxTop - 11, font: fonts.regular, size: BODY_SIZE, color: INK });
  page.drawRectangle({
    x: x + labelWidth,
    y: boxTop - boxHeight,
    width: width - labelWidth,
    height: boxHeight,
    borderColor: RULE,
    borderWidth: 0.5,
  });
  return top - (boxTop - boxHeight);
}

interface FooterLine {
  text: string;
  font: PDFFont;
  size: number;
  leading: number;
  color: Color;
}

function footerLines(fonts: Fonts): FooterLine[] {
  const [action, privacy] = TEXT.footer;
  return [
    ...wrapText(action, fonts.bold, 9, CONTENT_WIDTH).map((text) => ({
      text,
      font: fonts.bold,
      size: 9,
      leading: 12,
      color: INK,
    })),
    ...wrapText(privacy, fonts.regular, SMALL_SIZE, CONTENT_WIDTH).map((text) => ({
      text,
      font: fonts.regular,
      size: SMALL_SIZE,
      leading: 11,
      color: MUTED,
    })),
  ];
}

function footerHeight(lines: FooterLine[]): number {
  return 4 + lines.reduce((sum, line) => sum + line.leading, 0);
}

/** The footer sits at the foot of every page, so a second page still carries the instructions. */
function drawFooter(page: PDFPage, lines: FooterLine[]): void {
  const top = MARGIN_BOTTOM + footerHeight(lines);
  page.drawLine({
    start: { x: MARGIN_X, y: top },
    end: { x: PAGE_WIDTH - MARGIN_X, y: top },
    thickness: 0.5,
    color: RULE,
  });
  let y = top - 4;
  for (const line of lines) {
    y -= line.leading;
    page.drawText(line.text, {
      x: MARGIN_X,
      y: y + 0.25 * line.size,
      font: line.font,
      size: line.size,
      color: line.color,
    });
  }
}

/** A fresh build, bypassing the cache. */
export async function buildMandateFormPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(FORM_TITLE, { showInWindowTitleBar: true });
  doc.setAuthor("Ombudsman Metropool Amsterdam");
  doc.setSubject(
    "Blanco formulier om iemand anders namens u een klacht te laten indienen bij de Ombudsman Metropool Amsterdam.",
  );
  doc.setKeywords(["machtiging", "machtigingsformulier", "gemachtigde", "klacht", "ombudsman"]);
  doc.setLanguage("nl-NL");
  doc.setCreator("Ombudsman Metropool Amsterdam – klachtenformulier");
  doc.setProducer("Ombudsman Metropool Amsterdam (pdf-lib)");
  doc.setCreationDate(FORM_DATE);
  doc.setModificationDate(FORM_DATE);

  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const footer = footerLines(fonts);
  const layout = new Layout(doc, fonts, MARGIN_BOTTOM + footerHeight(footer) + 10);

  layout.paragraph(TEXT.title, { font: fonts.bold, size: 20, leading: 22, color: ACCENT });
  layout.paragraph(TEXT.subtitle, { font: fonts.bold, size: 12.5, leading: 18 });
  layout.gap(4);
  for (const text of TEXT.intro) {
    layout.paragraph(text);
    layout.gap(3);
  }

  layout.heading(TEXT.principal.heading, TEXT.principal.fields.length * ROW_HEIGHT);
  for (const label of TEXT.principal.fields) layout.field(label);

  layout.heading(TEXT.agent.heading, TEXT.agent.fields.length * ROW_HEIGHT + BODY_LEADING);
  for (const label of TEXT.agent.fields) layout.field(label);
  layout.paragraph(TEXT.agent.relationHint, { x: MARGIN_X + LABEL_WIDTH, size: SMALL_SIZE, leading: 11, color: MUTED });

  layout.heading(TEXT.complaint.heading, 3 * ROW_HEIGHT);
  layout.field(TEXT.complaint.municipality);
  layout.field(TEXT.complaint.description);
  layout.continuationLine();

  layout.heading(TEXT.consent.heading, 6 * BODY_LEADING + TEXT.consent.items.length * 17);
  layout.paragraph(TEXT.consent.lead);
  layout.gap(2);
  for (const item of TEXT.consent.items) layout.checkbox(item);
  layout.gap(1);
  layout.paragraph(TEXT.consent.ending);

  const signatureHeight = 4 + 16 + 2 * ROW_HEIGHT + 6 + SIGNATURE_BOX_HEIGHT;
  layout.heading(TEXT.signatures.heading, signatureHeight);
  const columnGap = 28;
  const columnWidth = (CONTENT_WIDTH - columnGap) / 2;
  const top = layout.y - 4;
  const [left, right] = TEXT.signatures.columns;
  const used = Math.max(
    signatureColumn(layout, left, MARGIN_X, columnWidth, top),
    signatureColumn(layout, right, MARGIN_X + columnWidth + columnGap, columnWidth, top),
  );
  layout.y = top - used;

  for (const page of doc.getPages()) drawFooter(page, footer);

  // No object streams: viewers and tests can find each page's content stream directly.
  return doc.save({ useObjectStreams: false });
}

let cached: Promise<Uint8Array> | undefined;

/** The blank mandate form (A4, Dutch). Built once per process; every caller gets its own copy. */
export async function mandateFormPdf(): Promise<Uint8Array<ArrayBuffer>> {
  cached ??= buildMandateFormPdf().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return (await cached).slice();
}
