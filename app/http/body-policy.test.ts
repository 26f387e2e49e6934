import { describe, expect, it } from "vitest";
import { bodyLimitsFor, bodyPolicyFor, limitFor, mediaTypeOf, routePath } from "./body-policy";

const MB = 1024 * 1024;
const limits = bodyLimitsFor({ maxFileBytes: 25 * MB, maxTotalBytes: 100 * MB });
const limit = (method: string, path: string, contentType: string | null) =>
  limitFor(bodyPolicyFor(method, path, limits), mediaTypeOf(contentType));

describe("request bodies per route kind", () => {
  it("takes a few tens of KB of urlencoded form on the resident's steps and the sign-in, more in the back office", () => {
    expect(limit("POST", "/inloggen", "application/x-www-form-urlencoded")).toBe(64 * 1024);
    expect(limit("POST", "/klacht/uw-klacht", "application/x-www-form-urlencoded; charset=UTF-8")).toBe(64 * 1024);
    expect(limit("POST", "/behandelaar/nieuw", "application/x-www-form-urlencoded")).toBe(256 * 1024);
    expect(limit("POST", "/behandelaar/dossiers/OMA-2026-00001", "application/x-www-form-urlencoded")).toBe(256 * 1024);
  });

  it("takes multipart only where files are uploaded: what a draft may hold, one staff document, or a municipality's answer", () => {
    expect(limit("POST", "/klacht/bijlagen", "multipart/form-data; boundary=x")).toBe(100 * MB + 64 * 1024);
    expect(limit("POST", "/klacht/machtiging", "multipart/form-data; boundary=x")).toBe(100 * MB + 64 * 1024);
    expect(limit("POST", "/behandelaar/dossiers/OMA-2026-00001", "multipart/form-data; boundary=x")).toBe(
      25 * MB + 64 * 1024,
    );
    const answer = "/gemeente/dossiers/OMA-2026-00001/verzoeken/0b5c3f0e-1d2a-4a57-9d0b-8a2d4e6f7a81";
    expect(limit("POST", answer, "multipart/form-data; boundary=x")).toBe(3 * 25 * MB + 64 * 1024);
    expect(limit("POST", `${answer}.data`, "application/x-www-form-urlencoded")).toBe(256 * 1024);
    expect(limit("POST", "/gemeente/dossiers/OMA-2026-00001", "multipart/form-data; boundary=x")).toBeUndefined();
    expect(limit("POST", "/inloggen", "multipart/form-data; boundary=x")).toBeUndefined();
    // The resident's status page: one document added later, and its small forms.
    expect(limit("POST", "/mijn-klacht/dossier", "multipart/form-data; boundary=x")).toBe(25 * MB + 64 * 1024);
    expect(limit("POST", "/mijn-klacht/dossier", "application/x-www-form-urlencoded")).toBe(64 * 1024);
    expect(limit("POST", "/mijn-klacht", "multipart/form-data; boundary=x")).toBeUndefined();
    expect(limit("POST", "/behandelaar/nieuw", "multipart/form-data; boundary=x")).toBeUndefined();
    // The upload steps read every post as multipart.
    expect(limit("POST", "/klacht/bijlagen", "application/x-www-form-urlencoded")).toBeUndefined();
  });

  it("refuses JSON, text and bodies without a type on pages", () => {
    expect(limit("POST", "/inloggen", "application/json")).toBeUndefined();
    expect(limit("POST", "/klacht/gemeente", "text/plain")).toBeUndefined();
    expect(limit("POST", "/klacht/gemeente", null)).toBeUndefined();
  });

  it("gives the uploader's calls 16 KB of JSON and leaves the local transfer to count its own bytes", () => {
    for (const path of ["/klacht/upload/aanmelden", "/klacht/upload/ondertekenen", "/klacht/upload/4f6c/controleren"]) {
      expect(limit("POST", path, "application/json")).toBe(16 * 1024);
      expect(limit("POST", path, "application/x-www-form-urlencoded")).toBeUndefined();
      expect(bodyPolicyFor("POST", path, limits).answer).toBe("json");
    }
    expect(limit("PUT", "/klacht/upload/4f6c", "application/pdf")).toBeNull();
    expect(limit("PUT", "/klacht/upload/4f6c", null)).toBeNull();
    expect(limit("POST", "/klacht/upload/4f6c", "application/pdf")).toBeUndefined();
  });

  it.each([
    [
      "an officer's for an answer",
      "/gemeente/dossiers/OMA-2026-00001/verzoeken/0b5c3f0e-1d2a-4a57-9d0b-8a2d4e6f7a81/upload",
    ],
    ["a resident's on the status page", "/mijn-klacht/upload"],
  ])("treats %s upload calls as the intake's: JSON, and raw bytes only on the transfer", (_who, base) => {
    for (const path of [
      `${base}/aanmelden`,
      `${base}/ondertekenen`,
      `${base}/4f6c/controleren`,
      `${base}/4f6c/verwijderen`,
    ]) {
      expect(limit("POST", path, "application/json")).toBe(16 * 1024);
      expect(limit("POST", path, "multipart/form-data; boundary=x")).toBeUndefined();
      expect(bodyPolicyFor("POST", path, limits).answer).toBe("json");
    }
    expect(limit("PUT", `${base}/4f6c`, "application/pdf")).toBeNull();
    expect(limit("POST", `${base}/4f6c`, "application/pdf")).toBeUndefined();
    expect(limit("POST", `${base}/4f6c/anders`, "application/json")).toBeUndefined();
  });

  it("matches paths as Remix does: per decoded segment, case-insensitive, single-fetch .data calls included", () => {
    expect(routePath("/Klacht/Bijlagen/")).toBe("/klacht/bijlagen");
    expect(routePath("/klacht/bijlagen.data")).toBe("/klacht/bijlagen");
    expect(routePath("/_root.data")).toBe("/");
    expect(routePath("/klacht%2Fbijlagen")).toBe("/klacht%2fbijlagen");
    expect(routePath("/klacht/bijlag%65n")).toBe("/klacht/bijlagen");
    expect(routePath("/behandelaar/dossiers/OMA%00")).toBe("/behandelaar/dossiers/oma\u0000");
    expect(limit("POST", "/klacht/bijlagen.data", "multipart/form-data; boundary=x")).toBe(100 * MB + 64 * 1024);
  });
});
