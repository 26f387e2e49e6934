import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/auth/session.server";
import { auditWords, codeLabel } from "#app/components/audit-entry";
import { parseAuditFilter } from "#app/dossiers/audit-filter";
import { AUDIT_LOG_ROLES, auditLogChunks, countAuditLog } from "#app/dossiers/audit-log.server";
import { csvDownload } from "#app/http/csv-download.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { getLocale } from "#app/i18n/locale.server";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";

/**
 * The audit log under the page's filters, every entry, as a CSV file for Dutch Excel. Read in
 * chunks and streamed, so a large export never sits in memory. The export is itself recorded.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, AUDIT_LOG_ROLES);
  const { db, now } = context.services;
  const { filter } = parseAuditFilter(new URL(request.url).searchParams);
  const args = { actor: user, filter: { ...filter, page: 1 } };
  const rows = await countAuditLog(db, args);
  const chunks = auditLogChunks(db, args);
  if (rows === null || !chunks) throw new Response("Forbidden", { status: 403 });

  // No audit row, no download. The export's own row is written first, so it is in the file.
  await audit(db, context, user, {
    action: "audit.exported",
    subjectType: "audit_log",
    details: { filter: args.filter, rows },
  });

  const t = messagesFor(getLocale(request)).overview;
  const h = t.auditLog.csvHeader;
  return csvDownload({
    header: [h.at, h.actor, h.role, h.action, h.code, h.dossier, h.document, h.attempted, h.ip, h.requestId],
    chunks,
    line: (e) => {
      const words = auditWords(t.audit, { ...e, number: null });
      return [
        e.at.toISOString(),
        e.actorName ?? (e.actorRole ? t.audit.unknown : t.audit.unknownActor),
        e.actorRole ? codeLabel(t.audit.roles, e.actorRole) : "",
        words.action,
        e.action,
        e.number,
        words.document,
        words.attempted,
        e.ip,
        e.requestId,
      ];
    },
    fileName: `auditlog-${amsterdamDateOf(now())}.csv`,
    what: "audit export",
    requestId: context.requestId,
  });
}
