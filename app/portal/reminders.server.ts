import { and, asc, eq, inArray, lte, ne, or } from "drizzle-orm";
import { activeOfficers } from "#app/dossiers/casework/officer-mail.server";
import { backOfficeLink, portalRequestLink } from "#app/dossiers/casework/request.server";
import { outlivesClosing, reminderFor } from "#app/dossiers/requests";
import { holidayTable } from "#app/intake/reference.server";
import { enqueueMail } from "#app/mail/outbox.server";
import { addDays, amsterdamDateOf, type IsoDate } from "#app/utils/calendar-date";
import { logger } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";
import { dossierEvents, dossiers, municipalityRequests, requestReminders, users } from "#db/schema/index";
import { REQUEST_KINDS, type ReminderKind } from "#db/schema/values";

/**
 * The reminders of open requests to municipalities: a few working days before the due date, on
 * it, and once overdue (`reminderFor`), to the municipality's active officers and the dossier's
 * handler. Every app process runs this every few minutes; each reminder is claimed by its
 * (request, kind, due date) row in the transaction that queues its mails, so across processes
 * and restarts it goes once. A granted extension gives the new due date reminders of its own.
 */

export type ReminderWords = (
  kind: ReminderKind,
  to: { name: string; role: "officer" | "handler" },
  facts: { due: IsoDate; link: string },
) => { subject: string; text: string };

/** Far enough ahead to hold "a few working days before" over any run of holidays. */
const HORIZON_DAYS = 14;

const KINDS_OUTLIVING_CLOSING = REQUEST_KINDS.filter(outlivesClosing);

export async function sendRequestReminders(services: Services, now: Date, words: ReminderWords): Promise<number> {
  const today = amsterdamDateOf(now);
  const holidays = await holidayTable(services.db);
  const candidates = await services.db
    .select({
      id: municipalityRequests.id,
      dossierId: municipalityRequests.dossierId,
      municipalityId: municipalityRequests.municipalityId,
      dueOn: municipalityRequests.dueOn,
      status: municipalityRequests.status,
      answeredOn: municipalityRequests.answeredOn,
      number: dossiers.number,
      assigneeId: dossiers.assigneeId,
    })
    .from(municipalityRequests)
    .innerJoin(dossiers, eq(dossiers.id, municipalityRequests.dossierId))
    .where(
      and(
        eq(municipalityRequests.status, "open"),
        lte(municipalityRequests.dueOn, addDays(today, HORIZON_DAYS)),
        // A closed dossier waits for nothing, except the follow-up of its report's recommendation.
        or(ne(dossiers.status, "closed"), inArray(municipalityRequests.kind, KINDS_OUTLIVING_CLOSING)),
      ),
    )
    .orderBy(asc(municipalityRequests.dueOn), asc(municipalityRequests.id));
  let sent = 0;
  for (const request of candidates) {
    if (request.status !== "open") continue;
    const kind = reminderFor(request, today, holidays);
    if (!kind) continue;
    const claimed = await services.db.transaction(async (tx) => {
      // Waits for a claim another process has not committed yet, then finds the row taken.
      const [claim] = await tx
        .insert(requestReminders)
        .values({ requestId: request.id, kind, dueOn: request.dueOn, sentAt: now })
        .onConflictDoNothing()
        .returning({ requestId: requestReminders.requestId });
      if (!claim) return false;
      // The request may have been answered since it was read: then nothing goes.
      const [still] = await tx
        .select({ status: municipalityRequests.status })
        .from(municipalityRequests)
        .where(and(eq(municipalityRequests.id, request.id), eq(municipalityRequests.dueOn, request.dueOn)));
      if (still?.status !== "open") return false;
      const officers = await activeOfficers(tx, request.municipalityId);
      const handler = request.assigneeId
        ? await tx
            .select({ email: users.email, name: users.name })
            .from(users)
            .where(and(eq(users.id, request.assigneeId), eq(users.active, true)))
        : [];
      const { publicUrl } = services.env;
      const recipients = [
        ...officers.map((o) => ({
          ...o,
          role: "officer" as const,
          link: portalRequestLink(publicUrl, request.number, request.id),
        })),
        ...handler.map((h) => ({ ...h, role: "handler" as const, link: backOfficeLink(publicUrl, request.number) })),
      ];
      for (const to of recipients) {
        await enqueueMail(tx, {
          to: to.email,
          ...words(kind, { name: to.name, role: to.role }, { due: request.dueOn, link: to.link }),
          locale: "nl",
          kind: "request_reminder",
          subjectType: "municipality_request",
          subjectId: request.id,
        });
      }
      await tx.insert(dossierEvents).values({
        dossierId: request.dossierId,
        at: now,
        actorUserId: null,
        type: "request_reminder",
        details: { requestId: request.id, kind, dueOn: request.dueOn, mailed: recipients.length },
      });
      return true;
    });
    if (claimed) sent += 1;
  }
  if (sent > 0) logger.info("request reminders queued", { count: sent });
  return sent;
}
