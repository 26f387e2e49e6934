import type { MetaDescriptor } from "@remix-run/node";
import type { Messages } from "#app/i18n/i18n";

type Match = { id: string; data: unknown };

/** The root data's messages from a meta function's matches (undefined if the root loader failed). */
export function rootMessages(matches: readonly Match[]): Messages | undefined {
  const root = matches.find((m) => m.id === "root")?.data as { messages?: Messages } | undefined;
  return root?.messages;
}

/** "<page> - Ombudsman Metropool Amsterdam", the page title pattern of NL government sites. */
export function pageMeta(matches: readonly Match[], pick: (t: Messages) => string, prefix?: string): MetaDescriptor[] {
  const t = rootMessages(matches);
  if (!t) return [{ title: "Ombudsman Metropool Amsterdam" }];
  return [{ title: `${prefix ?? ""}${pick(t)} - ${t.meta.titleSuffix}` }];
}
