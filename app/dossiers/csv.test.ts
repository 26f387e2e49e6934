import { describe, expect, it } from "vitest";
import { CSV_BOM, csvField, csvLine } from "./csv";

describe("csvField", () => {
  it("leaves plain values as they are", () => {
    expect(csvField("OMA-2026-00042")).toBe("OMA-2026-00042");
    expect(csvField("Fatima el Amrani")).toBe("Fatima el Amrani");
    expect(csvField("Ouder-Amstel")).toBe("Ouder-Amstel");
    expect(csvField("2026-05-04")).toBe("2026-05-04");
  });

  it("writes nothing for a missing value", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField("")).toBe("");
  });

  it("quotes a value with a separator, a quote or a line break, doubling the quotes", () => {
    expect(csvField("Jansen; Anna")).toBe('"Jansen; Anna"');
    expect(csvField("Jansen, Anna")).toBe('"Jansen, Anna"');
    expect(csvField('Anna "Ans" Jansen')).toBe('"Anna ""Ans"" Jansen"');
    expect(csvField("regel 1\nregel 2")).toBe('"regel 1\nregel 2"');
    expect(csvField("regel 1\r\nregel 2")).toBe('"regel 1\r\nregel 2"');
  });

  it("neutralises every value a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://evil.test")')).toBe('"\'=HYPERLINK(""http://evil.test"")"');
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+31 6 12345678")).toBe("'+31 6 12345678");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField("\r=1")).toBe('"\'\r=1"');
    // Only the first character counts: a hyphen inside a name is no formula.
    expect(csvField("van der Berg-=")).toBe("van der Berg-=");
  });
});

describe("csvLine", () => {
  it("joins fields with semicolons and ends the record with CRLF", () => {
    expect(csvLine(["a", null, "b;c", "=x"])).toBe('a;;"b;c";\'=x\r\n');
  });

  it("has a byte order mark that encodes as EF BB BF", () => {
    expect([...new TextEncoder().encode(CSV_BOM)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
