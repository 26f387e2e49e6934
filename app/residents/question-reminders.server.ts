import { statusPageUrl } from "./paths";
import { and, eq, isNull, lte, ne } from "drizzle-orm";
import { REMINDER_WORKING_DAYS_BEFORE, workingDaysBefore } from "#app/dossiers/requests";
import { holidayTable } from "#app/intake/reference.server";
import type { Locale } from "#app/i18n/format";
import { enqueueMail } from "#app/mail/outbox.server";
import { addDays, amsterdamDateOf } from "#app/utils/calendar-date";
import type { Services } from "#app/utils/services.server";
import { dossierParties, dossiers, residentQuestions } from "#db/schema/index";

/**
 * The one reminder of an open question to the resident, a few working days before its due date,
 * by e-mail (a resident without e-mail got the question by post and gets no reminder). Claimed by
 * setting `reminded_at` in the transaction that queues the mail: once across processes and restarts.
 */
/** The words of the reminder, in the resident's language (app/mail/question-reminder.server.ts). */
export type QuestionReminderWords = (
  locale: Locale,
  facts: { name: string; number: string; dueOn: string; statusUrl: string },
) => { subject: string; text: string };

export async function sendQuestionReminders(
  services: Services,
  now: Date,
  words: QuestionReminderWords,
): Promise<number> {
  const today = amsterdamDateOf(now);
  const holidays = [...(await holidayTable(services.db))];
  const candidates = await services.db
    .select({ id: residentQuestions.id, dueOn: residentQuestions.dueOn })
    .from(residentQuestions)
    .innerJoin(dossiers, eq(dossiers.id, residentQuestions.dossierId))
    .where(
      and(
        eq(residentQuestions.status, "open"),
        isNull(residentQuestions.remindedAt),
        lte(residentQuestions.dueOn, addDays(today, 14)),
        ne(dossiers.status, "closed"),
      ),
    );
  let sent = 0;
  for (const candidate of candidates) {
    if (today > candidate.dueOn || today < workingDaysBefore(candidate.dueOn, REMINDER_WORKING_DAYS_BEFORE, holidays))
      continue;
    const mailed = await services.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(residentQuestions)
        .set({ remindedAt: now })
        .where(
          and(
            eq(residentQuestions.id, candidate.id),
            isNull(residentQuestions.remindedAt),
            eq(residentQuestions.status, "open"),
          ),
        )
        .returning({ dossierId: residentQuestions.dossierId, dueOn: residentQuestions.dueOn });
      if (!claimed) return false;
      const [dossier] = await tx
        .select({ number: dossiers.number, locale: dossiers.locale })
        .from(dossiers)
        .where(eq(dossiers.id, claimed.dossierId));
      const parties = await tx
        .select({ role: dossierParties.role, name: dossierParties.name, email: dossierParties.email })
        .from(dossierParties)
        .where(eq(dossierParties.dossierId, claimed.dossierId));
      const to = parties.find((p) => p.role === "representative" && p.email) ?? parties.find((p) => p.email);
      if (!dossier || !to?.email) return false;
      const locale: Locale = dossier.locale === "en" ? "en" : "nl";
      const mail = words(locale, {
        name: to.name,
        number: dossier.number,
        dueOn: claimed.dueOn,
        statusUrl: statusPageUrl(services.env.publicUrl, dossier.number),
      });
      await enqueueMail(tx, {
        to: to.email,
        ...mail,
        locale,
        kind: "resident_update",
        subjectType: "dossier",
        subjectId: claimed.dossierId,
      });
      return true;
    });
    if (mailed) sent += 1;
  }
  return sent;
}
