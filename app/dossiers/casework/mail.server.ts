import { addContact } from "./contact.server";
import { and, eq } from "drizzle-orm";
import { enqueueMail } from "#app/mail/outbox.server";
import type { Queryable } from "#db/client";
import { dossierParties, users, type Dossier } from "#db/schema/index";
import { backOfficeScope, type UserActor } from "../scope.server";
import { closed, issue, OK, runCommand, type CaseworkActor, type CommandScope } from "./command.server";

/** The standard texts a handler may start a mail from; their words are in the catalogue (casework.mailTemplates). */
export const MAIL_TEMPLATES = ["acknowledgement", "request_information", "clock_paused", "closing"] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export const SUBJECT_MAX = 200;
export const MAIL_BODY_MAX = 10_000;

export type MailInput = {
  mailTemplate?: MailTemplate;
  mailSubject: string;
  mailBody: string;
  /** The mail is the contact with the resident (the first one meets the 14-day promise). */
  mailCountsAsContact?: boolean;
};
export type MailValues = { naam: string; dossiernummer: string; behandelaar: string };

/** Fills the three placeholders of the standard texts; any other {word} stays as written. */
export function fillPlaceholders(template: string, values: MailValues): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? values[key as keyof MailValues] : whole,
  );
}

/** Who receives mail about the dossier: the representative when there is one, otherwise the complainant. */
export async function contactParty(db: Queryable, dossier: Pick<Dossier, "id" | "byRepresentative">, actor: UserActor) {
  const role = dossier.byRepresentative ? "representative" : "complainant";
  const [party] = await db
    .select({ name: dossierParties.name, email: dossierParties.email })
    .from(dossierParties)
    .where(
      and(
        eq(dossierParties.dossierId, dossier.id),
        eq(dossierParties.role, role),
        backOfficeScope(actor).caseFile(dossierParties.dossierId),
      ),
    );
  return party ?? null;
}

/** The values for {naam}, {dossiernummer} and {behandelaar}: the handler is the assignee, or else the sender. */
export async function mailValues(
  db: Queryable,
  dossier: Pick<Dossier, "id" | "number" | "byRepresentative" | "assigneeId">,
  actor: CaseworkActor,
) {
  const party = await contactParty(db, dossier, actor);
  let handler = actor.name;
  if (dossier.assigneeId) {
    const [assignee] = await db.select({ name: users.name }).from(users).where(eq(users.id, dossier.assigneeId));
    if (assignee) handler = assignee.name;
  }
  return {
    party,
    values: { naam: party?.name ?? "", dossiernummer: dossier.number, behandelaar: handler } satisfies MailValues,
  };
}

/** Text a standard text asks the handler to replace: "[Vul hier …]" / "[Fill in …]". */
const UNFILLED = /\[(?:vul|fill)\b[^\]]*\]/i;

/**
 * Puts a mail to the resident in the outbox, in the same transaction as its `mail_sent` event,
 * in the resident's language. Refused when the contact party has no e-mail address.
 */
export function sendMail(scope: CommandScope, input: MailInput) {
  return queueResidentMail(scope, input, "open");
}

/**
 * The closing letter by mail (issue 14): the one mail a closed dossier still sends, started
 * from the standard text for its outcome (app/i18n/sections/closingLetter.ts).
 */
export function sendClosingLetter(scope: CommandScope, input: Omit<MailInput, "mailTemplate">) {
  return queueResidentMail(scope, { ...input, mailTemplate: "closing_letter" }, "closed");
}

async function queueResidentMail(
  scope: CommandScope,
  input: Omit<MailInput, "mailTemplate"> & { mailTemplate?: MailTemplate | "closing_letter" },
  when: "open" | "closed",
) {
  const result = await runCommand(scope, async (run) => {
    const { tx, dossier, record } = run;
    if (when === "open" && dossier.status === "closed") return closed("mailSubject");
    if (when === "closed" && dossier.status !== "closed") return issue("mailSubject", "not-closed");
    const { party, values } = await mailValues(tx, dossier, scope.actor);
    if (!party?.email) return issue("mailTo", "mail-no-address", { name: party?.name ?? "" });
    if (UNFILLED.test(input.mailSubject)) return issue("mailSubject", "mail-unfilled");
    if (UNFILLED.test(input.mailBody)) return issue("mailBody", "mail-unfilled");
    const locale = dossier.locale === "en" ? "en" : "nl";
    const subject = fillPlaceholders(input.mailSubject, values);
    const body = fillPlaceholders(input.mailBody, values);
    const mail = await enqueueMail(tx, {
      to: party.email,
      subject,
      text: body,
      locale,
      kind: "dossier-message",
      subjectType: "dossier",
      subjectId: dossier.id,
    });
    const facts = { outboxId: mail.id, template: input.mailTemplate ?? null, locale };
    await record("mail_sent", { ...facts, to: party.email, subject }, facts);
    if (input.mailCountsAsContact)
      await addContact(run, {
        contactChannel: "email",
        contactDate: run.today,
        contactSummary: subject,
        mailOutboxId: mail.id,
      });
    return OK;
  });
  if (result.ok) scope.ctx.services.wakeMailWorker();
  return result;
}
