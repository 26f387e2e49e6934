/**
 * Decides what an uploaded file really is from its first bytes and its name. Pure: no I/O,
 * no Node APIs, so it runs the same on the server and in a browser.
 *
 * The name alone is never trusted: the bytes decide the type, and the name's extension must
 * agree with it. Images are the one leniency, since phones and mail clients often mislabel them.
 */

export type SniffKind = "pdf" | "jpeg" | "png" | "heic" | "doc" | "docx" | "odt" | "txt" | "eml" | "msg";
export type SniffRefusal = "not_allowed" | "html" | "svg" | "executable" | "empty" | "mismatch";
export type SniffResult = { ok: true; contentType: string; kind: SniffKind } | { ok: false; reason: SniffRefusal };

/** The content type and name extensions of every kind; app/uploads/policy.ts takes exactly these. */
export const SNIFF_TYPES: Readonly<
  Record<SniffKind, { readonly contentType: string; readonly extensions: readonly string[] }>
> = {
  pdf: { contentType: "application/pdf", extensions: ["pdf"] },
  jpeg: { contentType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  png: { contentType: "image/png", extensions: ["png"] },
  heic: { contentType: "image/heic", extensions: ["heic", "heif"] },
  doc: { contentType: "application/msword", extensions: ["doc"] },
  docx: {
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
  },
  odt: { contentType: "application/vnd.oasis.opendocument.text", extensions: ["odt"] },
  txt: { contentType: "text/plain", extensions: ["txt"] },
  eml: { contentType: "message/rfc822", extensions: ["eml"] },
  msg: { contentType: "application/vnd.ms-outlook", extensions: ["msg"] },
};

/** How many leading bytes are looked at; callers pass at most this much. */
export const SNIFF_HEAD_BYTES = 64 * 1024;

const IMAGE_KINDS: ReadonlySet<SniffKind> = new Set<SniffKind>(["jpeg", "png", "heic"]);
const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([...IMAGE_KINDS].flatMap((k) => SNIFF_TYPES[k].extensions));

type Detected = { kind: SniffKind } | { refuse: SniffRefusal };

export function sniffType(head: Uint8Array, fileName: string): SniffResult {
  const bytes = head.subarray(0, SNIFF_HEAD_BYTES);
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  const ext = extensionOf(fileName);
  const detected = detect(bytes, ext);
  if ("refuse" in detected) return { ok: false, reason: detected.refuse };
  const { kind } = detected;
  const agrees = SNIFF_TYPES[kind].extensions.includes(ext) || (IMAGE_KINDS.has(kind) && IMAGE_EXTENSIONS.has(ext));
  if (!agrees) return { ok: false, reason: "mismatch" };
  return { ok: true, kind, contentType: SNIFF_TYPES[kind].contentType };
}

function extensionOf(fileName: string): string {
  const base = fileName.trim().split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot < 0 ? "" : base.slice(dot + 1).toLowerCase();
}

function detect(b: Uint8Array, ext: string): Detected {
  if (isExecutable(b)) return { refuse: "executable" };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: "jpeg" };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "png" };
  const isoBmff = isoBmffKind(b);
  if (isoBmff) return isoBmff;
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return cfbKind(b, ext);
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return zipKind(b);
  const pdf = pdfKind(b);
  if (pdf) return pdf;
  return textKind(b, ext);
}

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  return sig.every((v, i) => b[at + i] === v);
}

/** Bytes as a string of code points 0–255, for matching ASCII tokens; UTF-8 never hides ASCII inside a multi-byte sequence. */
function latin1(b: Uint8Array, start = 0, end = b.length): string {
  let s = "";
  const stop = Math.min(end, b.length);
  for (let i = start; i < stop; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function u16le(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

function u32le(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;
}

function u32be(b: Uint8Array, at: number): number {
  return (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
}

const EXECUTABLE_MAGIC: readonly (readonly number[])[] = [
  [0x4d, 0x5a], // MZ: DOS and Windows PE
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32-bit, big-endian
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64-bit, big-endian
  [0xce, 0xfa, 0xed, 0xfe], // Mach-O 32-bit, little-endian
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64-bit, little-endian
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal binary (and Java class files)
  [0xca, 0xfe, 0xba, 0xbf], // Mach-O universal binary, 64-bit
  [0x23, 0x21], // #! script
];

function isExecutable(b: Uint8Array): boolean {
  return EXECUTABLE_MAGIC.some((m) => startsWith(b, m));
}

const HEVC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis"]);
const HEIF_GENERIC_BRANDS = new Set(["mif1", "msf1"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);

/** An ISO BMFF file (`ftyp` box first): HEIC/HEIF photos are allowed; AVIF, MP4, MOV and the rest are not. */
function isoBmffKind(b: Uint8Array): Detected | null {
  if (latin1(b, 4, 8) !== "ftyp") return null;
  const size = u32be(b, 0);
  if (size < 16 || size % 4 !== 0) return { refuse: "not_allowed" };
  const brands = [latin1(b, 8, 12)];
  for (let at = 16; at + 4 <= Math.min(size, b.length); at += 4) brands.push(latin1(b, at, at + 4));
  if (brands.some((x) => HEVC_BRANDS.has(x))) return { kind: "heic" };
  // mif1/msf1 only say "HEIF container"; AVIF uses them too, with an AV1 codec that is not on the list.
  if (brands.some((x) => HEIF_GENERIC_BRANDS.has(x)) && !brands.some((x) => AVIF_BRANDS.has(x)))
    return { kind: "heic" };
  return { refuse: "not_allowed" };
}

/** Sector numbers from here on mean end of chain, free, or FAT/DIFAT sector. */
const SPECIAL_SECTOR = 0xfffffffa;
const NO_STREAM = 0xffffffff;
/** Windows Installer package, patch and transform: {000C1084-…}, {000C1086-…}, {000C1082-…}. */
const MSI_CLSID_FIRST_BYTES = [0x84, 0x86, 0x82];
const MSI_CLSID_REST = [0x10, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46];

type CfbEntry = { name: string; left: number; right: number; child: number; clsidAt: number };

/**
 * An OLE2 compound file: Word 97–2003, Outlook .msg, but also Excel, PowerPoint and Windows
 * Installer packages. The root's streams tell them apart when the directory lies within the
 * head; otherwise the name decides between .doc and .msg, and any other name is a mismatch.
 */
function cfbKind(b: Uint8Array, ext: string): Detected {
  const top = cfbTopLevel(b);
  if (top.msi) return { refuse: "executable" };
  const names = top.names;
  const word = names.has("WordDocument");
  const msg = names.has("__properties_version1.0") || [...names].some((n) => n.startsWith("__substg1.0_"));
  if (word && !msg) return { kind: "doc" };
  if (msg && !word) return { kind: "msg" };
  if (names.has("Workbook") || names.has("Book") || names.has("PowerPoint Document")) return { refuse: "not_allowed" };
  if (ext === "doc") return { kind: "doc" };
  if (ext === "msg") return { kind: "msg" };
  return { refuse: "mismatch" };
}

/** The names of the root storage's direct children, as far as the head holds the directory. */
function cfbTopLevel(b: Uint8Array): { names: Set<string>; msi: boolean } {
  const names = new Set<string>();
  const shift = u16le(b, 0x1e);
  if (shift !== 9 && shift !== 12) return { names, msi: false };
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const sectorAt = (n: number) => (n + 1) * sectorSize;

  const nextSector = (n: number): number | null => {
    const fatIndex = Math.floor(n / perSector);
    // Only the 109 FAT sectors listed in the header; the rest would need the DIFAT chain.
    if (fatIndex >= 109) return null;
    const fatSector = u32le(b, 0x4c + 4 * fatIndex);
    if (fatSector >= SPECIAL_SECTOR) return null;
    const at = sectorAt(fatSector) + (n % perSector) * 4;
    return at + 4 <= b.length ? u32le(b, at) : null;
  };

  const entries = new Map<number, CfbEntry>();
  const seen = new Set<number>();
  let sector: number | null = u32le(b, 0x30);
  for (let chainIndex = 0; sector !== null && sector < SPECIAL_SECTOR && !seen.has(sector); chainIndex++) {
    seen.add(sector);
    const start = sectorAt(sector);
    if (start + sectorSize > b.length) break;
    for (let i = 0; i < sectorSize / 128; i++) {
      const at = start + i * 128;
      // UTF-16LE, the length counting the terminating NUL.
      const nameBytes = Math.min(u16le(b, at + 0x40), 64);
      let name = "";
      for (let c = 0; c + 2 < nameBytes; c += 2) name += String.fromCharCode(u16le(b, at + c));
      entries.set(chainIndex * (sectorSize / 128) + i, {
        name,
        left: u32le(b, at + 0x44),
        right: u32le(b, at + 0x48),
        child: u32le(b, at + 0x4c),
        clsidAt: at + 0x50,
      });
    }
    sector = nextSector(sector);
  }

  const root = entries.get(0);
  if (!root) return { names, msi: false };
  const msi =
    MSI_CLSID_FIRST_BYTES.includes(b[root.clsidAt] ?? -1) &&
    MSI_CLSID_REST.every((v, i) => b[root.clsidAt + 1 + i] === v);

  const stack = [root.child];
  const visited = new Set<number>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === NO_STREAM || visited.has(id)) continue;
    visited.add(id);
    const entry = entries.get(id);
    if (!entry) continue;
    names.add(entry.name);
    stack.push(entry.left, entry.right);
  }
  // Installer tables are stored under names encoded into the U+3800–U+4840 range, "䡀_Tables" among them.
  const encodedNames = [...names].some((n) => n.charCodeAt(0) === 0x4840);
  return { names, msi: msi || encodedNames };
}

const ODT_MIMETYPE = "application/vnd.oasis.opendocument.text";

/** A ZIP archive: an OpenDocument text or a Word document; every other archive is refused. */
function zipKind(b: Uint8Array): Detected {
  const { entries, truncated } = zipLocalEntries(b);
  const first = entries[0];
  if (first?.name === "mimetype") return isOdtMimetype(b, first) ? { kind: "odt" } : { refuse: "not_allowed" };
  const names = entries.map((e) => e.name.toLowerCase());
  const hasWord = names.some((n) => n.startsWith("word/"));
  // A macro project makes it a .docm under a .docx name.
  if (names.includes("word/vbaproject.bin")) return { refuse: "not_allowed" };
  const hasContentTypes = names.includes("[content_types].xml");
  // System.IO.Packaging writes [Content_Types].xml last, so past the head it may simply not be seen yet.
  if (hasWord && (hasContentTypes || truncated)) return { kind: "docx" };
  return { refuse: "not_allowed" };
}

type ZipEntry = { name: string; flags: number; method: number; compressedSize: number; dataStart: number };

/** ODF puts its media type first, stored and uncompressed, so that it sits at a fixed place. */
function isOdtMimetype(b: Uint8Array, entry: ZipEntry): boolean {
  if (entry.method !== 0) return false;
  const end = entry.dataStart + ODT_MIMETYPE.length;
  if (latin1(b, entry.dataStart, end) !== ODT_MIMETYPE) return false;
  if (entry.compressedSize === ODT_MIMETYPE.length) return true;
  // Sizes in a trailing data descriptor: the next record must follow at once, or this is "…text-template" or worse.
  return (entry.flags & 0x08) !== 0 && entry.compressedSize === 0 && startsWith(b, [0x50, 0x4b], end);
}

/**
 * The local file headers in the head, in order. `truncated` when the head ends before the
 * archive's central directory, so that entries further on cannot be known.
 */
function zipLocalEntries(b: Uint8Array): { entries: ZipEntry[]; truncated: boolean } {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (;;) {
    if (at + 30 > b.length) return { entries, truncated: true };
    if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04], at)) return { entries, truncated: false };
    const flags = u16le(b, at + 6);
    const method = u16le(b, at + 8);
    const compressedSize = u32le(b, at + 18);
    const nameLength = u16le(b, at + 26);
    const extraLength = u16le(b, at + 28);
    if (at + 30 + nameLength > b.length) return { entries, truncated: true };
    const name = new TextDecoder().decode(b.subarray(at + 30, at + 30 + nameLength));
    const dataStart = at + 30 + nameLength + extraLength;
    entries.push({ name, flags, method, compressedSize, dataStart });
    if ((flags & 0x08) === 0 && compressedSize !== 0xffffffff) {
      at = dataStart + compressedSize;
      continue;
    }
    // Sizes follow the data (a streamed archive): look for the next header instead.
    const next = findZipHeader(b, dataStart);
    if (next < 0) return { entries, truncated: true };
    at = next;
  }
}

function findZipHeader(b: Uint8Array, from: number): number {
  for (let i = Math.max(from, 0); i + 4 <= b.length; i++) {
    if (b[i] !== 0x50 || b[i + 1] !== 0x4b) continue;
    const c = b[i + 2];
    const d = b[i + 3];
    if ((c === 0x03 && d === 0x04) || (c === 0x01 && d === 0x02)) return i;
  }
  return -1;
}

/** Acrobat accepts up to 1024 bytes of anything before `%PDF-`; so do we, unless that prefix is markup. */
function pdfKind(b: Uint8Array): Detected | null {
  const at = latin1(b, 0, 1024 + 4).indexOf("%PDF-");
  if (at < 0) return null;
  if (at > 0) {
    const markup = markupKind(latin1(b, 0, at), false);
    if (markup) return markup;
  }
  return { kind: "pdf" };
}

/** Tags that make a browser treat a document as HTML when they open it (WHATWG MIME sniffing). */
const HTML_START = /^<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>/]/;
/** Tags that would make the document act as a page wherever they appear near the top. */
const HTML_ANYWHERE = /<(!doctype\s+html|html|head|body|script|iframe|object|embed|frameset|meta)[\s>/]/;
const SVG_ANYWHERE = /<svg[\s>/]|<!doctype\s+svg[\s>]/;

/**
 * HTML, SVG or other XML in the first KiB after a byte order mark and white space; `text` is
 * the beginning of the file, one character per byte.
 */
function markupKind(text: string, isMail: boolean): Detected | null {
  const lead = text
    .replace(/^\u00ef\u00bb\u00bf/, "")
    .replace(/^\s+/, "")
    .slice(0, 1024)
    .toLowerCase();
  if (HTML_START.test(lead)) return { refuse: "html" };
  // A mail's body may well be HTML; stored as message/rfc822 and only ever downloaded, it is not a page.
  if (isMail) return null;
  // Before the HTML tags: an SVG image may carry its own <script>.
  if (SVG_ANYWHERE.test(lead)) return { refuse: "svg" };
  if (HTML_ANYWHERE.test(lead)) return { refuse: "html" };
  if (lead.startsWith("<?xml")) return { refuse: "not_allowed" };
  return null;
}

function textKind(b: Uint8Array, ext: string): Detected {
  if (!looksLikeText(b)) return { refuse: "not_allowed" };
  const start = latin1(b, 0, 4096);
  const mail = looksLikeMail(start);
  const markup = markupKind(start, mail);
  if (markup) return markup;
  if (ext === "txt") return { kind: "txt" };
  return { kind: mail ? "eml" : "txt" };
}

/**
 * UTF-8, or else any 8-bit or multi-byte legacy encoding (Windows-1252, Latin-2, Shift_JIS…):
 * no NUL byte and at most 2% control characters. Random bytes hold about 10% controls.
 * UTF-16 is refused on purpose: its NUL bytes look like any binary file's.
 */
function looksLikeText(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  let decoded: string | null;
  try {
    // stream: a multi-byte character cut off at the end of the head is not an error.
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(b, { stream: true });
  } catch {
    decoded = null;
  }
  let total = 0;
  let odd = 0;
  if (decoded !== null) {
    for (const ch of decoded) {
      total++;
      const c = ch.codePointAt(0)!;
      if ((c < 0x20 && !isTextControl(c)) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) odd++;
    }
  } else {
    for (const c of b) {
      total++;
      if ((c < 0x20 && !isTextControl(c)) || c === 0x7f) odd++;
    }
  }
  return total > 0 && odd * 50 <= total;
}

function isTextControl(c: number): boolean {
  // Tab, line feed, form feed, carriage return; the Ctrl-Z old DOS tools put at the end; the escape of ISO-2022 and terminal colours.
  return c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x1a || c === 0x1b;
}

const MAIL_HEADERS = new Set([
  "from",
  "to",
  "subject",
  "date",
  "received",
  "message-id",
  "mime-version",
  "return-path",
]);

/** The text opens with an RFC 5322 header block naming at least two of the usual fields. */
function looksLikeMail(text: string): boolean {
  const lines = text.split(/\r?\n/);
  // The last line may be cut off by the end of the head.
  if (lines.length > 1) lines.pop();
  const found = new Set<string>();
  let index = 0;
  if (/^From \S/.test(lines[0] ?? "")) index = 1; // an mbox "From " line, as some clients save it
  let fields = 0;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === "") break;
    if (/^[ \t]/.test(line)) {
      if (fields === 0) return false;
      continue;
    }
    const field = /^([!-9;-~]+):/.exec(line);
    if (!field) break;
    fields++;
    const name = field[1]!.toLowerCase();
    if (MAIL_HEADERS.has(name)) found.add(name);
  }
  return found.size >= 2;
}
