import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Database, Queryable, Transaction } from "#db/client";
import {
  dossierEvents,
  dossiers,
  holidayChanges,
  municipalityRequests,
  publicHolidays,
  residentQuestions,
  type HolidayChange,
  type MovedDueDate,
  type PublicHoliday,
} from "#db/schema/index";
import { backOfficeScope } from "#app/dossiers/scope.server";
import { forgetHolidayTable } from "#app/intake/reference.server";
import { audit } from "#app/utils/audit.server";
import type { IsoDate } from "#app/utils/calendar-date";
import type { RequestContext } from "#app/utils/services.server";
import { mayEditReference, type ReferenceActor } from "./actor.server";
import { editHolidayTable, recalculateDueDates, type DueDateFact, type DueDateMove } from "./recalculate";

export type HolidayKind = PublicHoliday["kind"];
export type HolidayInput =
  { change: "added"; day: IsoDate; name: string; kind: HolidayKind } | { change: "removed"; day: IsoDate };

export type HolidayResult =
  { ok: true; version: number; moved: number } | { ok: false; code: "forbidden" | "exists" | "absent" };

/** The event on a dossier's timeline for each due date a holiday change moved. */
export const RECALCULATED_EVENT = "due_date_recalculated";

// Rows per statement when moving dates: three parameters each, well under PostgreSQL's 65,535.
const CHUNK = 500;

export function listHolidays(db: Queryable, year: number): Promise<PublicHoliday[]> {
  return db
    .select()
    .from(publicHolidays)
    .where(and(gte(publicHolidays.day, `${year}-01-01`), lte(publicHolidays.day, `${year}-12-31`)))
    .orderBy(asc(publicHolidays.day));
}

export async function holidayYears(db: Queryable): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: sql<number>`extract(year from ${publicHolidays.day})::int` })
    .from(publicHolidays)
    .orderBy(sql`1`);
  return rows.map((r) => r.year);
}

export function recentHolidayChanges(db: Queryable, limit = 20) {
  return db
    .select({
      version: holidayChanges.version,
      change: holidayChanges.change,
      day: holidayChanges.day,
      name: holidayChanges.name,
      changedAt: holidayChanges.changedAt,
      movedCount: holidayChanges.movedCount,
    })
    .from(holidayChanges)
    .orderBy(desc(holidayChanges.version))
    .limit(limit);
}

export async function getHolidayChange(db: Queryable, version: number): Promise<HolidayChange | null> {
  const [row] = await db.select().from(holidayChanges).where(eq(holidayChanges.version, version));
  return row ?? null;
}

/**
 * Adds or removes one day of the holiday table and, in the same transaction, moves every open
 * due date the change reaches (requests to municipalities, questions to residents) with an event
 * on each dossier's timeline, a version row listing what moved, and an audit entry. A second
 * identical edit is refused ("exists"/"absent") and moves nothing.
 */
export async function changeHoliday(
  ctx: Pick<RequestContext, "clientIp" | "requestId"> & { services: { db: Database; now: () => Date } },
  actor: ReferenceActor,
  input: HolidayInput,
): Promise<HolidayResult> {
  if (!mayEditReference(actor)) return { ok: false, code: "forbidden" };
  const { db } = ctx.services;
  const result = await db.transaction(async (tx): Promise<HolidayResult> => {
    // One holiday change at a time: each recalculates against the table the previous one left.
    await tx.execute(sql`LOCK TABLE public_holidays IN SHARE ROW EXCLUSIVE MODE`);
    const before = await tx.select().from(publicHolidays).orderBy(asc(publicHolidays.day));
    const existing = before.find((h) => h.day === input.day);
    const edit =
      input.change === "added"
        ? { change: input.change, day: input.day, name: input.name }
        : { change: input.change, day: input.day, name: existing?.name ?? "" };
    const edited = editHolidayTable(before, edit, () => ({
      day: input.day,
      name: edit.name,
      kind: input.change === "added" ? input.kind : "equated",
      source: "Referentiegegevens (coördinator)",
      createdAt: new Date(),
    }));
    if (!edited.ok) return edited;

    const kind = input.change === "added" ? input.kind : existing!.kind;
    if (input.change === "added") {
      await tx.insert(publicHolidays).values({
        day: input.day,
        name: input.name,
        kind: input.kind,
        source: "Referentiegegevens (coördinator)",
      });
    } else {
      await tx.delete(publicHolidays).where(eq(publicHolidays.day, input.day));
    }

    const facts = await candidates(tx, actor, input.day);
    const { moved } = recalculateDueDates(facts, before, edited.table);
    const numbers = new Map(facts.map((f) => [f.id, f.dossierNumber]));
    const list: MovedDueDate[] = moved.map((m) => ({
      subject: m.fact.subject,
      id: m.fact.id,
      dossierId: m.fact.dossierId,
      dossierNumber: numbers.get(m.fact.id) ?? "",
      from: m.from,
      to: m.to,
    }));
    const [change] = await tx
      .insert(holidayChanges)
      .values({
        change: input.change,
        day: input.day,
        name: edit.name,
        kind,
        changedBy: actor.id,
        movedCount: moved.length,
        moved: list,
      })
      .returning({ version: holidayChanges.version });
    const version = change!.version;
    await moveDueDates(tx, moved);
    await recordMoves(tx, actor, moved, { version, change: input.change, day: input.day, name: edit.name });
    await audit(tx, ctx, actor, {
      action: input.change === "added" ? "reference.holiday_added" : "reference.holiday_removed",
      subjectType: "public_holiday",
      subjectId: input.day,
      details: {
        version,
        before: existing ? { day: existing.day, name: existing.name, kind: existing.kind } : null,
        after: input.change === "added" ? { day: input.day, name: input.name, kind: input.kind } : null,
        moved: moved.length,
      },
    });
    return { ok: true, version, moved: moved.length };
  });
  if (result.ok) forgetHolidayTable(db);
  return result;
}

type Candidate = DueDateFact & { dossierNumber: string };

/** The open due dates whose roll reaches `day` (see `mayMove`): nominal on or before it, due on or after it. */
async function candidates(tx: Transaction, actor: ReferenceActor, day: IsoDate): Promise<Candidate[]> {
  const scope = backOfficeScope(actor).dossiers;
  const select = (table: typeof municipalityRequests | typeof residentQuestions) =>
    tx
      .select({
        id: table.id,
        dossierId: table.dossierId,
        dossierNumber: dossiers.number,
        nominalDueOn: table.nominalDueOn,
        dueOn: table.dueOn,
      })
      .from(table)
      .innerJoin(dossiers, eq(dossiers.id, table.dossierId))
      .where(and(eq(table.status, "open"), lte(table.nominalDueOn, day), gte(table.dueOn, day), scope))
      .for("update", { of: table });
  const [requests, questions] = [await select(municipalityRequests), await select(residentQuestions)];
  return [
    ...requests.map((r) => ({ ...r, subject: "request" as const })),
    ...questions.map((q) => ({ ...q, subject: "question" as const })),
  ];
}

/** One UPDATE … FROM (VALUES …) per table and chunk: thousands of moved dates in a few statements. */
async function moveDueDates(tx: Transaction, moved: readonly DueDateMove[]): Promise<void> {
  for (const subject of ["request", "question"] as const) {
    const table = subject === "request" ? sql`municipality_requests` : sql`resident_questions`;
    const rows = moved.filter((m) => m.fact.subject === subject);
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = sql.join(
        rows
          .slice(i, i + CHUNK)
          .map((m) => sql`(${m.fact.id}::uuid, ${m.to}::date, ${JSON.stringify(m.skipped)}::jsonb)`),
        sql`, `,
      );
      await tx.execute(
        sql`UPDATE ${table} AS t SET due_on = v.due_on, skipped_days = v.skipped
            FROM (VALUES ${values}) AS v(id, due_on, skipped) WHERE t.id = v.id`,
      );
    }
  }
}

async function recordMoves(
  tx: Transaction,
  actor: ReferenceActor,
  moved: readonly DueDateMove[],
  why: { version: number; change: "added" | "removed"; day: IsoDate; name: string },
): Promise<void> {
  const events = moved.map((m) => ({
    dossierId: m.fact.dossierId,
    actorUserId: actor.id,
    type: RECALCULATED_EVENT,
    details: {
      subject: m.fact.subject,
      [m.fact.subject === "request" ? "requestId" : "questionId"]: m.fact.id,
      from: m.from,
      dueOn: m.to,
      holidayVersion: why.version,
      holidayChange: why.change,
      holidayDay: why.day,
      holidayName: why.name,
    },
  }));
  for (let i = 0; i < events.length; i += CHUNK) await tx.insert(dossierEvents).values(events.slice(i, i + CHUNK));
}
