import { desc } from "drizzle-orm";
import type { Queryable } from "#db/client";
import { mailOutbox } from "#db/schema/index";

/** The latest outbox messages, for the development mailbox page. */
export function latestMail(db: Queryable, limit = 50) {
  return db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      text: mailOutbox.textBody,
      status: mailOutbox.status,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.id))
    .limit(limit);
}
