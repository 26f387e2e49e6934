import type { MetaDescriptor } from "@remix-run/node";
import type { Messages } from "#app/i18n/i18n";

type Match = { id: string; data: unknown };

/** The root data's messages from a meta function's matches (undefined if the root loader failed). */
export function rootMessages(matches: readonly Match[]): Messages | undefined {
  const root = matches.find((m) => m.id === "root")?.data as { messages?: Messages } | undefined;
  return root?.messages;
}

/**
 * Set on the root data that meta functions see (not on the loader's own data) when the page shows
 * form errors: see `PageMeta` in app/root.tsx.
 */
export const SHOWS_ERRORS = "showsFormErrors";

/** Whether a route's data carries form errors to show (`errors` with at least one entry). */
export function carriesErrors(data: unknown): boolean {
  if (typeof data !== "object" || data === null || !("errors" in data)) return false;
  const errors = (data as { errors: unknown }).errors;
  return typeof errors === "object" && errors !== null && Object.keys(errors).length > 0;
}

/**
 * "<page> - Ombudsman Metropool Amsterdam", the page title pattern of NL government sites; "Fout: "
 * before it when the page shows errors, so a screen reader user hears it at once (GOV.UK pattern).
 */
export function pageMeta(matches: readonly Match[], pick: (t: Messages) => string, prefix?: string): MetaDescriptor[] {
  const t = rootMessages(matches);
  if (!t) return [{ title: "Ombudsman Metropool Amsterdam" }];
  const root = matches.find((m) => m.id === "root")?.data as Record<string, unknown> | undefined;
  const error = root?.[SHOWS_ERRORS] === true ? t.form.errorTitlePrefix : "";
  return [{ title: `${error}${prefix ?? ""}${pick(t)} - ${t.meta.titleSuffix}` }];
}
