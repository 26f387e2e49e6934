import { and, asc, desc, eq, isNull, lt, lte, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "#db/client";
import { dossiers, municipalities, nextDueOn, users } from "#db/schema/index";
import { addDays, type IsoDate } from "#app/utils/calendar-date";
import { STAFF_ROLES, type Actor } from "./queries.server";
import { STATUSES } from "./workflow";

/**
 * The work queue: open dossiers sorted by the deadline they are worked to (the contact
 * promise until the first contact, then the handling target), with quick views, facets,
 * search and pages. Every filter is a range on an index over that same deadline
 * (see the indexes on `dossiers`), so it stays fast with hundreds of thousands of rows.
 */

export const QUEUE_VIEWS = ["all", "mine", "overdue", "week", "unassigned"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
export const PAGE_SIZE = 25;

const OPEN_STATUSES = STATUSES.filter((s) => s !== "closed");

/** The queue's URL (GET form) as a filter; anything unknown falls back to the default view. */
export const QueueFilterSchema = z.object({
  weergave: z.enum(QUEUE_VIEWS).catch("all"),
  status: z.enum(OPEN_STATUSES as unknown as [string, ...string[]]).optional().catch(undefined),
  gemeente: z.string().max(40).optional().catch(undefined),
  behandelaar: z.string().uuid().optional().catch(undefined),
  zoek: z.string().trim().max(100).optional().catch(undefined),
  sorteer: z.enum(["deadline", "nieuwste"]).catch("deadline"),
  pagina: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type QueueFilter = z.infer<typeof QueueFilterSchema>;

export function parseQueueFilter(url: URL): QueueFilter {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  return QueueFilterSchema.parse(raw);
}

export type QueueRow = {
  id: string;
  number: string;
  municipality: string;
  complainant: string;
  status: (typeof STATUSES)[number];
  assignee: string | null;
  assigneeId: string | null;
  dueOn: string;
  dueKind: "contact" | "handling";
  submittedAt: Date;
};

const NUMBER_QUERY = /^(?:oma)?[-\s]?(\d{4})(?:[-\s]?(\d{1,5}))?$/i;

/** Search by dossier number (OMA-2026-00042, 2026-42, …) or by words of the complainant's name. */
function searchCondition(q: string): SQL | undefined {
  const number = NUMBER_QUERY.exec(q.replace(/\s+/g, ""));
  if (number) {
    const [, year, seq] = number;
    return seq ? eq(dossiers.number, `OMA-${year}-${seq.padStart(5, "0")}`) : sql`${dossiers.number} LIKE ${`OMA-${year}-%`}`;
  }
  const words = q
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 5);
  if (words.length === 0) return undefined;
  // Every word as a prefix: "amr fat" finds "Fatima el Amrani".
  const tsquery = words.map((w) => `${w}:*`).join(" & ");
  return sql`${dossiers.search} @@ to_tsquery('simple', ${tsquery})`;
}

function viewCondition(view: QueueView, actorId: string, today: IsoDate): SQL | undefined {
  switch (view) {
    case "mine":
      return eq(dossiers.assigneeId, actorId);
    case "overdue":
      return lt(nextDueOn, today);
    case "week":
      return lte(nextDueOn, addDays(today, 7));
    case "unassigned":
      return isNull(dossiers.assigneeId);
    case "all":
      return undefined;
  }
}

export async function listQueue(
  db: Database,
  { actor, filter, today }: { actor: Actor; filter: QueueFilter; today: IsoDate },
): Promise<{ rows: QueueRow[]; total: number; counts: Record<QueueView, number>; pages: number } | null> {
  if (!STAFF_ROLES.includes(actor.role as (typeof STAFF_ROLES)[number])) return null;

  const facets: SQL[] = [ne(dossiers.status, "closed")];
  if (filter.status) facets.push(eq(dossiers.status, filter.status as (typeof STATUSES)[number]));
  if (filter.gemeente) facets.push(eq(dossiers.municipalityId, filter.gemeente));
  if (filter.behandelaar) facets.push(eq(dossiers.assigneeId, filter.behandelaar));
  const search = filter.zoek ? searchCondition(filter.zoek) : undefined;
  if (search) facets.push(search);
  const view = viewCondition(filter.weergave, actor.id, today);
  const where = and(...facets, view);

  const countsQuery = db
    .select({
      all: sql<number>`count(*)::int`,
      mine: sql<number>`count(*) FILTER (WHERE ${dossiers.assigneeId} = ${actor.id})::int`,
      overdue: sql<number>`count(*) FILTER (WHERE ${nextDueOn} < ${today})::int`,
      week: sql<number>`count(*) FILTER (WHERE ${nextDueOn} <= ${addDays(today, 7)})::int`,
      unassigned: sql<number>`count(*) FILTER (WHERE ${dossiers.assigneeId} IS NULL)::int`,
    })
    .from(dossiers)
    .where(and(...facets));

  const order =
    filter.sorteer === "nieuwste" ? [desc(dossiers.submittedAt), desc(dossiers.id)] : [asc(nextDueOn), asc(dossiers.id)];
  const rowsQuery = db
    .select({
      id: dossiers.id,
      number: dossiers.number,
      municipality: municipalities.name,
      complainant: dossiers.complainantName,
      status: dossiers.status,
      assignee: users.name,
      assigneeId: dossiers.assigneeId,
      dueOn: sql<string>`${nextDueOn}`,
      firstContactAt: dossiers.firstContactAt,
      submittedAt: dossiers.submittedAt,
    })
    .from(dossiers)
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .leftJoin(users, eq(users.id, dossiers.assigneeId))
    .where(where)
    .orderBy(...order)
    .limit(PAGE_SIZE)
    .offset((filter.pagina - 1) * PAGE_SIZE);

  const [[counts], rows] = await Promise.all([countsQuery, rowsQuery]);
  const c = counts ?? { all: 0, mine: 0, overdue: 0, week: 0, unassigned: 0 };
  const total = c[filter.weergave];
  return {
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      municipality: r.municipality,
      complainant: r.complainant,
      status: r.status,
      assignee: r.assignee,
      assigneeId: r.assigneeId,
      dueOn: r.dueOn,
      dueKind: r.firstContactAt ? "handling" : "contact",
      submittedAt: r.submittedAt,
    })),
    total,
    counts: c,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** Staff who can be assigned dossiers, for the filter and the assign form. */
export function listHandlers(db: Database) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), sql`${users.role} IN ('case_handler', 'coordinator')`))
    .orderBy(asc(users.name));
}
