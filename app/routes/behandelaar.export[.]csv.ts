import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/auth/session.server";
import { CSV_BOM, csvLine } from "#app/dossiers/csv";
import { STAFF_ROLES } from "#app/dossiers/scope.server";
import { countQueue, listQueueRows, parseQueueFilter, submittedOn } from "#app/dossiers/queue.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { getLocale } from "#app/i18n/locale.server";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { logger } from "#app/utils/logger.server";

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
  const header = csvLine([
    t.csv.number,
    t.csv.municipality,
    t.csv.complainant,
    t.csv.status,
    t.csv.assignee,
    t.csv.deadline,
    t.csv.dueKind,
    t.csv.submittedAt,
  ]);

  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + header));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        const lines = next.value.map((r) =>
          csvLine([
            r.number,
            r.municipality,
            r.complainant,
            messages.dossier.statuses[r.status],
            r.assignee ?? t.unassigned,
            r.dueOn,
            t.dueKinds[r.dueKind],
            submittedOn(r),
          ]),
        );
        controller.enqueue(encoder.encode(lines.join("")));
      } catch (err) {
        // The status line is sent already: a cut-off file is the only signal left.
        logger.error("queue export failed", { err, requestId: context.requestId });
        controller.error(err);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });

  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="werkvoorraad-${today}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
