import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./session.server";

const HOME = "/behandelaar";

// Each would take a browser to another site (or to a script) if it were sent as the Location.
const BYPASSES: unknown[] = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/\t/evil.example", // terug=%2F%09%2Fevil.example
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\t\\evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/./\\evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "//evil.example@redirect.invalid/",
  "https://evil.example/behandelaar",
  "http:evil.example",
  "javascript:alert(1)",
  "evil.example",
  " //evil.example",
  "\t//evil.example",
  "",
  undefined,
  null,
  42,
  ["/behandelaar"],
];

const LEGITIMATE = [
  "/",
  "/behandelaar",
  "/behandelaar/dossiers/OMA-2026-00012?tab=tijdlijn#notitie-3",
  "/gemeente?pagina=2&sorteer=termijn",
  "/inloggen?terug=%2Fbehandelaar",
  "/behandelaar?q=de%20Vries",
  "/klacht/gegevens#email",
  "/behandelaar/dossiers/OMA-2026-00012/bijlagen/7f0c?download=1",
];

describe("where a sign-in link may send someone", () => {
  it.each(BYPASSES.map((value) => [JSON.stringify(value), value]))("falls back for %s", (_, value) => {
    expect(safeRedirectPath(value, HOME)).toBe(HOME);
  });

  it.each(LEGITIMATE)("keeps %s, query and fragment included", (path) => {
    expect(safeRedirectPath(path, HOME)).toBe(path);
  });

  it("sends the normalised form of a same-site path, never the raw text", () => {
    expect(safeRedirectPath("/behandelaar/./dossiers/../overzicht", HOME)).toBe("/behandelaar/overzicht");
    expect(safeRedirectPath("/behandel\taar", HOME)).toBe("/behandelaar");
    expect(safeRedirectPath("/gemeente?naam=a b", HOME)).toBe("/gemeente?naam=a%20b");
  });
});
