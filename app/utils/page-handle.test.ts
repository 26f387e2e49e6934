import { describe, expect, it } from "vitest";
import { pageMessages, SHELL_SECTIONS } from "#app/i18n/catalogue.server";
import { hydratesWith, sectionsForHandles } from "./page-handle";

describe("a page's catalogue sections", () => {
  it("are those its routes name", () => {
    expect(sectionsForHandles([undefined, { i18n: ["intake"] }])).toEqual(["intake"]);
    expect(sectionsForHandles([{ i18n: ["login"] }, { i18n: ["account", "login"] }])).toEqual(["login", "account"]);
  });

  it("are all sections when the deepest route names none (the back office's dossier page, say)", () => {
    expect(sectionsForHandles([undefined, undefined])).toBe("all");
    expect(sectionsForHandles([undefined, { hydrate: false }])).toBe("all");
    expect(sectionsForHandles([undefined])).toBe("all");
  });

  it("reach the browser with the shell's sections and nothing else", () => {
    const messages = pageMessages("en", ["start"]);
    expect(Object.keys(messages).sort()).toEqual([...SHELL_SECTIONS, "start"].sort());
    expect(messages.start.startButton).toBe("Start your complaint");
    expect(Object.keys(pageMessages("nl", "all"))).toContain("casework");
  });

  it("hold only the part of a section a step asks for, with the section's plain strings and shared parts", () => {
    const intake = pageMessages("nl", ["intake.topic"]).intake;
    expect(intake.topic.title).toBeTruthy();
    expect(intake.continue).toBe("Verder");
    expect(intake.date.day).toBe("Dag");
    expect(intake.sections.check).toBeTruthy();
    expect(intake).not.toHaveProperty("review");
    expect(intake).not.toHaveProperty("exits");
    const both = pageMessages("nl", ["intake.topic", "intake"]).intake;
    expect(both).toHaveProperty("review");
  });
});

describe("scripts on a page", () => {
  it("are left out only when a matched route says hydrate: false", () => {
    expect(hydratesWith([undefined, { i18n: ["intake"] }])).toBe(true);
    expect(hydratesWith([undefined, { i18n: ["start"], hydrate: false }])).toBe(false);
  });
});
