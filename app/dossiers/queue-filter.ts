import { z } from "zod";
import type { Status } from "./workflow";

/**
 * The work queue's filter as its URL (a GET form) carries it: the quick views, the facets, the
 * signals, the sortable columns with their first direction, and the page. Pure, so the page's
 * links and headers are built from the same lists the server filters on.
 */

export const QUEUE_VIEWS = [
  "all",
  "mine",
  "overdue",
  "week",
  "unassigned",
  "municipality",
  "municipality_overdue",
  "resident",
  "resident_overdue",
  "resident_new",
  "follow_up",
] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export const QUEUE_STATUSES = [
  "received",
  "intake",
  "intervention",
  "mediation",
  "investigation",
] as const satisfies readonly Status[];
/** The status filter's choices: the open ones, and "closed" (found by a search only). */
export const QUEUE_STATUS_CHOICES = [...QUEUE_STATUSES, "closed"] as const satisfies readonly Status[];

/** What a row may be marked with, and filtered on. */
export const QUEUE_SIGNALS = ["gepauzeerd", "verzoek", "vraag", "nieuw"] as const;
export type QueueSignal = (typeof QUEUE_SIGNALS)[number];

/** The sortable columns, each with the direction it sorts in first. */
export const QUEUE_SORTS = {
  deadline: "op",
  ingediend: "af",
  nummer: "op",
  gemeente: "op",
  status: "op",
} as const satisfies Record<string, SortDirection>;
export type QueueSort = keyof typeof QUEUE_SORTS;
export type SortDirection = "op" | "af";
const SORT_KEYS = Object.keys(QUEUE_SORTS) as [QueueSort, ...QueueSort[]];

/** The queue's URL (GET form) as a filter; anything unknown falls back to the default view. */
export const QueueFilterSchema = z
  .object({
    weergave: z.enum(QUEUE_VIEWS).catch("all"),
    status: z.enum(QUEUE_STATUS_CHOICES).optional().catch(undefined),
    signaal: z.enum(QUEUE_SIGNALS).optional().catch(undefined),
    gemeente: z.string().max(40).optional().catch(undefined),
    behandelaar: z.string().uuid().optional().catch(undefined),
    zoek: z.string().trim().max(100).optional().catch(undefined),
    // "nieuwste": the older links' name for newest first.
    sorteer: z.enum([...SORT_KEYS, "nieuwste"]).catch("deadline"),
    richting: z.enum(["op", "af"]).optional().catch(undefined),
    pagina: z.coerce.number().int().min(1).max(10_000).catch(1),
  })
  .transform(({ sorteer, richting, ...rest }) => {
    const sort: QueueSort = sorteer === "nieuwste" ? "ingediend" : sorteer;
    const direction: SortDirection = sorteer === "nieuwste" ? "af" : (richting ?? QUEUE_SORTS[sort]);
    return { ...rest, sorteer: sort, richting: direction };
  });
export type QueueFilter = z.output<typeof QueueFilterSchema>;

export function parseQueueFilter(url: URL): QueueFilter {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v.trim() !== ""));
  return QueueFilterSchema.parse(raw);
}
