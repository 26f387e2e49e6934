import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { PURGED_CSS, purge, purgedUtrechtCss, usedClasses } from "./purge-css";

describe("the purged Utrecht CSS", () => {
  it("is up to date with the classes the app uses (run `tsx app/styles/purge-css.ts`, which `npm run build` does)", () => {
    expect(fs.readFileSync(PURGED_CSS, "utf8") === purgedUtrechtCss()).toBe(true);
  });

  it("keeps what the markup uses and drops the rest", () => {
    const css = [
      ":root { --x: 1; }",
      ".utrecht-button { color: red; }",
      ".utrecht-button:not(.utrecht-unused) { color: blue; }",
      ".utrecht-accordion, .utrecht-button:hover { color: green; }",
      ".utrecht-accordion__section { color: black; }",
      ".utrecht-heading-2 { font-size: 2rem; }",
      "@media (min-width: 40em) { .utrecht-accordion { gap: 1rem; } }",
      "@media print { .utrecht-button { display: none; } }",
    ].join("\n");
    const out = purge(css, { exact: new Set(["utrecht-button"]), prefixes: ["utrecht-heading-"] });
    expect(out).toContain(":root");
    expect(out).toContain(".utrecht-button { color: red; }");
    expect(out).toContain(".utrecht-button:not(.utrecht-unused)");
    expect(out).toContain(".utrecht-button:hover { color: green; }");
    expect(out).toContain(".utrecht-heading-2");
    expect(out).toContain("@media print");
    expect(out).not.toContain("accordion");
    expect(out).not.toContain("min-width: 40em");
  });

  it("counts classes built with a template as prefixes", () => {
    const used = usedClasses();
    expect(used.exact.has("utrecht-button")).toBe(true);
    expect(used.prefixes).toContain("utrecht-heading-");
  });
});
