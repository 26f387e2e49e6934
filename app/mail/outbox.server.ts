import { insertSelect, q, type Fragment } from "#db/raw-sql";
import type { Queryable } from "#db/client";
import { mailOutbox } from "#db/schema/mail";
import type { MailKind } from "#db/schema/values";

export { MAIL_KINDS, type MailKind } from "#db/schema/values";

export type OutboxMailInput = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  locale: "nl" | "en";
  /** What the message is about, one of `MAIL_KINDS`. */
  kind: MailKind;
  subjectType?: string;
  subjectId?: string;
};

/** The one mapping of a message onto the outbox's columns. */
function outboxRow(message: OutboxMailInput) {
  return {
    toAddress: message.to,
    subject: message.subject,
    textBody: message.text,
    htmlBody: message.html ?? null,
    locale: message.locale,
    kind: message.kind,
    subjectType: message.subjectType ?? null,
    subjectId: message.subjectId ?? null,
  } satisfies typeof mailOutbox.$inferInsert;
}

/**
 * Puts a message in the outbox. Pass the transaction that records the event causing the
 * message: the mail then exists exactly when the event does, and the worker sends it later.
 */
export async function enqueueMail(db: Queryable, message: OutboxMailInput): Promise<{ id: number }> {
  const [row] = await db.insert(mailOutbox).values(outboxRow(message)).returning({ id: mailOutbox.id });
  if (!row) throw new Error("insert into mail_outbox returned no row");
  return row;
}

/**
 * `enqueueMail` as a step of a larger statement (a common table expression), for a message
 * whose subject or text needs a value the same statement computes, such as a dossier number:
 * `fill` turns each of subject, text and html into SQL, `subjectId` may be SQL too, and the row
 * is inserted once per row of `from`. Returns `INSERT … RETURNING id`.
 */
export function enqueueMailStep(
  message: OutboxMailInput,
  from: Fragment,
  sql: { fill: (text: string) => Fragment; subjectId?: Fragment },
): Fragment {
  const row = outboxRow(message);
  return insertSelect(
    mailOutbox,
    [
      {
        ...row,
        subject: sql.fill(row.subject),
        textBody: sql.fill(row.textBody),
        htmlBody: row.htmlBody === null ? null : sql.fill(row.htmlBody),
        subjectId: sql.subjectId ?? row.subjectId,
      },
    ],
    from,
    q` RETURNING ${mailOutbox.id}`,
  );
}

/**
 * The Message-ID of an outbox message. It stays the same on every attempt, so a receiver
 * that gets a message twice (a worker died after the server accepted it) can drop the copy.
 */
export function outboxMessageId(outboxId: number, from: string): string {
  return `<outbox-${outboxId}@${domainOf(from)}>`;
}

function domainOf(from: string): string {
  // Accepts "Name <user@host>" as well as a bare "user@host".
  const match = /@([^\s<>@]+)>?\s*$/.exec(from.trim());
  return match?.[1]?.toLowerCase() ?? "localhost";
}
