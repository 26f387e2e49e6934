import { and, asc, eq, exists, inArray, isNull, lte, notExists, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "#db/client";
import { digestLog, dossierApprovals, dossierFollowUps, dossiers, nextDueOn, users } from "#db/schema/index";
import { enqueueMail } from "#app/mail/outbox.server";
import { addDays, amsterdamDateOf, type IsoDate } from "#app/utils/calendar-date";
import { logger } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";
import { backOfficeScope, STAFF_ROLES, type UserActor } from "./scope.server";

/**
 * The morning digest: each active handler or coordinator with open dossiers assigned that are
 * overdue or due within three days, or with follow-ups they set for today, gets one mail a day
 * listing them. Every app process runs
 * this every few minutes; the (user, day) row in digest_log is claimed in the same
 * transaction that queues the mail, so however many processes try, one mail goes out.
 */

export const DIGEST_HORIZON_DAYS = 3;
/** A handler with more than this sees the first ones and a pointer to the queue. */
const DIGEST_MAX_ITEMS = 100;

const amsterdamHour = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  hour: "2-digit",
  hourCycle: "h23",
});

/** The hour (0–23) on the Amsterdam clock at the given instant. */
export function amsterdamHourOf(instant: Date): number {
  return Number(amsterdamHour.format(instant));
}

export type DigestItem = { number: string; complainant: string; dueOn: IsoDate; kind: "contact" | "handling" };
/** One handler's digest: their dossiers sorted by deadline; `total` counts the ones not listed too. */
export type DigestFollowUp = { number: string; note: string; dueOn: IsoDate };
export type Digest = {
  name: string;
  items: DigestItem[];
  total: number;
  /** The follow-ups they set themselves for today or earlier, not yet ticked off. */
  followUps: DigestFollowUp[];
  /** For a coordinator: how many approvals others asked for wait for a decision. */
  approvals: number;
  today: IsoDate;
  publicUrl: string;
};
/** Puts a digest into words (app/mail/digest.server.ts); the domain only decides who gets which dossiers. */
export type DigestRenderer = (digest: Digest) => { subject: string; text: string; html: string };

type Recipient = { id: string; role: UserActor["role"]; email: string; name: string };

const dueWithin = (horizon: IsoDate) => and(sql`${dossiers.status} <> 'closed'`, lte(nextDueOn, horizon));

/**
 * Staff who have something due and no digest yet today (a cheap pre-check; the claim decides).
 * Only staff roles, whose back-office scope is every dossier; each digest is read under its
 * recipient's scope (`dueDossiers`).
 */
function recipientsFor(db: Queryable, today: IsoDate, horizon: IsoDate): Promise<Recipient[]> {
  return db
    .select({ id: users.id, role: users.role, email: users.email, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        inArray(users.role, [...STAFF_ROLES]),
        or(
          exists(
            db
              .select({ one: sql`1` })
              .from(dossiers)
              .where(and(eq(dossiers.assigneeId, users.id), dueWithin(horizon))),
          ),
          exists(
            db
              .select({ one: sql`1` })
              .from(dossierFollowUps)
              .where(and(eq(dossierFollowUps.ownerId, users.id), followUpDue(today))),
          ),
          and(
            eq(users.role, "coordinator"),
            exists(
              db
                .select({ one: sql`1` })
                .from(dossierApprovals)
                .where(waitingFor(users.id)),
            ),
          ),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(digestLog)
            .where(and(eq(digestLog.userId, users.id), eq(digestLog.day, today))),
        ),
      ),
    )
    .orderBy(asc(users.id));
}

/** Approvals waiting for a decision that this coordinator may take (not their own requests). */
const waitingFor = (userId: SQL | string | typeof users.id) =>
  and(eq(dossierApprovals.state, "pending"), sql`${dossierApprovals.askedBy} <> ${userId}`);

const followUpDue = (today: IsoDate) => and(lte(dossierFollowUps.dueOn, today), isNull(dossierFollowUps.doneAt));

/** The recipient's follow-ups due by today on dossiers still open, the earliest first. */
function dueFollowUps(db: Queryable, recipient: UserActor, today: IsoDate) {
  return db
    .select({ number: dossiers.number, note: dossierFollowUps.note, dueOn: dossierFollowUps.dueOn })
    .from(dossierFollowUps)
    .innerJoin(dossiers, eq(dossiers.id, dossierFollowUps.dossierId))
    .where(
      and(
        eq(dossierFollowUps.ownerId, recipient.id),
        followUpDue(today),
        sql`${dossiers.status} <> 'closed'`,
        backOfficeScope(recipient).dossiers,
      ),
    )
    .orderBy(asc(dossierFollowUps.dueOn), asc(dossiers.number))
    .limit(DIGEST_MAX_ITEMS);
}

/** The first dossiers for one user's digest, overdue first (earliest deadline first), and how many there are in all. */
function dueDossiers(db: Queryable, recipient: UserActor, horizon: IsoDate) {
  return db
    .select({
      number: dossiers.number,
      complainant: dossiers.complainantName,
      dueOn: sql<string>`${nextDueOn}`,
      firstContactAt: dossiers.firstContactAt,
      total: sql<number>`(count(*) OVER ())::int`,
    })
    .from(dossiers)
    .where(and(eq(dossiers.assigneeId, recipient.id), dueWithin(horizon), backOfficeScope(recipient).dossiers))
    .orderBy(asc(nextDueOn), asc(dossiers.number))
    .limit(DIGEST_MAX_ITEMS);
}

/**
 * Queues today's digests, put into words by `render`, once the Amsterdam clock has reached the digest hour. Returns how many
 * were queued by this call; 0 when another process (or an earlier call) already did it.
 */
export async function sendDueDigests(
  services: Pick<Services, "db" | "env" | "wakeMailWorker">,
  now: Date,
  render: DigestRenderer,
): Promise<{ sent: number }> {
  const { db, env } = services;
  if (amsterdamHourOf(now) < env.digestHour) return { sent: 0 };
  const today = amsterdamDateOf(now);
  const horizon = addDays(today, DIGEST_HORIZON_DAYS);

  let sent = 0;
  for (const recipient of await recipientsFor(db, today, horizon)) {
    try {
      const queued = await db.transaction(async (tx) => {
        const rows = await dueDossiers(tx, recipient, horizon);
        const followUps = await dueFollowUps(tx, recipient, today);
        const [waiting] =
          recipient.role === "coordinator"
            ? await tx
                .select({ n: sql<number>`count(*)::int` })
                .from(dossierApprovals)
                .where(waitingFor(recipient.id))
            : [{ n: 0 }];
        const approvals = waiting?.n ?? 0;
        if (rows.length === 0 && followUps.length === 0 && approvals === 0) return false;
        // Waits for a claim another process has not committed yet, then finds the row taken.
        const [claimed] = await tx
          .insert(digestLog)
          .values({ userId: recipient.id, day: today })
          .onConflictDoNothing()
          .returning({ userId: digestLog.userId });
        if (!claimed) return false;
        const items = rows.map((r) => ({
          number: r.number,
          complainant: r.complainant,
          dueOn: r.dueOn,
          kind: r.firstContactAt ? ("handling" as const) : ("contact" as const),
        }));
        const mail = render({
          name: recipient.name,
          items,
          total: rows[0]?.total ?? rows.length,
          followUps,
          approvals,
          today,
          publicUrl: env.publicUrl,
        });
        await enqueueMail(tx, {
          to: recipient.email,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          locale: "nl",
          kind: "staff_digest",
          subjectType: "user",
          subjectId: recipient.id,
        });
        return true;
      });
      if (queued) sent++;
    } catch (err) {
      // One recipient's failure must not keep the others' digests back; the next run retries them.
      logger.error("digest failed", { err, userId: recipient.id, day: today });
    }
  }
  if (sent > 0) services.wakeMailWorker();
  return { sent };
}
