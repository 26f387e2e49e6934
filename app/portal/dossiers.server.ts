import { and, asc, count, desc, eq, like, max, min, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { ATTACHMENT_DOWNLOAD_COLUMNS } from "#app/dossiers/queries.server";
import { scopeFor, UUID, type Actor } from "#app/dossiers/scope.server";
import type { Queryable } from "#db/client";
import { PORTAL_PAGE_SIZE, type PortalListFilter, type PortalStand } from "./list-filter";
import { DOSSIER_NUMBER } from "#db/dossier-numbers";
import {
  dossierAttachments,
  dossierEvents,
  dossierShareDocuments,
  dossierShares,
  dossiers,
  municipalityRequests,
  users,
} from "#db/schema/index";

/**
 * What a municipality officer reads in the portal, always under the officer's scope
 * (`scopeFor`): dossiers of their own municipality that were shared with it, the documents that
 * went along and are not ombudsman-only now, and the events that concern the municipality.
 * Anyone else's scope admits nothing, so every function answers empty or null.
 */

const handler = alias(users, "handler");

/** A running or closed dossier, as the filter asks (a literal, so the planner sees the constant). */
function standCondition(stand: PortalStand): SQL | undefined {
  if (stand === "lopend") return sql`${dossiers.status} <> 'closed'`;
  if (stand === "afgesloten") return sql`${dossiers.status} = 'closed'`;
  return undefined;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The dossiers shared with the officer's municipality, a page at a time: those with an open
 * request first, the earliest due date first (overdue ones on top), then the most recently
 * shared; closed ones are in it too, and found by (part of) their number or by the state.
 */
export async function listSharedDossiers(
  db: Queryable,
  actor: Actor,
  filter: PortalListFilter = { zoek: null, stand: "alle", pagina: 1 },
  pageSize = PORTAL_PAGE_SIZE,
) {
  const scope = scopeFor(actor);
  if (scope.kind !== "officer" || !("municipalityId" in actor) || !actor.municipalityId)
    return { rows: [], total: 0, pages: 1, pagina: 1 };
  const municipalityId = actor.municipalityId;
  // Driven from the municipality's shares and open requests (a few thousand rows by index), not
  // from every dossier of the municipality; the scope still decides which dossiers come back.
  const shares = db
    .select({ dossierId: dossierShares.dossierId, lastSharedAt: max(dossierShares.sharedAt).as("last_shared_at") })
    .from(dossierShares)
    .where(eq(dossierShares.municipalityId, municipalityId))
    .groupBy(dossierShares.dossierId)
    .as("shares");
  const open = db
    .select({ dossierId: municipalityRequests.dossierId, nextDueOn: min(municipalityRequests.dueOn).as("next_due_on") })
    .from(municipalityRequests)
    .where(and(eq(municipalityRequests.municipalityId, municipalityId), eq(municipalityRequests.status, "open")))
    .groupBy(municipalityRequests.dossierId)
    .as("open_requests");
  // A filter needs the dossier row (its number, its status); the whole list needs none to rank.
  // A filter needs the dossier row (its number, its status); the whole list ranks without it.
  // The shares are the municipality's own, so the dossiers joined are its own shared ones; the
  // page read below applies the whole scope again.
  const filtered = filter.zoek !== null || filter.stand !== "alle";
  const where = and(
    eq(dossiers.municipalityId, municipalityId),
    filter.zoek ? like(dossiers.number, `%${escapeLike(filter.zoek)}%`) : undefined,
    standCondition(filter.stand),
  );

  // One pass ranks the candidates and counts them (a window count), then the page is read.
  const page = async (pagina: number) => {
    const base = db
      .select({
        dossierId: shares.dossierId,
        lastSharedAt: shares.lastSharedAt,
        nextDueOn: open.nextDueOn,
        total: sql<number>`count(*) over ()`.mapWith(Number).as("total"),
      })
      .from(shares)
      .leftJoin(open, eq(open.dossierId, shares.dossierId));
    const ranked = (filtered ? base.innerJoin(dossiers, eq(dossiers.id, shares.dossierId)).where(where) : base)
      .orderBy(sql`${open.nextDueOn} ASC NULLS LAST`, desc(shares.lastSharedAt), asc(shares.dossierId))
      .limit(pageSize)
      .offset((pagina - 1) * pageSize)
      .as("ranked");
    return (
      db
        .select({
          number: dossiers.number,
          topic: dossiers.topic,
          status: dossiers.status,
          handlerName: handler.name,
          lastSharedAt: ranked.lastSharedAt,
          nextDueOn: ranked.nextDueOn,
          total: ranked.total,
        })
        .from(ranked)
        .innerJoin(dossiers, eq(dossiers.id, ranked.dossierId))
        .leftJoin(handler, eq(handler.id, dossiers.assigneeId))
        .where(scope.dossiers)
        // The same order as the ranking, to the last tie, so pages neither repeat nor skip a dossier.
        .orderBy(sql`${ranked.nextDueOn} ASC NULLS LAST`, desc(ranked.lastSharedAt), asc(ranked.dossierId))
    );
  };

  let pagina = filter.pagina;
  let found = await page(pagina);
  if (found.length === 0 && pagina > 1) {
    // Past the end (an old link, fewer dossiers now): the last page instead of an empty one.
    const [counted] = await db
      .select({ total: count() })
      .from(shares)
      .innerJoin(dossiers, eq(dossiers.id, shares.dossierId))
      .where(and(where, scope.dossiers));
    pagina = Math.max(1, Math.ceil((counted?.total ?? 0) / pageSize));
    found = await page(pagina);
  }
  const total = found[0]?.total ?? 0;
  const rows = found.map(({ total: _total, ...row }) => row);
  return { rows, total, pages: Math.max(1, Math.ceil(total / pageSize)), pagina };
}

/** One shared dossier as the officer may read it: the complaint and facts, the shares, the documents and the events. */
export async function getSharedDossier(db: Queryable, actor: Actor, number: string) {
  const scope = scopeFor(actor);
  if (scope.kind !== "officer" || !DOSSIER_NUMBER.test(number)) return null;
  const [dossier] = await db
    .select({
      id: dossiers.id,
      municipalityId: dossiers.municipalityId,
      number: dossiers.number,
      status: dossiers.status,
      topic: dossiers.topic,
      complaintText: dossiers.complaintText,
      incidentPlace: dossiers.incidentPlace,
      incidentDate: dossiers.incidentDate,
      desiredOutcome: dossiers.desiredOutcome,
      submittedAt: dossiers.submittedAt,
      handlerName: handler.name,
    })
    .from(dossiers)
    .leftJoin(handler, eq(handler.id, dossiers.assigneeId))
    .where(and(eq(dossiers.number, number), scope.dossiers));
  if (!dossier) return null;
  const [documents, events, shares] = await Promise.all([
    db
      .select({
        id: dossierAttachments.id,
        fileName: dossierAttachments.fileName,
        size: dossierAttachments.size,
      })
      .from(dossierAttachments)
      .where(and(eq(dossierAttachments.dossierId, dossier.id), scope.documents))
      .orderBy(asc(dossierAttachments.uploadedAt), asc(dossierAttachments.id)),
    db
      .select({ id: dossierEvents.id, at: dossierEvents.at, type: dossierEvents.type, details: dossierEvents.details })
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, dossier.id), scope.timeline))
      .orderBy(asc(dossierEvents.at), asc(dossierEvents.id)),
    db
      .select({
        id: dossierShares.id,
        sharedAt: dossierShares.sharedAt,
        documents: sql<number>`(SELECT count(*)::int FROM ${dossierShareDocuments} WHERE ${dossierShareDocuments.shareId} = ${dossierShares.id})`,
      })
      .from(dossierShares)
      .where(
        and(
          eq(dossierShares.dossierId, dossier.id),
          eq(dossierShares.municipalityId, dossier.municipalityId),
          scope.caseFile(dossierShares.dossierId),
        ),
      )
      .orderBy(asc(dossierShares.sharedAt)),
  ]);
  // Only what a municipality may read of each event: its type, date and the status it moved to.
  const timeline = events.map((e) => ({
    id: e.id,
    at: e.at,
    type: e.type,
    to: e.type === "status_changed" ? String((e.details as Record<string, unknown>).to ?? "") : null,
  }));
  return { dossier, documents, timeline, shares };
}

/** A document the officer may download: of a dossier shared with them, included in a share, not ombudsman-only. */
export async function getSharedDocument(db: Queryable, actor: Actor, number: string, documentId: string) {
  const scope = scopeFor(actor);
  if (scope.kind !== "officer" || !DOSSIER_NUMBER.test(number) || !UUID.test(documentId)) return null;
  const [row] = await db
    .select(ATTACHMENT_DOWNLOAD_COLUMNS)
    .from(dossierAttachments)
    .innerJoin(dossiers, eq(dossiers.id, dossierAttachments.dossierId))
    .where(and(eq(dossiers.number, number), eq(dossierAttachments.id, documentId), scope.dossiers, scope.documents));
  return row ?? null;
}
