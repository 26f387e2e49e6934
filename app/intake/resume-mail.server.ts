import { messagesFor, type Locale } from "#app/i18n/catalogue.server";
import { formatDate, interpolate } from "#app/i18n/format";
import { enqueueMail } from "#app/mail/outbox.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import type { Services } from "#app/utils/services.server";
import type { Transaction } from "#db/client";
import { mailOutbox } from "#db/schema/index";
import { and, eq } from "drizzle-orm";
import { createResumeLink, resumePathFor } from "./resume.server";

/**
 * A new resume link for the draft, queued as a mail to `to` in the resident's language (with the
 * day the link stops working); false when the hourly limit of links for the draft is reached.
 */
export async function mailResumeLink(
  tx: Transaction,
  services: Services,
  draft: { id: string; expiresAt: Date },
  to: string,
  locale: Locale,
): Promise<boolean> {
  const token = await createResumeLink(tx, draft, services.now());
  if (!token) return false;
  const t = messagesFor(locale).resume;
  await enqueueMail(tx, {
    to,
    subject: t.mailSubject,
    text: interpolate(t.mailText, {
      link: `${services.env.publicUrl}${resumePathFor(token)}`,
      date: formatDate(amsterdamDateOf(draft.expiresAt), locale, true),
    }),
    locale,
    kind: "draft_resume",
    subjectType: "intake_draft",
    subjectId: draft.id,
  });
  return true;
}

/**
 * The link sent without asking, once the form knows the resident's address: once per address
 * and draft (a changed address gets its own; saving the step again sends nothing).
 */
export function offerResumeLink(
  services: Services,
  draft: { id: string; expiresAt: Date },
  to: string,
  locale: Locale,
): Promise<boolean> {
  return services.db.transaction(async (tx) => {
    const [sent] = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.kind, "draft_resume"),
          eq(mailOutbox.subjectType, "intake_draft"),
          eq(mailOutbox.subjectId, draft.id),
          eq(mailOutbox.toAddress, to),
        ),
      )
      .limit(1);
    return sent ? false : mailResumeLink(tx, services, draft, to, locale);
  });
}
