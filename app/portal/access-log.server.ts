import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { scopeFor, type Actor } from "#app/dossiers/scope.server";
import type { Queryable } from "#db/client";
import { DOSSIER_NUMBER } from "#db/dossier-numbers";
import { auditEvents, dossierAttachments, dossiers, users } from "#db/schema/index";

/**
 * The municipality's own access log in the portal: which of its officers viewed a shared
 * dossier or downloaded one of its documents, and when. Only what the officer's scope admits
 * (`scopeFor(actor).audit`): rows about dossiers shared with the municipality, written for the
 * municipality's own officers; anyone else's scope is answered with null.
 */

export const ACCESS_LOG_PAGE_SIZE = 50;

export const isDossierNumber = (value: string) => DOSSIER_NUMBER.test(value);

export type AccessLogEntry = {
  id: number;
  at: Date;
  action: string;
  officerName: string;
  number: string;
  /** The downloaded document's name, only while the officer may still see that document. */
  fileName: string | null;
};

export type AccessLog = { entries: AccessLogEntry[]; total: number; pages: number };

const officer = alias(users, "officer");

export async function listAccessLog(
  db: Queryable,
  actor: Actor,
  { page, number }: { page: number; number?: string | null },
): Promise<AccessLog | null> {
  const scope = scopeFor(actor);
  if (scope.kind !== "officer") return null;
  if (number && !isDossierNumber(number)) return { entries: [], total: 0, pages: 1 };
  const about = sql`${dossiers.id}::text = ${auditEvents.subjectId}`;
  const where = and(scope.audit, number ? eq(dossiers.number, number) : undefined);
  const [[counted], entries] = await Promise.all([
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(auditEvents)
      .innerJoin(dossiers, about)
      .where(where),
    db
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        action: auditEvents.action,
        officerName: officer.name,
        number: dossiers.number,
        fileName: dossierAttachments.fileName,
      })
      .from(auditEvents)
      .innerJoin(dossiers, about)
      .innerJoin(officer, eq(officer.id, auditEvents.actorUserId))
      // The document is named only if it is still one the officer may see (shared, not made ombudsman-only since).
      .leftJoin(
        dossierAttachments,
        and(
          eq(dossierAttachments.dossierId, dossiers.id),
          sql`${dossierAttachments.id}::text = ${auditEvents.details}->>'attachmentId'`,
          scope.documents,
        ),
      )
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(ACCESS_LOG_PAGE_SIZE)
      .offset((page - 1) * ACCESS_LOG_PAGE_SIZE),
  ]);
  const total = counted?.total ?? 0;
  return { entries, total, pages: Math.max(1, Math.ceil(total / ACCESS_LOG_PAGE_SIZE)) };
}
