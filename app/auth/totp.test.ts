import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  formatSecret,
  generateSecret,
  otpauthQrDataUri,
  otpauthUri,
  totpCode,
  totpStep,
  verifyTotp,
} from "./totp.server";

// RFC 6238 appendix B: the SHA1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890", "ascii"));
const RFC_VECTORS: [seconds: number, eightDigits: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("base32 (RFC 4648)", () => {
  it("encodes the RFC 4648 test vectors without padding", () => {
    const vectors: [string, string][] = [
      ["", ""],
      ["f", "MY"],
      ["fo", "MZXQ"],
      ["foo", "MZXW6"],
      ["foob", "MZXW6YQ"],
      ["fooba", "MZXW6YTB"],
      ["foobar", "MZXW6YTBOI"],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      if (plain) expect(base32Decode(encoded)?.toString()).toBe(plain);
    }
    expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  });

  it("decodes lower case, spaces and padding, and refuses other characters", () => {
    expect(base32Decode("mzxw 6ytb oi======")?.toString()).toBe("foobar");
    expect(base32Decode("MZXW1")).toBeNull();
    expect(base32Decode("")).toBeNull();
  });

  it("generates 20-byte secrets that differ each time", () => {
    const a = generateSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(generateSecret()).not.toBe(a);
  });

  it("shows a secret in groups of four", () => {
    expect(formatSecret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).toBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
    expect(formatSecret("ABCDEF")).toBe("ABCD EF");
  });
});

describe("TOTP codes (RFC 6238, SHA1)", () => {
  it.each(RFC_VECTORS)("at %i s gives %s (8 digits) and its last 6 digits", (seconds, eight) => {
    const step = totpStep(seconds * 1000);
    expect(totpCode(RFC_SECRET, step, 8)).toBe(eight);
    expect(totpCode(RFC_SECRET, step)).toBe(eight.slice(2));
    expect(verifyTotp(RFC_SECRET, eight.slice(2), { now: seconds * 1000 })).toBe(step);
  });

  it("accepts a code one step early or late and refuses two steps off", () => {
    const now = 1111111111 * 1000;
    const step = totpStep(now);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), { now })).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), { now })).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 2), { now })).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 2), { now })).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), { now, window: 0 })).toBeNull();
  });

  it("counts the step from the start of each 30-second period", () => {
    // 1111111109 is the last second before a step boundary in the RFC table: 29 s and 30 s apart.
    expect(totpStep(1111111110 * 1000) - totpStep(1111111109 * 1000)).toBe(1);
    expect(totpStep(1111111080 * 1000)).toBe(totpStep(1111111109 * 1000));
  });

  it("refuses a code for a step that was already used, or an earlier one", () => {
    const now = 1234567890 * 1000;
    const step = totpStep(now);
    const code = totpCode(RFC_SECRET, step);
    expect(verifyTotp(RFC_SECRET, code, { now, lastStep: step - 1 })).toBe(step);
    expect(verifyTotp(RFC_SECRET, code, { now, lastStep: step })).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), { now, lastStep: step })).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), { now, lastStep: step })).toBe(step + 1);
  });

  it("tolerates spaces in a code, as apps show it", () => {
    const now = 59_000;
    expect(verifyTotp(RFC_SECRET, " 287 082 ", { now })).toBe(totpStep(now));
  });

  it("refuses malformed codes and secrets", () => {
    const now = 59_000;
    for (const bad of ["", "28708", "2870822", "287o82", "28708a", "287-082", "94287082"]) {
      expect(verifyTotp(RFC_SECRET, bad, { now }), bad).toBeNull();
    }
    expect(verifyTotp("not base32!", "287082", { now })).toBeNull();
    expect(verifyTotp(RFC_SECRET, "000000", { now })).toBeNull();
  });
});

describe("otpauth link", () => {
  it("names the issuer and account and carries the settings apps need", () => {
    const uri = otpauthUri({
      secret: RFC_SECRET,
      account: "karim@ombudsman.localhost",
      issuer: "Ombudsman Metropool Amsterdam",
    });
    expect(uri).toBe(
      "otpauth://totp/Ombudsman%20Metropool%20Amsterdam:karim%40ombudsman.localhost" +
        `?secret=${RFC_SECRET}&issuer=Ombudsman%20Metropool%20Amsterdam&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it("renders as an SVG QR code in a data URI", async () => {
    const dataUri = await otpauthQrDataUri(otpauthUri({ secret: RFC_SECRET, account: "a@b.test" }));
    expect(dataUri).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(dataUri.split(",")[1]!, "base64").toString();
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});
