import { describe, expect, it } from "vitest";
import { MUNICIPALITIES } from "./reference-data";

describe("the municipalities' exit pages", () => {
  it.each(MUNICIPALITIES)("$name has its own page on its own domain for each exit, none its home page", (m) => {
    const home = new URL(m.website);
    const pages = [m.complaintsUrl, m.objectionUrl, m.publicSpaceReportUrl, m.damagesUrl].map((u) => new URL(u));
    for (const page of pages) {
      expect(page.protocol).toBe("https:");
      expect(page.host).toBe(home.host);
      expect(page.pathname.replace(/\/$/, "")).not.toBe("");
    }
    expect(new Set(pages.map(String)).size).toBe(pages.length);
  });
});
