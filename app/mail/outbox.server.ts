import type { Queryable } from "#db/client";
import { mailOutbox } from "#db/schema/mail";

export type OutboxMailInput = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  locale: "nl" | "en";
  /** What the message is about in the product's terms, e.g. "dossier-received". */
  kind: string;
  subjectType?: string;
  subjectId?: string;
};

/**
 * Puts a message in the outbox. Pass the transaction that records the event causing the
 * message: the mail then exists exactly when the event does, and the worker sends it later.
 */
export async function enqueueMail(db: Queryable, message: OutboxMailInput): Promise<{ id: number }> {
  const [row] = await db
    .insert(mailOutbox)
    .values({
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html ?? null,
      locale: message.locale,
      kind: message.kind,
      subjectType: message.subjectType ?? null,
      subjectId: message.subjectId ?? null,
    })
    .returning({ id: mailOutbox.id });
  if (!row) throw new Error("insert into mail_outbox returned no row");
  return row;
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
