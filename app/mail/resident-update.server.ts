import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate, interpolate, type Locale } from "#app/i18n/format";
import type { ResidentUpdate } from "#app/residents/update-mail.server";
import type { Dossier } from "#db/schema/index";

/** The words of the resident's update mail (app/residents/update-mail.server.ts queues it), pure apart from the catalogue: what changed, what comes next and by when. */
export function residentUpdateMail(
  locale: Locale,
  facts: {
    name: string;
    number: string;
    statusUrl: string;
    dossier: Pick<Dossier, "contactDueOn" | "handlingDueOn" | "firstContactAt">;
  },
  update: ResidentUpdate,
): { subject: string; text: string } {
  const r = messagesFor(locale).resident;
  const day = (iso: string) => formatDate(iso, locale, true);
  const lines: string[] = [interpolate(r.updateGreeting, { name: facts.name })];
  if (update.code === "taken_up") {
    lines.push(r.updateTakenUp);
    lines.push(
      facts.dossier.firstContactAt === null
        ? interpolate(r.nextContact, { date: day(facts.dossier.contactDueOn) })
        : interpolate(r.nextAssessment, { date: day(facts.dossier.handlingDueOn) }),
    );
  } else if (update.code === "contact") {
    lines.push(interpolate(r.updateContact, { date: day(update.on) }));
    lines.push(interpolate(r.nextAssessment, { date: day(facts.dossier.handlingDueOn) }));
  } else if (update.code === "status") {
    lines.push(r.ways[update.to], interpolate(r.nextHandling, { date: day(facts.dossier.handlingDueOn) }));
  } else if (update.code === "question") {
    lines.push(r.updateQuestion, update.questions, interpolate(r.updateQuestionDue, { date: day(update.dueOn) }));
  } else if (update.code === "reopened") {
    // No date: the handling target may have passed while it was closed; the handler says what comes next.
    lines.push(r.updateReopened);
  } else if (update.code === "document") {
    lines.push(interpolate(r.updateDocument, { name: update.fileName }));
  } else {
    lines.push(r.updateClosed);
    if (update.outcome && update.outcome in r.outcomes)
      lines.push(r.outcomes[update.outcome as keyof typeof r.outcomes]);
  }
  lines.push(interpolate(r.updateFollow, { url: facts.statusUrl }), r.updateSignature);
  return { subject: interpolate(r.updateSubject, { number: facts.number }), text: lines.join("\n\n") + "\n" };
}
