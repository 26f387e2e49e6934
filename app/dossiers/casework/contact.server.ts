import { eq } from "drizzle-orm";
import type { IsoDate } from "#app/utils/calendar-date";
import { dossierContacts, dossiers } from "#db/schema/index";
import { mailResidentUpdate } from "#app/residents/update-mail.server";
import { closed, OK, pastDateIssue, runCommand, type CommandRun, type CommandScope } from "./command.server";

export const SUMMARY_MAX = 2000;

export type ContactInput = { contactChannel: "phone" | "email"; contactDate: IsoDate; contactSummary: string };

/** The instant stored as the first contact: now when it was today, otherwise noon of that day (same Amsterdam date). */
function contactInstant(date: IsoDate, today: IsoDate, now: Date): Date {
  return date === today ? now : new Date(`${date}T12:00:00Z`);
}

/**
 * Records a phone call or e-mail with the resident. The first one meets (or misses) the 14-day
 * promise and sets `firstContactAt` for good; a dossier still "received" moves to "intake".
 */
export function recordContact(scope: CommandScope, input: ContactInput) {
  return runCommand(scope, async (run) => {
    if (run.dossier.status === "closed") return closed("contactChannel");
    const dateIssue = pastDateIssue(run, "contactDate", input.contactDate);
    if (dateIssue) return dateIssue;
    await addContact(run, input);
    return OK;
  });
}

/**
 * A contact within a command's transaction: the handler's record of a call or mail, or the mail a
 * handler sent that counts as contact (`mailOutboxId`: the mail that made it, shown with its text).
 */
export async function addContact(run: CommandRun, input: ContactInput & { mailOutboxId?: number }) {
  const { tx, dossier, record, scope } = run;
  const [contact] = await tx
    .insert(dossierContacts)
    .values({
      dossierId: dossier.id,
      contactedOn: input.contactDate,
      channel: input.contactChannel,
      summary: input.contactSummary,
      recordedBy: scope.actor.id,
      mailOutboxId: input.mailOutboxId ?? null,
    })
    .returning({ id: dossierContacts.id });
  if (!contact) throw new Error("contact insert returned nothing");
  const first = dossier.firstContactAt === null;
  const toIntake = dossier.status === "received";
  if (first || toIntake) {
    await tx
      .update(dossiers)
      .set({
        ...(first ? { firstContactAt: contactInstant(input.contactDate, run.today, run.now) } : {}),
        ...(toIntake ? { status: "intake" as const } : {}),
      })
      .where(eq(dossiers.id, dossier.id));
  }
  const facts = {
    contactId: contact.id,
    channel: input.contactChannel,
    contactedOn: input.contactDate,
    first,
    ...(input.mailOutboxId ? { outboxId: input.mailOutboxId } : {}),
  };
  await record("contact_recorded", { ...facts, contactDueOn: dossier.contactDueOn }, facts);
  if (toIntake) {
    const change = { from: "received", to: "intake", outcome: null, detail: null, trigger: "contact_recorded" };
    await record("status_changed", change, change);
  }
  // The first contact meets the 14-day promise: the resident hears that it is on record.
  // (Not when the contact was itself a mail to them: that mail says it.)
  if (first && !input.mailOutboxId) await mailResidentUpdate(run, { code: "contact", on: input.contactDate });
}
