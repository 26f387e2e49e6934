import type { SectionRequest } from "#app/i18n/catalogue.server";

/**
 * What a route module's `handle` says about its page (read by the root route and app/http/page-sections.server.ts):
 *  - `i18n`: the catalogue sections its components use, beyond the shell's (SHELL_SECTIONS), each whole ("intake") or
 *    one part of it ("intake.topic": with the section's plain strings and shared parts). The page is sent what every
 *    matched route names; a deepest route without `i18n` gets the whole catalogue.
 *  - `hydrate: false`: the page needs no JavaScript; the server sends no scripts with it (links and forms are plain).
 */
export type PageHandle = {
  i18n?: readonly SectionRequest[];
  hydrate?: false;
};

/** The sections a page with these matched routes' handles (root first) needs; "all" when its deepest route names none. */
export function sectionsForHandles(handles: readonly unknown[]): readonly SectionRequest[] | "all" {
  const leaf = handles.at(-1) as PageHandle | undefined;
  if (handles.length < 2 || !leaf?.i18n) return "all";
  return [...new Set(handles.flatMap((h) => (h as PageHandle | undefined)?.i18n ?? []))];
}

/** Whether a page with these matched routes' handles gets scripts: not when any of them says `hydrate: false`. */
export function hydratesWith(handles: readonly unknown[]): boolean {
  return !handles.some((h) => (h as PageHandle | undefined)?.hydrate === false);
}
