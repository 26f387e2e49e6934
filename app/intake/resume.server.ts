import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Services } from "#app/utils/services.server";
import type { Queryable } from "#db/client";
import { draftResumeLinks, intakeDrafts } from "#db/schema/index";
import { reissueDraftToken } from "./drafts.server";

/**
 * Resuming a draft on another device: a one-time link by e-mail, stored as its hash, valid until
 * the draft expires. Using it moves the draft to the browser that used it. A resident who lost
 * the link (or used it) asks for a new one with their address: the same answer either way.
 */

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
export const resumePathFor = (token: string) => `/klacht/verder/${token}`;
/** At most this many links per draft per hour. */
export const RESUME_LINKS_PER_HOUR = 3;

export async function createResumeLink(db: Queryable, draft: { id: string; expiresAt: Date }, now: Date) {
  const [recent] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(draftResumeLinks)
    .where(
      and(eq(draftResumeLinks.draftId, draft.id), gt(draftResumeLinks.createdAt, new Date(now.getTime() - 3_600_000))),
    );
  if ((recent?.n ?? 0) >= RESUME_LINKS_PER_HOUR) return null;
  const token = randomBytes(32).toString("base64url");
  await db
    .insert(draftResumeLinks)
    .values({ id: hash(token), draftId: draft.id, createdAt: now, expiresAt: draft.expiresAt });
  return token;
}

export type ResumeState = "valid" | "used" | "expired" | "unknown";

export async function inspectResumeLink(db: Queryable, token: string, now: Date): Promise<ResumeState> {
  const [row] = await db
    .select({
      usedAt: draftResumeLinks.usedAt,
      expiresAt: draftResumeLinks.expiresAt,
      submittedAt: intakeDrafts.submittedAt,
    })
    .from(draftResumeLinks)
    .innerJoin(intakeDrafts, eq(intakeDrafts.id, draftResumeLinks.draftId))
    .where(eq(draftResumeLinks.id, hash(token)));
  if (!row) return "unknown";
  if (row.usedAt || row.submittedAt) return "used";
  return row.expiresAt <= now ? "expired" : "valid";
}

/** Uses the link once and moves the draft here: the Set-Cookie of its new token, or why not. */
export async function redeemResumeLink(
  services: Services,
  token: string,
): Promise<{ state: "moved"; cookie: string } | { state: Exclude<ResumeState, "valid"> }> {
  const now = services.now();
  const moved = await services.db.transaction(async (tx) => {
    const [taken] = await tx
      .update(draftResumeLinks)
      .set({ usedAt: now })
      .where(
        and(eq(draftResumeLinks.id, hash(token)), isNull(draftResumeLinks.usedAt), gt(draftResumeLinks.expiresAt, now)),
      )
      .returning({ draftId: draftResumeLinks.draftId });
    if (!taken) return null;
    return reissueDraftToken(tx, services, taken.draftId);
  });
  if (moved) return { state: "moved", cookie: moved.cookie };
  const state = await inspectResumeLink(services.db, token, now);
  return { state: state === "valid" ? "used" : state };
}

/** The live, unsent drafts that hold this e-mail address as the resident's own. */
export async function draftsWithAddress(db: Queryable, email: string, now: Date) {
  return db
    .select({ id: intakeDrafts.id, expiresAt: intakeDrafts.expiresAt, locale: intakeDrafts.locale })
    .from(intakeDrafts)
    .where(
      and(
        isNull(intakeDrafts.submittedAt),
        gt(intakeDrafts.expiresAt, now),
        sql`lower(${intakeDrafts.answers} -> 'contact' ->> 'email') = ${email.trim().toLowerCase()}`,
      ),
    )
    .limit(5);
}
