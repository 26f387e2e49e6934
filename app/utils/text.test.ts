import { describe, expect, it } from "vitest";
import {
  displayFileName,
  hasControlChars,
  stripBidiControls,
  stripControlChars,
  stripControlCharsDeep,
  stripControlCharsFromUrlencoded,
} from "./text";

describe("control characters in text", () => {
  it("removes NUL, the other C0 controls, DEL and C1, and keeps tab, line feed and carriage return", () => {
    expect(stripControlChars("a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg")).toBe("abcdefg");
    expect(stripControlChars("regel 1\r\nregel 2\tklaar")).toBe("regel 1\r\nregel 2\tklaar");
    expect(hasControlChars("gewone tekst, met é en €")).toBe(false);
    expect(hasControlChars("\u0000")).toBe(true);
  });

  it("cleans every string of a JSON value, names included", () => {
    expect(
      stripControlCharsDeep({ "na\u0000me": "x\u0000.pdf", size: 3, list: ["\u0001a"], nested: { ok: true } }),
    ).toEqual({
      name: "x.pdf",
      size: 3,
      list: ["a"],
      nested: { ok: true },
    });
  });

  it("cleans an urlencoded string, and leaves one without control characters exactly as it was", () => {
    expect(stripControlCharsFromUrlencoded("zoek=ab%00c&pagina=2")).toBe("zoek=abc&pagina=2");
    expect(stripControlCharsFromUrlencoded("na%07me=Fatima%C2%9B+el+Amrani")).toBe("name=Fatima+el+Amrani");
    expect(stripControlCharsFromUrlencoded("index&_routes=routes%2Froot&a=%20b~")).toBe(
      "index&_routes=routes%2Froot&a=%20b~",
    );
  });
});

describe("bidirectional overrides in file names", () => {
  it("removes embeddings, overrides and isolates, which make 'factuur\\u202Efdp.exe' read as a PDF", () => {
    expect(stripBidiControls("factuur\u202Efdp.exe")).toBe("factuurfdp.exe");
    expect(stripBidiControls("\u202A\u202B\u202C\u202D\u202Ea\u2066\u2067\u2068\u2069b")).toBe("ab");
    expect(stripBidiControls("بيان.pdf")).toBe("بيان.pdf");
  });

  it("shows a stored name without overrides or control characters", () => {
    expect(displayFileName("brief\u2067fdp.exe\u2069\u0000.pdf")).toBe("brieffdp.exe.pdf");
  });
});
