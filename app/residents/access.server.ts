import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import type { RequestContext, Services } from "#app/utils/services.server";
import type { Queryable } from "#db/client";
import { DOSSIER_NUMBER } from "#db/dossier-numbers";
import { dossierParties, dossiers, residentLinks, residentSessions } from "#db/schema/index";

/**
 * How a resident gets back to their dossier without an account: a one-time link mailed to the
 * address the dossier holds, which opens a short session (30 minutes idle, 12 hours at most).
 * Tokens and session ids exist only in the mail and the cookie; the tables hold their sha256.
 * Asking for a link never tells whether the number and address belong together.
 */

export const RESIDENT_COOKIE = "oma_resident";
/** A link in a mail works for a week, once. */
export const LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** At most this many links per dossier per hour: a stranger cannot flood the resident's mailbox. */
export const LINKS_PER_HOUR = 3;
const TOUCH_AFTER_MS = 60 * 1000;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const token = () => randomBytes(32).toString("base64url");

export const residentLinkPath = (value: string) => `/mijn-klacht/link/${value}`;

/** A new one-time link to the dossier; the token goes into the mail, its hash into the table. */
export async function createResidentLink(db: Queryable, dossierId: string, now: Date): Promise<string> {
  const value = token();
  await db
    .insert(residentLinks)
    .values({ id: hash(value), dossierId, createdAt: now, expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS) });
  return value;
}

export type LinkTarget = { dossierId: string; number: string; email: string; name: string };

/**
 * The dossier a resident may ask a link for: this number, and this address on the party the
 * dossier reaches (the complainant, or the representative). Null whatever the reason.
 */
export async function linkTarget(db: Queryable, number: string, email: string): Promise<LinkTarget | null> {
  const normalized = number.trim().toUpperCase();
  const address = email.trim().toLowerCase();
  if (!DOSSIER_NUMBER.test(normalized) || address === "") return null;
  const [row] = await db
    .select({
      dossierId: dossiers.id,
      number: dossiers.number,
      email: dossierParties.email,
      name: dossierParties.name,
    })
    .from(dossiers)
    .innerJoin(dossierParties, eq(dossierParties.dossierId, dossiers.id))
    .where(and(eq(dossiers.number, normalized), sql`lower(${dossierParties.email}) = ${address}`))
    .limit(1);
  if (!row?.email) return null;
  return { ...row, email: row.email };
}

/** Whether another link may go to this dossier now (the hourly limit). */
export async function mayMailLink(db: Queryable, dossierId: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(residentLinks)
    .where(
      and(eq(residentLinks.dossierId, dossierId), gt(residentLinks.createdAt, new Date(now.getTime() - 3_600_000))),
    );
  return (row?.n ?? 0) < LINKS_PER_HOUR;
}

export type LinkState = { state: "valid"; dossierId: string } | { state: "used" | "expired" | "unknown" };

/** What a link is now, without using it (the page before the button). */
export async function inspectLink(db: Queryable, value: string, now: Date): Promise<LinkState> {
  const [row] = await db
    .select()
    .from(residentLinks)
    .where(eq(residentLinks.id, hash(value)));
  if (!row) return { state: "unknown" };
  if (row.usedAt) return { state: "used" };
  if (row.expiresAt <= now) return { state: "expired" };
  return { state: "valid", dossierId: row.dossierId };
}

/**
 * Uses the link: marks it used (one request wins; a second gets `used`) and opens a session for
 * its dossier. Returns the Set-Cookie header of the session.
 */
export async function redeemLink(
  context: Pick<RequestContext, "services">,
  value: string,
): Promise<{ state: "opened"; dossierId: string; cookie: string } | { state: "used" | "expired" | "unknown" }> {
  const { db, env } = context.services;
  const now = context.services.now();
  const [taken] = await db
    .update(residentLinks)
    .set({ usedAt: now })
    .where(and(eq(residentLinks.id, hash(value)), isNull(residentLinks.usedAt), gt(residentLinks.expiresAt, now)))
    .returning({ dossierId: residentLinks.dossierId });
  if (!taken) {
    const state = await inspectLink(db, value, now);
    return { state: state.state === "valid" ? "used" : state.state };
  }
  const session = token();
  await db.insert(residentSessions).values({
    id: hash(session),
    dossierId: taken.dossierId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
  });
  const cookie = serializeCookie(RESIDENT_COOKIE, session, {
    path: "/mijn-klacht",
    secure: env.isProduction,
    sameSite: "Lax",
    httpOnly: true,
  });
  return { state: "opened", dossierId: taken.dossierId, cookie };
}

export type ResidentSession = { dossierId: string; sessionId: string };

/** The resident's session, or why there is none; an idle or expired one is deleted on sight. */
export async function getResidentSession(
  request: Request,
  context: Pick<RequestContext, "services">,
): Promise<{ session: ResidentSession } | { session: null; expired: boolean }> {
  const value = readCookie(request.headers.get("cookie"), RESIDENT_COOKIE);
  if (!value) return { session: null, expired: false };
  const id = hash(value);
  const { db } = context.services;
  const now = context.services.now().getTime();
  const [row] = await db.select().from(residentSessions).where(eq(residentSessions.id, id));
  if (!row) return { session: null, expired: true };
  if (now > row.expiresAt.getTime() || now > row.lastSeenAt.getTime() + SESSION_IDLE_MS) {
    await db.delete(residentSessions).where(eq(residentSessions.id, id));
    return { session: null, expired: true };
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS)
    await db
      .update(residentSessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(residentSessions.id, id));
  return { session: { dossierId: row.dossierId, sessionId: id } };
}

export function clearResidentCookie(context: Pick<RequestContext, "services">): string {
  return serializeCookie(RESIDENT_COOKIE, "", {
    path: "/mijn-klacht",
    secure: context.services.env.isProduction,
    maxAgeSeconds: 0,
  });
}

export async function endResidentSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(residentSessions).where(eq(residentSessions.id, sessionId));
}

/** Links and sessions nobody can use any more (run by housekeeping). */
export async function deleteStaleResidentAccess(services: Pick<Services, "db">, now: Date): Promise<number> {
  const links = await services.db
    .delete(residentLinks)
    .where(lt(residentLinks.expiresAt, now))
    .returning({ id: residentLinks.id });
  const sessions = await services.db
    .delete(residentSessions)
    .where(
      or(
        lt(residentSessions.expiresAt, now),
        lt(residentSessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
      ),
    )
    .returning({ id: residentSessions.id });
  return links.length + sessions.length;
}
