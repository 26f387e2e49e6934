import { describe, expect, it } from "vitest";
import { caseFileEntryNames } from "./case-file-names";

describe("caseFileEntryNames", () => {
  it("numbers a repeated name, also one that differs only in case, and keeps the first as it is", () => {
    expect(caseFileEntryNames(["brief.pdf", "Brief.PDF", "foto.jpg", "brief.pdf"])).toEqual([
      "brief.pdf",
      "Brief (2).PDF",
      "foto.jpg",
      "brief (3).pdf",
    ]);
  });

  it("never gives a name that another file already has, numbered or not", () => {
    const names = caseFileEntryNames(["a.pdf", "a (2).pdf", "a.pdf", "a (2).pdf"]);
    expect(names).toEqual(["a.pdf", "a (2).pdf", "a (3).pdf", "a (2) (2).pdf"]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it("takes no folders, overrides or names Windows refuses into the ZIP", () => {
    expect(caseFileEntryNames(["../../etc/passwd", "C:\\Users\\x\\scan.pdf", "factuur\u202Efdp.exe"])).toEqual([
      "passwd",
      "scan.pdf",
      "factuurfdp.exe",
    ]);
    expect(caseFileEntryNames(["con.pdf", "LPT1", "verslag.", "..", "  "])).toEqual([
      "_con.pdf",
      "_LPT1",
      "verslag",
      "bestand",
      "bestand (2)",
    ]);
  });

  it("treats a composed and a decomposed accent as the same name", () => {
    expect(caseFileEntryNames(["e\u0301e\u0301n.pdf", "\u00e9\u00e9n.pdf"])).toEqual(["één.pdf", "één (2).pdf"]);
  });
});
