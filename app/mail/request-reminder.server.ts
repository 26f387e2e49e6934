import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate, interpolate } from "#app/i18n/format";
import type { ReminderWords } from "#app/portal/reminders.server";

/** The reminders in Dutch (officers and staff have no language setting yet): the due date and a link, nothing more. */
export const reminderMail: ReminderWords = (kind, to, facts) => {
  const r = messagesFor("nl").requests;
  const body = to.role === "officer" ? r.reminderOfficerText : r.reminderHandlerText;
  return {
    subject: r.reminderSubjects[kind],
    text: interpolate(body, { name: to.name, due: formatDate(facts.due, "nl", true), link: facts.link }),
  };
};
