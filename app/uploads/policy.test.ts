import { describe, expect, it } from "vitest";
import { ACCEPT_ATTRIBUTE, allowedTypeFor, cleanFileName } from "./policy";

describe("cleanFileName", () => {
  it("keeps only the last path segment of a name from Windows or Unix", () => {
    expect(cleanFileName("C:\\Users\\fatima\\Antwoord gemeente.pdf")).toBe("Antwoord gemeente.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
  });

  it("removes bidirectional overrides, so a name cannot read as another type", () => {
    expect(cleanFileName("factuur\u202Efdp.exe")).toBe("factuurfdp.exe");
  });

  it("replaces control and reserved characters, and names a nameless file", () => {
    expect(cleanFileName('a\u0000b"c<d>.pdf')).toBe("a_b_c_d_.pdf");
    expect(cleanFileName("  ")).toBe("bestand");
    expect(cleanFileName("dir/")).toBe("bestand");
  });

  it("keeps at most 200 characters, the extension among them", () => {
    const name = cleanFileName(`${"x".repeat(300)}.pdf`);
    expect(name).toHaveLength(200);
    expect(name.endsWith(".pdf")).toBe(true);
  });
});

describe("the type policy", () => {
  it("accepts documents and images by their extension, whatever the case, and nothing else", () => {
    expect(allowedTypeFor("Brief.PDF")).toBe("application/pdf");
    expect(allowedTypeFor("foto.heif")).toBe("image/heic");
    expect(allowedTypeFor("mail.msg")).toBe("application/vnd.ms-outlook");
    for (const name of ["programma.exe", "pagina.html", "tekening.svg", "bestand"])
      expect(allowedTypeFor(name)).toBeNull();
  });

  it("offers the browser the same extensions", () => {
    expect(ACCEPT_ATTRIBUTE.split(",")).toEqual(
      expect.arrayContaining([
        ".pdf",
        ".jpg",
        ".jpeg",
        ".png",
        ".heic",
        ".doc",
        ".docx",
        ".odt",
        ".txt",
        ".eml",
        ".msg",
      ]),
    );
    expect(ACCEPT_ATTRIBUTE).not.toMatch(/\.(exe|html|svg)\b/);
  });
});
