import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_FILE_NAME_LENGTH,
  contentDisposition,
  downloadContentType,
  formatFileSize,
  safeFileName,
} from "./download";

describe("downloadContentType", () => {
  it("keeps a stored type that is on the safe list, without parameters", () => {
    expect(downloadContentType("application/pdf", "antwoord.pdf")).toBe("application/pdf");
    expect(downloadContentType("Image/JPEG", "foto.jpg")).toBe("image/jpeg");
    expect(downloadContentType("image/jpg", "foto.jpg")).toBe("image/jpeg");
    expect(downloadContentType("text/plain; charset=utf-8", "notitie.txt")).toBe("text/plain");
  });

  it("serves HTML, SVG, XML and anything unknown as bytes", () => {
    for (const type of [
      "text/html",
      "text/html; charset=utf-8",
      "application/xhtml+xml",
      "image/svg+xml",
      "application/xml",
      "text/xml",
      "application/javascript",
      "application/x-msdownload",
      "",
      "not a type",
    ]) {
      expect(downloadContentType(type, "bestand"), type).toBe("application/octet-stream");
    }
  });

  it("serves a file whose name makes it a web page as bytes, whatever type was stored", () => {
    expect(downloadContentType("text/plain", "brief.html")).toBe("application/octet-stream");
    expect(downloadContentType("image/png", "plaatje.SVG")).toBe("application/octet-stream");
    expect(downloadContentType("application/pdf", "x.pdf\u0000.htm")).toBe("application/octet-stream");
  });
});

describe("safeFileName", () => {
  it("keeps an ordinary name as it is", () => {
    expect(safeFileName("Antwoord gemeente 12-03-2026.pdf")).toBe("Antwoord gemeente 12-03-2026.pdf");
    expect(safeFileName("Klacht über Zaanstad.pdf")).toBe("Klacht über Zaanstad.pdf");
  });

  it("drops folders from the name", () => {
    expect(safeFileName("C:\\fakepath\\brief.pdf")).toBe("brief.pdf");
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("map/")).toBe("map");
  });

  it("removes control characters, invisible direction marks and quotes", () => {
    expect(safeFileName('a\r\nSet-Cookie: x=1"b.pdf')).toBe("aSet-Cookie: x=1b.pdf");
    expect(safeFileName("factuur\u202Efdp.exe")).toBe("factuurfdp.exe");
    expect(safeFileName('O\'Brien "brief".pdf')).toBe("OBrien brief.pdf");
  });

  it("gives a name when nothing usable is left", () => {
    expect(safeFileName("")).toBe("bijlage");
    expect(safeFileName("..")).toBe("bijlage");
    expect(safeFileName("/\\/")).toBe("bijlage");
    expect(safeFileName("\u0000\u0007")).toBe("bijlage");
  });

  it("shortens a long name and keeps its extension", () => {
    const long = `${"é".repeat(300)}.docx`;
    const short = safeFileName(long);
    expect([...short]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(short.endsWith("é.docx")).toBe(true);
  });

  it("never splits an emoji when shortening", () => {
    const short = safeFileName("😀".repeat(200));
    expect(short).toBe("😀".repeat(MAX_FILE_NAME_LENGTH));
  });
});

describe("contentDisposition", () => {
  it("offers the file as a download with an ASCII name and the exact UTF-8 name", () => {
    expect(contentDisposition("Klacht über Zaanstad – brief (1).pdf")).toBe(
      "attachment; filename=\"Klacht uber Zaanstad _ brief (1).pdf\"; filename*=UTF-8''Klacht%20%C3%BCber%20Zaanstad%20%E2%80%93%20brief%20%281%29.pdf",
    );
  });

  it("always makes a header value that a browser reads as one attachment", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (name) => {
        const value = contentDisposition(name);
        expect(() => new Headers({ "Content-Disposition": value })).not.toThrow();
        expect(value).toMatch(
          /^attachment; filename="[\x20\x21\x23-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/,
        );
        const encoded = value.split("filename*=UTF-8''")[1] ?? "";
        expect(decodeURIComponent(encoded)).toBe(safeFileName(name));
      }),
    );
  });

  it("copes with broken UTF-16 in a name", () => {
    expect(contentDisposition("a\uD800b.pdf")).toBe("attachment; filename=\"ab.pdf\"; filename*=UTF-8''ab.pdf");
  });
});

describe("formatFileSize", () => {
  it("shows kilobytes below a megabyte and megabytes with one decimal above", () => {
    expect(formatFileSize(0, "nl")).toBe("0 KB");
    expect(formatFileSize(200, "nl")).toBe("1 KB");
    expect(formatFileSize(340 * 1024, "nl")).toBe("340 KB");
    expect(formatFileSize(2.44 * 1024 * 1024, "nl")).toBe("2,4 MB");
    expect(formatFileSize(2.44 * 1024 * 1024, "en")).toBe("2.4 MB");
    expect(formatFileSize(10 * 1024 * 1024, "en")).toBe("10 MB");
  });
});
