import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALLOWED_TYPES, allowedTypeFor } from "./policy";
import { SNIFF_TYPES, sniffType, type SniffKind } from "./sniff";

const enc = new TextEncoder();
const ascii = (s: string) => enc.encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));
const accepted = (kind: SniffKind) => ({ ok: true, kind, contentType: SNIFF_TYPES[kind].contentType });
const refused = (reason: string) => ({ ok: false, reason });

// --- Fixtures, byte by byte -------------------------------------------------------------

const TINY_PDF = ascii(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" +
    "trailer<</Root 1 0 R>>\n%%EOF\n",
);
// A 1×1 PNG as a browser would save it: signature, IHDR, IDAT, IEND.
const PNG = new Uint8Array(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
);
// SOI, a JFIF APP0 segment, the start of a quantisation table, EOI.
const JPEG = concat(
  new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  ascii("JFIF\0"),
  new Uint8Array([
    0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x08, 0x06, 0xff, 0xd9,
  ]),
);

function ftyp(major: string, compatible: string[]): Uint8Array {
  const size = 16 + 4 * compatible.length;
  const box = new Uint8Array(size + 16);
  new DataView(box.buffer).setUint32(0, size);
  box.set(ascii(`ftyp${major}`), 4);
  compatible.forEach((b, i) => box.set(ascii(b), 16 + 4 * i));
  // The next box (meta) follows; its contents do not matter here.
  new DataView(box.buffer).setUint32(size, 16);
  box.set(ascii("meta"), size + 4);
  return box;
}
// As an iPhone writes it.
const HEIC = ftyp("heic", ["mif1", "MiHB", "MiHE", "MiPr", "miaf", "heic", "tmap"]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

type ZipEntryInput = { name: string; data: Uint8Array | string; stored?: boolean };

/** A real ZIP archive: local headers, data (deflated unless stored), optional data descriptors, central directory. */
function zip(entries: ZipEntryInput[], { descriptors = false } = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === "string" ? ascii(e.data) : e.data;
    const body = e.stored ? raw : new Uint8Array(deflateRawSync(raw));
    const name = ascii(e.name);
    const crc = crc32(raw);
    const flags = 0x0800 | (descriptors && !e.stored ? 0x08 : 0);
    const inHeader = (flags & 0x08) === 0;
    const local = new Uint8Array(30 + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, 0x04034b50, true);
    l.setUint16(4, 20, true);
    l.setUint16(6, flags, true);
    l.setUint16(8, e.stored ? 0 : 8, true);
    l.setUint32(14, inHeader ? crc : 0, true);
    l.setUint32(18, inHeader ? body.length : 0, true);
    l.setUint32(22, inHeader ? raw.length : 0, true);
    l.setUint16(26, name.length, true);
    local.set(name, 30);
    const parts = [local, body];
    if (!inHeader) {
      const dd = new Uint8Array(16);
      const d = new DataView(dd.buffer);
      d.setUint32(0, 0x08074b50, true);
      d.setUint32(4, crc, true);
      d.setUint32(8, body.length, true);
      d.setUint32(12, raw.length, true);
      parts.push(dd);
    }
    const central = new Uint8Array(46 + name.length);
    const c = new DataView(central.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, flags, true);
    c.setUint16(10, e.stored ? 0 : 8, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, body.length, true);
    c.setUint32(24, raw.length, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    central.set(name, 46);
    centrals.push(central);
    const local_ = concat(...parts);
    locals.push(local_);
    offset += local_.length;
  }
  const cd = concat(...centrals);
  const eocd = new Uint8Array(22);
  const v = new DataView(eocd.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, entries.length, true);
  v.setUint16(10, entries.length, true);
  v.setUint32(12, cd.length, true);
  v.setUint32(16, offset, true);
  return concat(...locals, cd, eocd);
}

const CONTENT_TYPES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOCUMENT_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  "<w:body><w:p><w:r><w:t>Geachte heer, mevrouw,</w:t></w:r></w:p></w:body></w:document>";

const DOCX = zip([
  { name: "[Content_Types].xml", data: CONTENT_TYPES_XML },
  { name: "_rels/.rels", data: RELS_XML },
  { name: "word/document.xml", data: DOCUMENT_XML },
]);

function odf(mimetype: string): Uint8Array {
  return zip([
    { name: "mimetype", data: mimetype, stored: true },
    {
      name: "META-INF/manifest.xml",
      data: `<manifest:manifest><manifest:file-entry manifest:media-type="${mimetype}" manifest:full-path="/"/></manifest:manifest>`,
    },
    {
      name: "content.xml",
      data: "<office:document-content><office:body><office:text><text:p>Brief</text:p></office:text></office:body></office:document-content>",
    },
  ]);
}
const ODT = odf("application/vnd.oasis.opendocument.text");

type CfbNode = { name: string; children?: CfbNode[] };

/**
 * A version 3 compound file (512-byte sectors): header, one FAT sector, then the directory
 * sectors. Siblings are chained through their right-sibling pointers, a valid if lopsided tree.
 */
function cfb(top: CfbNode[], { rootClsid }: { rootClsid?: number[] } = {}): Uint8Array {
  type Flat = { name: string; type: number; right: number; child: number };
  const flat: Flat[] = [{ name: "Root Entry", type: 5, right: -1, child: -1 }];
  const place = (nodes: CfbNode[]): number => {
    const ids = nodes.map((n) => {
      flat.push({ name: n.name, type: n.children ? 1 : 2, right: -1, child: -1 });
      return flat.length - 1;
    });
    nodes.forEach((n, i) => {
      flat[ids[i]!]!.right = ids[i + 1] ?? -1;
      if (n.children) flat[ids[i]!]!.child = place(n.children);
    });
    return ids[0] ?? -1;
  };
  flat[0]!.child = place(top);
  const dirSectors = Math.ceil(flat.length / 4);
  const out = new Uint8Array(512 * (2 + dirSectors));
  const v = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  v.setUint16(0x18, 0x3e, true);
  v.setUint16(0x1a, 3, true);
  v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, 9, true);
  v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, 1, true);
  v.setUint32(0x30, 1, true);
  v.setUint32(0x38, 4096, true);
  v.setUint32(0x3c, 0xfffffffe, true);
  v.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) v.setUint32(0x4c + 4 * i, i === 0 ? 0 : 0xffffffff, true);
  const fat = 512;
  for (let i = 0; i < 128; i++) v.setUint32(fat + 4 * i, 0xffffffff, true);
  v.setUint32(fat, 0xfffffffd, true);
  for (let s = 1; s <= dirSectors; s++) v.setUint32(fat + 4 * s, s === dirSectors ? 0xfffffffe : s + 1, true);
  for (let i = 0; i < dirSectors * 4; i++) {
    const at = 1024 + 128 * i;
    const e = flat[i];
    v.setUint32(at + 0x44, 0xffffffff, true);
    v.setUint32(at + 0x48, e && e.right >= 0 ? e.right : 0xffffffff, true);
    v.setUint32(at + 0x4c, e && e.child >= 0 ? e.child : 0xffffffff, true);
    if (!e) continue;
    for (let c = 0; c < e.name.length; c++) v.setUint16(at + 2 * c, e.name.charCodeAt(c), true);
    v.setUint16(at + 0x40, 2 * (e.name.length + 1), true);
    out[at + 0x42] = e.type;
    out[at + 0x43] = 1;
    if (i === 0 && rootClsid) out.set(rootClsid, at + 0x50);
  }
  return out;
}

const WORD_97 = cfb([
  { name: "1Table" },
  { name: "WordDocument" },
  { name: "\u0005SummaryInformation" },
  { name: "\u0005DocumentSummaryInformation" },
  { name: "\u0001CompObj" },
]);
const OUTLOOK_MSG = cfb([
  { name: "__nameid_version1.0", children: [{ name: "__substg1.0_00020102" }] },
  { name: "__substg1.0_0037001F" },
  { name: "__substg1.0_1000001F" },
  { name: "__recip_version1.0_#00000000", children: [{ name: "__substg1.0_3001001F" }] },
  { name: "__properties_version1.0" },
]);
const EXCEL_97 = cfb([{ name: "Workbook" }, { name: "\u0005SummaryInformation" }]);
const MSI = cfb([{ name: "\u4840\u3f3f\u4577\u446c\u3b6a\u45e4\u4824" }, { name: "\u0005SummaryInformation" }], {
  rootClsid: [0x84, 0x10, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46],
});

const EML = ascii(
  "Return-Path: <klachten@amsterdam.nl>\r\nReceived: from mail.amsterdam.nl by mx.example.nl; Tue, 4 Mar 2025 10:12:01 +0100\r\n" +
    "From: Gemeente Amsterdam <klachten@amsterdam.nl>\r\nTo: j.jansen@example.nl\r\nSubject: Uw klacht over de\r\n parkeervergunning\r\n" +
    "Date: Tue, 4 Mar 2025 10:12:00 +0100\r\nMessage-ID: <1234@amsterdam.nl>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
    "Geachte heer Jansen,\r\n\r\nWij hebben uw klacht ontvangen.\r\n",
);
const HTML = ascii(
  '<!DOCTYPE html>\n<html lang="nl"><head><title>Brief</title></head><body><script>alert(1)</script></body></html>\n',
);
const SVG = ascii('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
const SVG_WITH_PROLOG = ascii(
  '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg"/>',
);
const XML = ascii('<?xml version="1.0" encoding="UTF-8"?>\n<brief><aan>Gemeente</aan></brief>\n');

// --- Tests ------------------------------------------------------------------------------

describe("sniffType: the allowed types", () => {
  it("accepts a PDF, also with up to 1 KiB of junk before %PDF-", () => {
    expect(sniffType(TINY_PDF, "antwoord.pdf")).toEqual(accepted("pdf"));
    expect(sniffType(fixture("antwoord-gemeente.pdf"), "antwoord-gemeente.pdf")).toEqual(accepted("pdf"));
    const junk = new Uint8Array(1000).fill(0x0a);
    junk.set([0xef, 0xbb, 0xbf, 0x00, 0x01, 0x02]);
    expect(sniffType(concat(junk, TINY_PDF), "scan.PDF")).toEqual(accepted("pdf"));
    expect(sniffType(concat(new Uint8Array(1100).fill(0x01), TINY_PDF), "scan.pdf")).toEqual(refused("not_allowed"));
  });

  it("accepts JPEG, PNG and HEIC, under any image extension, with the type of the bytes", () => {
    expect(sniffType(JPEG, "foto.jpg")).toEqual(accepted("jpeg"));
    expect(sniffType(JPEG, "foto.JPEG")).toEqual(accepted("jpeg"));
    expect(sniffType(PNG, "schermafbeelding.png")).toEqual(accepted("png"));
    expect(sniffType(HEIC, "IMG_0001.HEIC")).toEqual(accepted("heic"));
    expect(sniffType(ftyp("mif1", ["mif1", "heic"]), "foto.heif")).toEqual(accepted("heic"));
    expect(sniffType(ftyp("msf1", ["msf1", "iso8"]), "foto.heif")).toEqual(accepted("heic"));
    expect(sniffType(PNG, "foto.jpg")).toEqual(accepted("png"));
    expect(sniffType(PNG, "foto.heic")).toEqual(accepted("png"));
    expect(sniffType(JPEG, "foto.png")).toEqual(accepted("jpeg"));
    expect(sniffType(HEIC, "foto.jpg")).toEqual(accepted("heic"));
  });

  it("refuses AVIF, MP4 and other ISO BMFF files", () => {
    expect(sniffType(ftyp("avif", ["avif", "mif1", "miaf"]), "foto.heic")).toEqual(refused("not_allowed"));
    expect(sniffType(ftyp("isom", ["isom", "iso2", "avc1", "mp41"]), "video.heic")).toEqual(refused("not_allowed"));
    expect(sniffType(ftyp("qt  ", ["qt  "]), "video.jpg")).toEqual(refused("not_allowed"));
  });

  it("tells Word 97 from Outlook by the compound file's streams, and trusts the name when the directory is out of reach", () => {
    expect(sniffType(WORD_97, "brief.doc")).toEqual(accepted("doc"));
    expect(sniffType(OUTLOOK_MSG, "mail.msg")).toEqual(accepted("msg"));
    expect(sniffType(WORD_97, "brief.msg")).toEqual(refused("mismatch"));
    expect(sniffType(OUTLOOK_MSG, "mail.doc")).toEqual(refused("mismatch"));
    const headerOnly = WORD_97.subarray(0, 512);
    expect(sniffType(headerOnly, "brief.doc")).toEqual(accepted("doc"));
    expect(sniffType(headerOnly, "mail.msg")).toEqual(accepted("msg"));
    expect(sniffType(headerOnly, "brief.pdf")).toEqual(refused("mismatch"));
    expect(sniffType(WORD_97, "brief.pdf")).toEqual(refused("mismatch"));
  });

  it("looks only at the root's own streams: a Word file with an embedded message stays a Word file", () => {
    const embedding = cfb([
      { name: "WordDocument" },
      {
        name: "ObjectPool",
        children: [
          { name: "_1234", children: [{ name: "__substg1.0_0037001F" }, { name: "__properties_version1.0" }] },
        ],
      },
      { name: "1Table" },
    ]);
    expect(sniffType(embedding, "brief.doc")).toEqual(accepted("doc"));
  });

  it("refuses Excel and PowerPoint under a .doc name, and Windows Installer packages as executables", () => {
    expect(sniffType(EXCEL_97, "brief.doc")).toEqual(refused("not_allowed"));
    expect(sniffType(cfb([{ name: "PowerPoint Document" }, { name: "Current User" }]), "brief.doc")).toEqual(
      refused("not_allowed"),
    );
    expect(sniffType(MSI, "brief.doc")).toEqual(refused("executable"));
    expect(sniffType(MSI, "mail.msg")).toEqual(refused("executable"));
  });

  it("accepts a .docx by its [Content_Types].xml and word/ entries, also when streamed with data descriptors", () => {
    expect(sniffType(DOCX, "brief.docx")).toEqual(accepted("docx"));
    const streamed = zip(
      [
        { name: "[Content_Types].xml", data: CONTENT_TYPES_XML },
        { name: "_rels/.rels", data: RELS_XML },
        { name: "word/document.xml", data: DOCUMENT_XML },
      ],
      { descriptors: true },
    );
    expect(sniffType(streamed, "brief.docx")).toEqual(accepted("docx"));
  });

  it("accepts a .docx whose [Content_Types].xml comes after the head, as System.IO.Packaging writes it", () => {
    const photo = new Uint8Array(80 * 1024).map((_, i) => (i * 7919) % 251);
    const packaged = zip([
      { name: "word/document.xml", data: DOCUMENT_XML },
      { name: "word/media/image1.png", data: photo, stored: true },
      { name: "_rels/.rels", data: RELS_XML },
      { name: "[Content_Types].xml", data: CONTENT_TYPES_XML },
    ]);
    expect(sniffType(packaged.subarray(0, 64 * 1024), "brief.docx")).toEqual(accepted("docx"));
    // But when the whole archive is in view, both must be there.
    const small = zip([
      { name: "word/document.xml", data: DOCUMENT_XML },
      { name: "_rels/.rels", data: RELS_XML },
    ]);
    expect(sniffType(small, "brief.docx")).toEqual(refused("not_allowed"));
  });

  it("accepts an .odt by its stored mimetype entry", () => {
    expect(sniffType(ODT, "brief.odt")).toEqual(accepted("odt"));
  });

  it("refuses other archives: plain ZIP, spreadsheets, templates, macro documents", () => {
    const plain = zip([{ name: "brief.pdf", data: TINY_PDF }]);
    expect(sniffType(plain, "bijlagen.zip")).toEqual(refused("not_allowed"));
    expect(sniffType(plain, "brief.docx")).toEqual(refused("not_allowed"));
    expect(sniffType(plain, "brief.pdf")).toEqual(refused("not_allowed"));
    const xlsx = zip([
      { name: "[Content_Types].xml", data: CONTENT_TYPES_XML },
      { name: "xl/workbook.xml", data: "<workbook/>" },
    ]);
    expect(sniffType(xlsx, "brief.docx")).toEqual(refused("not_allowed"));
    expect(sniffType(odf("application/vnd.oasis.opendocument.spreadsheet"), "brief.odt")).toEqual(
      refused("not_allowed"),
    );
    expect(sniffType(odf("application/vnd.oasis.opendocument.text-template"), "brief.odt")).toEqual(
      refused("not_allowed"),
    );
    const docm = zip([
      { name: "[Content_Types].xml", data: CONTENT_TYPES_XML },
      { name: "word/document.xml", data: DOCUMENT_XML },
      { name: "word/vbaProject.bin", data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) },
    ]);
    expect(sniffType(docm, "brief.docx")).toEqual(refused("not_allowed"));
  });

  it("refuses a Word document and an OpenDocument text under each other's name", () => {
    expect(sniffType(DOCX, "brief.odt")).toEqual(refused("mismatch"));
    expect(sniffType(ODT, "brief.docx")).toEqual(refused("mismatch"));
    expect(sniffType(DOCX, "brief.doc")).toEqual(refused("mismatch"));
  });

  it("accepts plain text as .txt only, in UTF-8 or an 8-bit code page", () => {
    expect(sniffType(fixture("telefoonnotitie.txt"), "telefoonnotitie.txt")).toEqual(accepted("txt"));
    expect(sniffType(ascii("\uFEFFGesprek met de wijkagent op 3 maart, één uur lang.\r\n"), "notitie.txt")).toEqual(
      accepted("txt"),
    );
    const cp1252 = new Uint8Array([...ascii("Caf"), 0xe9, ...ascii(" \u0080 "), 0x80, ...ascii(" 12,50\r\n")]);
    expect(sniffType(cp1252, "bon.txt")).toEqual(accepted("txt"));
    expect(sniffType(ascii("Gewoon een notitie.\n"), "notitie.pdf")).toEqual(refused("mismatch"));
    expect(sniffType(ascii("Gewoon een notitie.\n"), "notitie")).toEqual(refused("mismatch"));
    expect(sniffType(ascii("Gewoon een notitie.\n"), "notitie.csv")).toEqual(refused("mismatch"));
  });

  it("accepts a multi-byte character cut off at the end of the head", () => {
    const text = ascii(`${"Een regel tekst.\n".repeat(100)}één`);
    expect(sniffType(text.subarray(0, text.length - 1), "notitie.txt")).toEqual(accepted("txt"));
  });

  it("refuses UTF-16 and text full of control characters", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...ascii("Notitie")].flatMap((c) => [c, 0])]);
    expect(sniffType(utf16, "notitie.txt")).toEqual(refused("not_allowed"));
    const controls = ascii("Tekst\u0001\u0002\u0003\u0004 met stuurtekens\u0005\u0006\u0007\u0008\n");
    expect(sniffType(controls, "notitie.txt")).toEqual(refused("not_allowed"));
  });

  it("accepts an e-mail as .eml, and lets it stay plain text as .txt", () => {
    expect(sniffType(EML, "antwoord.eml")).toEqual(accepted("eml"));
    expect(sniffType(EML, "antwoord.txt")).toEqual(accepted("txt"));
    expect(sniffType(EML, "antwoord.pdf")).toEqual(refused("mismatch"));
    expect(sniffType(EML, "antwoord.msg")).toEqual(refused("mismatch"));
    expect(
      sniffType(concat(ascii("From klachten@amsterdam.nl Tue Mar  4 10:12:00 2025\n"), EML), "antwoord.eml"),
    ).toEqual(accepted("eml"));
    expect(sniffType(ascii("Beste gemeente,\nFrom: mij\nTo: jou\n"), "brief.eml")).toEqual(refused("mismatch"));
    expect(sniffType(ascii("Subject: alleen een onderwerp\n\nTekst\n"), "brief.eml")).toEqual(refused("mismatch"));
  });

  it("accepts an e-mail whose body is HTML: as message/rfc822 it is only ever downloaded", () => {
    const htmlMail = ascii(
      'From: a@example.nl\r\nTo: b@example.nl\r\nSubject: Besluit\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset="utf-8"\r\n\r\n<html><body><p>Besluit</p></body></html>\r\n',
    );
    expect(sniffType(htmlMail, "besluit.eml")).toEqual(accepted("eml"));
  });
});

describe("sniffType: refusals", () => {
  it("refuses an empty file", () => {
    expect(sniffType(new Uint8Array(0), "leeg.pdf")).toEqual(refused("empty"));
  });

  it("refuses executables whatever their name", () => {
    expect(sniffType(fixture("programma.exe"), "antwoord.pdf")).toEqual(refused("executable"));
    const pe = new Uint8Array(256);
    pe.set(ascii("MZ"));
    new DataView(pe.buffer).setUint32(0x3c, 0x80, true);
    pe.set(ascii("PE\0\0"), 0x80);
    expect(sniffType(pe, "brief.docx")).toEqual(refused("executable"));
    expect(sniffType(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), "foto.jpg")).toEqual(refused("executable"));
    expect(sniffType(new Uint8Array([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), "brief.pdf")).toEqual(refused("executable"));
    expect(sniffType(new Uint8Array([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]), "brief.pdf")).toEqual(refused("executable"));
    expect(sniffType(ascii("#!/bin/sh\nrm -rf ~\n"), "notitie.txt")).toEqual(refused("executable"));
  });

  it("refuses HTML under any name", () => {
    expect(sniffType(HTML, "brief.pdf")).toEqual(refused("html"));
    expect(sniffType(HTML, "brief.txt")).toEqual(refused("html"));
    expect(sniffType(HTML, "brief.eml")).toEqual(refused("html"));
    expect(sniffType(ascii("\uFEFF\n\n  <HTML><BODY>Hallo</BODY></HTML>"), "brief.txt")).toEqual(refused("html"));
    expect(sniffType(ascii("<p>Geachte heer,</p>"), "brief.txt")).toEqual(refused("html"));
    expect(
      sniffType(ascii(`Notitie\n${"x".repeat(500)}\n<script src="https://evil.example/x.js"></script>`), "brief.txt"),
    ).toEqual(refused("html"));
    // HTML hidden in the junk a PDF may start with.
    expect(sniffType(concat(ascii("<html><script>alert(1)</script>"), TINY_PDF), "brief.pdf")).toEqual(refused("html"));
  });

  it("lets a text that only mentions a tag past the first KiB through", () => {
    const text = ascii(`${"Een lange notitie. ".repeat(80)}\nZie <html> in de bron.\n`);
    expect(sniffType(text, "notitie.txt")).toEqual(accepted("txt"));
  });

  it("refuses SVG, with or without a prolog, and other XML", () => {
    expect(sniffType(SVG, "tekening.txt")).toEqual(refused("svg"));
    expect(sniffType(SVG, "tekening.png")).toEqual(refused("svg"));
    expect(sniffType(SVG_WITH_PROLOG, "tekening.txt")).toEqual(refused("svg"));
    expect(sniffType(XML, "brief.txt")).toEqual(refused("not_allowed"));
    expect(sniffType(XML, "brief.docx")).toEqual(refused("not_allowed"));
  });

  it("refuses binary formats that are not on the list", () => {
    const gif = concat(
      ascii("GIF89a"),
      new Uint8Array([1, 0, 1, 0, 0x80, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0, 0x21, 0xf9, 4, 1, 0, 0, 0, 0, 0x2c]),
    );
    expect(sniffType(gif, "foto.gif")).toEqual(refused("not_allowed"));
    expect(sniffType(gif, "foto.jpg")).toEqual(refused("not_allowed"));
    const rar = concat(
      ascii("Rar!"),
      new Uint8Array([0x1a, 0x07, 0x01, 0x00, 0x33, 0x92, 0xb5, 0xe5, 0x0a, 0x01, 0x05, 0x06, 0x00]),
    );
    expect(sniffType(rar, "brief.pdf")).toEqual(refused("not_allowed"));
  });

  it("refuses an allowed type under a name of another family", () => {
    expect(sniffType(TINY_PDF, "antwoord.txt")).toEqual(refused("mismatch"));
    expect(sniffType(TINY_PDF, "antwoord.docx")).toEqual(refused("mismatch"));
    expect(sniffType(TINY_PDF, "antwoord")).toEqual(refused("mismatch"));
    expect(sniffType(PNG, "foto.pdf")).toEqual(refused("mismatch"));
    expect(sniffType(HEIC, "foto.txt")).toEqual(refused("mismatch"));
    expect(sniffType(JPEG, "foto.gif")).toEqual(refused("mismatch"));
  });
});

describe("sniffType: the kind table", () => {
  it("gives every kind's extensions the kind's content type in the upload policy", () => {
    for (const t of Object.values(SNIFF_TYPES)) {
      for (const ext of t.extensions) expect(allowedTypeFor(`bestand.${ext}`)).toBe(t.contentType);
    }
  });
});

describe("sniffType: properties", () => {
  const names = fc.constantFrom(
    ...ALLOWED_TYPES.flatMap((t) => t.extensions.map((e) => `bestand.${e}`)),
    "bestand",
    "bestand.exe",
    "BESTAND.PDF",
    "map/bestand.txt",
  );

  it("never throws, and an accepted file agrees with its name and kind", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), names, (bytes, name) => {
        const r = sniffType(bytes, name);
        if (!r.ok) return;
        expect(r.contentType).toBe(SNIFF_TYPES[r.kind].contentType);
        const ext = name.toLowerCase().split(".").pop() ?? "";
        const images = ["jpg", "jpeg", "png", "heic", "heif"];
        expect(
          SNIFF_TYPES[r.kind].extensions.includes(ext) ||
            (["jpeg", "png", "heic"].includes(r.kind) && images.includes(ext)),
        ).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("never takes bytes with a NUL in them for text or mail", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2048 }),
        fc.nat(),
        fc.constantFrom("a.txt", "a.eml"),
        (bytes, at, name) => {
          const withNul = new Uint8Array(bytes.length + 1);
          const pos = at % withNul.length;
          withNul.set(bytes.subarray(0, pos));
          withNul.set(bytes.subarray(pos), pos + 1);
          const r = sniffType(withNul, name);
          expect(r.ok && (r.kind === "txt" || r.kind === "eml")).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never crashes on truncated or corrupted versions of the real fixtures", () => {
    const samples = [TINY_PDF, PNG, JPEG, HEIC, DOCX, ODT, WORD_97, OUTLOOK_MSG, MSI, EML];
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (sample, cut, flips) => {
          const bytes = sample.slice(0, (cut % sample.length) + 1);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          expect(() => sniffType(bytes, "bestand.doc")).not.toThrow();
          expect(() => sniffType(bytes, "bestand.docx")).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
  });
});
