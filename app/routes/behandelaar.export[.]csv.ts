import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/auth/session.server";
import { csvDownload } from "#app/http/csv-download.server";
import { STAFF_ROLES } from "#app/dossiers/scope.server";
import { countQueue, listQueueRows, parseQueueFilter, submittedOn } from "#app/dossiers/queue.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { getLocale } from "#app/i18n/locale.server";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";

/**
 * The work queue under the same filters as the page, every page of it, as a CSV download for
 * Dutch Excel. Rows are read in chunks and streamed, so a large export never sits in memory.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, STAFF_ROLES);
  const { db, now } = context.services;
  const filter = parseQueueFilter(new URL(request.url));
  const today = amsterdamDateOf(now());
  const args = { actor: user, filter, today };
  const counts = await countQueue(db, args);
  const chunks = listQueueRows(db, args);
  if (!counts || !chunks) throw new Response("Forbidden", { status: 403 });

  // No audit row, no download. The count is taken just before the rows are read.
  const rowCount = counts[filter.weergave];
  await audit(db, context, user, {
    action: "queue.exported",
    subjectType: "queue",
    details: { filter, rows: rowCount },
  });

  const messages = messagesFor(getLocale(request));
  const t = messages.queue;
  return csvDownload({
    header: [
      t.csv.number,
      t.csv.municipality,
      t.csv.complainant,
      t.csv.status,
      t.csv.assignee,
      t.csv.deadline,
      t.csv.dueKind,
      t.csv.submittedAt,
    ],
    chunks,
    line: (r) => [
      r.number,
      r.municipality,
      r.complainant,
      messages.dossier.statuses[r.status],
      r.assignee ?? t.unassigned,
      r.dueOn,
      t.dueKinds[r.dueKind],
      submittedOn(r),
    ],
    fileName: `werkvoorraad-${today}.csv`,
    what: "queue export",
    requestId: context.requestId,
  });
}
