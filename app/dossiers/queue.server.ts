import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from "drizzle-orm";
import type { Database } from "#db/client";
import { formatDossierNumber, numbersWithSequence } from "#db/dossier-numbers";
import {
  dossierPauses,
  dossiers,
  municipalities,
  municipalityRequests,
  nextDueOn,
  residentQuestions,
  users,
  dossierFollowUps,
} from "#db/schema/index";
import { addDays, amsterdamDateOf, type IsoDate } from "#app/utils/calendar-date";
import { QUEUE_VIEWS, type QueueFilter, type QueueSignal, type QueueSort, type QueueView } from "./queue-filter";
import { backOfficeScope, STAFF_ROLES, type UserActor } from "./scope.server";
import type { Status } from "./workflow";

/**
 * The work queue: open dossiers sorted by the deadline they are worked to (the contact
 * promise until the first contact, then the handling target), with quick views, facets,
 * signals, search, sortable columns and pages. Every filter is a range on an index over that
 * same deadline (see the indexes on `dossiers`), so it stays fast with hundreds of thousands of
 * rows. Closed dossiers are listed only for a search (the number or the search index finds them).
 * Every query carries the actor's back-office scope; anyone outside the back office gets null.
 */

export const PAGE_SIZE = 25;
/** "Deze week": a deadline from today up to and including this many days ahead. */
export const WEEK_DAYS = 7;

export {
  parseQueueFilter,
  QUEUE_SIGNALS,
  QUEUE_SORTS,
  QUEUE_STATUS_CHOICES,
  QUEUE_STATUSES,
  QUEUE_VIEWS,
  QueueFilterSchema,
  type QueueFilter,
  type QueueSignal,
  type QueueSort,
  type QueueView,
  type SortDirection,
} from "./queue-filter";

export type QueueRow = {
  id: string;
  number: string;
  municipality: string;
  complainant: string;
  status: Status;
  assignee: string | null;
  assigneeId: string | null;
  dueOn: IsoDate;
  dueKind: "contact" | "handling";
  submittedAt: Date;
  /** The resident sent something no handler has marked as seen yet. */
  residentNews: boolean;
  /** The handling clock stands still (a pause without an end). */
  paused: boolean;
  /** A request to the municipality is open. */
  requestOpen: boolean;
  /** A question to the resident is open. */
  questionOpen: boolean;
};

export type QueueCounts = Record<QueueView, number>;

/**
 * A literal, not a bound parameter: only then can the planner prove that the partial indexes
 * (`WHERE status <> 'closed'`) apply, also in a generic plan of a prepared statement.
 */
const OPEN = sql`${dossiers.status} <> 'closed'`;
const CLOSED = sql`${dossiers.status} = 'closed'`;
const NOTHING = sql`false`;

const EXACT_NUMBER = /^(?:oma-?)?(\d{4})-?(\d{5})$|^(?:oma-?)?(\d{4})-(\d{1,5})$/i;
const YEAR_ONLY = /^oma-?(\d{4})-?$|^(\d{4})-$/i;
const DIGITS = /^\d{1,5}$/;

/**
 * Search by dossier number (OMA-2026-00042, 2026-42, 42, …) or by words of the complainant's name.
 * Every form ends on an index: the unique number, or the search vector (which holds the year and
 * the padded sequence as words). A bare number is tried as that sequence in every year that gave
 * out numbers, as exact numbers: the (year, sequence) pair has no index of its own.
 */
export function searchCondition(q: string): SQL | undefined {
  const compact = q.trim().replace(/[\s-]+/g, "-");
  const exact = EXACT_NUMBER.exec(compact);
  if (exact) {
    const year = exact[1] ?? exact[3];
    const seq = exact[2] ?? exact[4] ?? "";
    return eq(dossiers.number, formatDossierNumber(Number(year), Number(seq)));
  }
  const year = YEAR_ONLY.exec(compact);
  if (year) return sql`${dossiers.search} @@ to_tsquery('simple', ${year[1] ?? year[2]})`;
  if (DIGITS.test(compact)) {
    const bySequence = sql`${dossiers.number} = ANY (${numbersWithSequence(Number(compact))})`;
    // Four digits may also be the year itself.
    return compact.length === 4
      ? or(bySequence, sql`${dossiers.search} @@ to_tsquery('simple', ${compact})`)
      : bySequence;
  }
  const words = q
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 5);
  if (words.length === 0) return undefined;
  // Every word as a prefix: "amr fat" finds "Fatima el Amrani". Words hold only letters and
  // digits, so nothing in them has a meaning in tsquery syntax.
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
      return and(gte(nextDueOn, today), lte(nextDueOn, addDays(today, WEEK_DAYS)));
    case "unassigned":
      return isNull(dossiers.assigneeId);
    case "municipality":
      return openRequest();
    case "municipality_overdue":
      return openRequest(lt(municipalityRequests.dueOn, today));
    case "resident":
      return openQuestion();
    case "resident_overdue":
      return openQuestion(lt(residentQuestions.dueOn, today));
    case "resident_new":
      return isNotNull(dossiers.residentNewsAt);
    case "follow_up":
      return followUpDue(actorId, today);
    case "all":
      return undefined;
  }
}

/**
 * The dossier waits for the municipality: a request to it is open (and, given, its term passed).
 * An uncorrelated IN, so the counts read the open requests once (a hashed set), not once per dossier.
 */
function openRequest(extra?: SQL): SQL {
  return sql`${dossiers.id} IN (SELECT ${municipalityRequests.dossierId} FROM ${municipalityRequests}
    WHERE ${municipalityRequests.status} = 'open'${extra ? sql` AND ${extra}` : sql``})`;
}

/** The dossier waits for the resident's answer to a question (and, given, its term passed: Awb 9:23(a) may apply). */
function openQuestion(extra?: SQL): SQL {
  return sql`${dossiers.id} IN (SELECT ${residentQuestions.dossierId} FROM ${residentQuestions}
    WHERE ${residentQuestions.status} = 'open'${extra ? sql` AND ${extra}` : sql``})`;
}

/** The actor set themselves a follow-up on the dossier for today or earlier, not yet done (a partial index). */
function followUpDue(actorId: string, today: IsoDate): SQL {
  return sql`${dossiers.id} IN (SELECT ${dossierFollowUps.dossierId} FROM ${dossierFollowUps}
    WHERE ${dossierFollowUps.ownerId} = ${actorId} AND ${dossierFollowUps.dueOn} <= ${today} AND ${dossierFollowUps.doneAt} IS NULL)`;
}

/** The handling clock of the dossier stands still (the partial index holds the running pauses only). */
function runningPause(): SQL {
  return sql`${dossiers.id} IN (SELECT ${dossierPauses.dossierId} FROM ${dossierPauses} WHERE ${dossierPauses.endedOn} IS NULL)`;
}

function signalCondition(signal: QueueSignal): SQL {
  switch (signal) {
    case "gepauzeerd":
      return runningPause();
    case "verzoek":
      return openRequest();
    case "vraag":
      return openQuestion();
    case "nieuw":
      return isNotNull(dossiers.residentNewsAt);
  }
}

/** Closed dossiers are listed for a search only: all of them would be every dossier ever handled. */
export const needsSearch = (filter: QueueFilter) =>
  filter.status === "closed" && (!filter.zoek || !searchCondition(filter.zoek));

/** Everything but the quick view: open (or closed), the actor's scope, the facets and the search. */
function facetConditions(actor: UserActor, filter: QueueFilter): SQL[] {
  const closed = filter.status === "closed";
  const facets: SQL[] = [closed ? CLOSED : OPEN, backOfficeScope(actor).dossiers];
  if (filter.status && !closed) facets.push(eq(dossiers.status, filter.status));
  if (filter.signaal) facets.push(signalCondition(filter.signaal));
  if (filter.gemeente) facets.push(eq(dossiers.municipalityId, filter.gemeente));
  if (filter.behandelaar) facets.push(eq(dossiers.assigneeId, filter.behandelaar));
  const search = filter.zoek ? searchCondition(filter.zoek) : undefined;
  if (search) facets.push(search);
  else if (closed) facets.push(NOTHING);
  return facets;
}

type QueueArgs = { actor: UserActor; filter: QueueFilter; today: IsoDate };

const inBackOffice = (actor: UserActor) => backOfficeScope(actor).kind !== "none";

const noCounts = () => Object.fromEntries(QUEUE_VIEWS.map((v) => [v, 0])) as QueueCounts;

/** How many open dossiers each quick view holds under the current facets and search: one pass. */
export async function countQueue(db: Database, { actor, filter, today }: QueueArgs): Promise<QueueCounts | null> {
  if (!inBackOffice(actor)) return null;
  const [counts] = await db
    .select({
      all: sql<number>`count(*)::int`,
      mine: sql<number>`(count(*) FILTER (WHERE ${viewCondition("mine", actor.id, today)}))::int`,
      overdue: sql<number>`(count(*) FILTER (WHERE ${viewCondition("overdue", actor.id, today)}))::int`,
      week: sql<number>`(count(*) FILTER (WHERE ${viewCondition("week", actor.id, today)}))::int`,
      unassigned: sql<number>`(count(*) FILTER (WHERE ${viewCondition("unassigned", actor.id, today)}))::int`,
      municipality: sql<number>`(count(*) FILTER (WHERE ${viewCondition("municipality", actor.id, today)}))::int`,
      municipality_overdue: sql<number>`(count(*) FILTER (WHERE ${viewCondition("municipality_overdue", actor.id, today)}))::int`,
      resident: sql<number>`(count(*) FILTER (WHERE ${viewCondition("resident", actor.id, today)}))::int`,
      resident_overdue: sql<number>`(count(*) FILTER (WHERE ${viewCondition("resident_overdue", actor.id, today)}))::int`,
      resident_new: sql<number>`(count(*) FILTER (WHERE ${viewCondition("resident_new", actor.id, today)}))::int`,
      follow_up: sql<number>`(count(*) FILTER (WHERE ${viewCondition("follow_up", actor.id, today)}))::int`,
    })
    .from(dossiers)
    .where(and(...facetConditions(actor, filter)));
  return counts ?? noCounts();
}

/**
 * The ORDER BY of each sort, also the keyset of the export: the column, the deadline where many
 * rows share the column's value, and the id, which breaks every tie (pages never overlap). Each
 * part has the SQL type its keyset value is cast back to.
 */
const SORT_COLUMNS: Record<QueueSort, { expr: SQL | AnyColumn; type: string }[]> = {
  deadline: [{ expr: nextDueOn, type: "date" }],
  ingediend: [{ expr: dossiers.submittedAt, type: "timestamptz" }],
  nummer: [{ expr: dossiers.number, type: "text" }],
  // By the municipality's id, a slug of its name (so the same order), which the partial index on
  // (municipality, deadline) holds: no sort of every open dossier by a joined name.
  gemeente: [
    { expr: dossiers.municipalityId, type: "text" },
    { expr: nextDueOn, type: "date" },
  ],
  status: [
    { expr: dossiers.status, type: "dossier_status" },
    { expr: nextDueOn, type: "date" },
  ],
};

function sortParts(filter: QueueFilter) {
  return [...SORT_COLUMNS[filter.sorteer], { expr: dossiers.id, type: "uuid" }];
}

function selectRows(db: Database, filter: QueueFilter) {
  const parts = sortParts(filter);
  return db
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
      residentNewsAt: dossiers.residentNewsAt,
      paused: sql<boolean>`EXISTS (SELECT 1 FROM ${dossierPauses} WHERE ${dossierPauses.dossierId} = ${dossiers.id} AND ${dossierPauses.endedOn} IS NULL)`,
      requestOpen: sql<boolean>`EXISTS (SELECT 1 FROM ${municipalityRequests} WHERE ${municipalityRequests.dossierId} = ${dossiers.id} AND ${municipalityRequests.status} = 'open')`,
      questionOpen: sql<boolean>`EXISTS (SELECT 1 FROM ${residentQuestions} WHERE ${residentQuestions.dossierId} = ${dossiers.id} AND ${residentQuestions.status} = 'open')`,
      // The sort's values as exact text, for keyset paging (a JS Date would round an instant to ms).
      sortKey: sql<string[]>`ARRAY[${sql.join(
        parts.map((p) => sql`(${p.expr})::text`),
        sql`, `,
      )}]`,
    })
    .from(dossiers)
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .leftJoin(users, eq(users.id, dossiers.assigneeId));
}

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectRows>["execute"]>>[number];

/** The rows after `sortKey` in the order of the filter's sort: one row comparison, so one index range. */
function after(filter: QueueFilter, sortKey: string[]): SQL {
  const parts = sortParts(filter);
  const columns = sql.join(
    parts.map((p) => sql`${p.expr}`),
    sql`, `,
  );
  const values = sql.join(
    parts.map((p, i) => sql`${sortKey[i] ?? null}::${sql.raw(p.type)}`),
    sql`, `,
  );
  return filter.richting === "af" ? sql`(${columns}) < (${values})` : sql`(${columns}) > (${values})`;
}

function toQueueRow(r: SelectedRow): QueueRow {
  return {
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
    residentNews: r.residentNewsAt !== null,
    paused: r.paused,
    requestOpen: r.requestOpen,
    questionOpen: r.questionOpen,
  };
}

function orderFor(filter: QueueFilter): SQL[] {
  const direction = filter.richting === "af" ? desc : asc;
  return sortParts(filter).map((p) => direction(p.expr));
}

function whereFor({ actor, filter, today }: QueueArgs): SQL | undefined {
  return and(...facetConditions(actor, filter), viewCondition(filter.weergave, actor.id, today));
}

export async function listQueue(
  db: Database,
  args: QueueArgs,
): Promise<{ rows: QueueRow[]; total: number; counts: QueueCounts; pages: number } | null> {
  if (!inBackOffice(args.actor)) return null;
  const rowsQuery = selectRows(db, args.filter)
    .where(whereFor(args))
    .orderBy(...orderFor(args.filter))
    .limit(PAGE_SIZE)
    .offset((args.filter.pagina - 1) * PAGE_SIZE);

  const [counts, rows] = await Promise.all([countQueue(db, args), rowsQuery]);
  const c = counts ?? noCounts();
  const total = c[args.filter.weergave];
  return {
    rows: rows.map(toQueueRow),
    total,
    counts: c,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/**
 * Every row of the filtered queue (all pages), in the queue's order, as chunks: each chunk is
 * one query that continues after the last row of the one before (keyset paging), so memory stays
 * at one chunk and a late chunk costs no more than the first. Null for anyone who is not staff.
 */
export function listQueueRows(
  db: Database,
  args: QueueArgs & { chunkSize?: number },
): AsyncIterable<QueueRow[]> | null {
  if (!inBackOffice(args.actor)) return null;
  const chunkSize = args.chunkSize ?? 1000;
  const where = whereFor(args);
  return {
    async *[Symbol.asyncIterator]() {
      let last: SelectedRow | undefined;
      for (;;) {
        const keyset = last ? after(args.filter, last.sortKey) : undefined;
        const chunk = await selectRows(db, args.filter)
          .where(and(where, keyset))
          .orderBy(...orderFor(args.filter))
          .limit(chunkSize);
        if (chunk.length > 0) yield chunk.map(toQueueRow);
        if (chunk.length < chunkSize) return;
        last = chunk[chunk.length - 1];
      }
    },
  };
}

/** Staff who can be assigned dossiers, for the filter and the assign form. */
export function listHandlers(db: Database) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, [...STAFF_ROLES])))
    .orderBy(asc(users.name));
}

/** Every municipality, also one that left: its open dossiers are still worked. */
export function listQueueMunicipalities(db: Database) {
  return db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.name));
}

/** The submission's calendar date, as the queue and its export show it. */
export function submittedOn(row: Pick<QueueRow, "submittedAt">): IsoDate {
  return amsterdamDateOf(row.submittedAt);
}
