import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate, interpolate } from "#app/i18n/format";
import type { QuestionReminderWords } from "#app/residents/question-reminders.server";

/** The one reminder of a handler's question, in the resident's language, with the status page. */
export const questionReminderMail: QuestionReminderWords = (locale, facts) => {
  const r = messagesFor(locale).resident;
  const text = [
    interpolate(r.updateGreeting, { name: facts.name }),
    interpolate(r.questionReminder, { date: formatDate(facts.dueOn, locale, true) }),
    interpolate(r.updateFollow, { url: facts.statusUrl }),
    r.updateSignature,
  ].join("\n\n");
  return { subject: interpolate(r.questionReminderSubject, { number: facts.number }), text: `${text}\n` };
};
