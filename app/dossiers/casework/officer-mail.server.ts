import { and, eq } from "drizzle-orm";
import { enqueueMail, type MailKind } from "#app/mail/outbox.server";
import type { Transaction } from "#db/client";
import { users, type Dossier } from "#db/schema/index";

/** Words of a mail to an officer or a handler: it names no one but the addressee and holds only a link. */
export type LinkMail = (to: { name: string }, link: string) => { subject: string; text: string };

/** The active officers of a municipality, who get its mail. */
export function activeOfficers(tx: Transaction, municipalityId: string) {
  return tx
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(
      and(eq(users.role, "municipality_officer"), eq(users.municipalityId, municipalityId), eq(users.active, true)),
    );
}

/** A mail to each active officer of the dossier's municipality (officers have no language setting yet: Dutch). */
export async function mailOfficers(
  tx: Transaction,
  dossier: Pick<Dossier, "municipalityId">,
  message: { kind: MailKind; link: string; words: LinkMail; subjectType: string; subjectId: string },
): Promise<number> {
  const officers = await activeOfficers(tx, dossier.municipalityId);
  for (const officer of officers) {
    await enqueueMail(tx, {
      to: officer.email,
      ...message.words({ name: officer.name }, message.link),
      locale: "nl",
      kind: message.kind,
      subjectType: message.subjectType,
      subjectId: message.subjectId,
    });
  }
  return officers.length;
}

/** A mail to the dossier's handler, if it has an active one: a link and nothing else. */
export function mailAssignee(
  tx: Transaction,
  dossier: Pick<Dossier, "assigneeId">,
  message: { kind: MailKind; link: string; words: LinkMail; subjectType: string; subjectId: string },
): Promise<boolean> {
  return dossier.assigneeId ? mailStaffMember(tx, dossier.assigneeId, message) : Promise.resolve(false);
}

/** A mail to one member of staff, if their account is active: a link and nothing else. */
export async function mailStaffMember(
  tx: Transaction,
  userId: string,
  message: { kind: MailKind; link: string; words: LinkMail; subjectType: string; subjectId: string },
): Promise<boolean> {
  const [member] = await tx
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)));
  if (!member) return false;
  await enqueueMail(tx, {
    to: member.email,
    ...message.words({ name: member.name }, message.link),
    locale: "nl",
    kind: message.kind,
    subjectType: message.subjectType,
    subjectId: message.subjectId,
  });
  return true;
}
