import { randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { and, eq, lt } from "drizzle-orm";
import type { RequestContext } from "#app/utils/services.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { sessions, users, type UserRole } from "#db/schema/index";

/**
 * Server-side sessions for staff and municipality officers: the cookie holds only a random
 * id; the row holds the user, the idle clock and the absolute expiry, so logout and
 * expiry take effect everywhere at once.
 */

export const SESSION_COOKIE = "oma_session";
const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
const TOUCH_AFTER_MS = 60 * 1000;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  municipalityId: string | null;
  sessionId: string;
};

type Ctx = Pick<RequestContext, "services" | "clientIp">;

export async function createSession(
  context: Ctx,
  userId: string,
  request: Request,
): Promise<{ id: string; cookie: string }> {
  const id = randomBytes(32).toString("base64url");
  await context.services.db.insert(sessions).values({
    id,
    userId,
    expiresAt: new Date(Date.now() + ABSOLUTE_LIFETIME_MS),
    ip: context.clientIp,
    userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
  });
  const cookie = serializeCookie(SESSION_COOKIE, id, {
    secure: context.services.env.isProduction,
    sameSite: "Lax",
    httpOnly: true,
  });
  return { id, cookie };
}

export function clearSessionCookie(context: Ctx): string {
  return serializeCookie(SESSION_COOKIE, "", { secure: context.services.env.isProduction, maxAgeSeconds: 0 });
}

export type SessionState = { user: SessionUser } | { user: null; expired: boolean };

/** The signed-in user, or null; an idle or expired session is deleted on sight. */
export async function getSession(request: Request, context: Ctx): Promise<SessionState> {
  const id = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (!id) return { user: null, expired: false };
  const { db, env } = context.services;
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      municipalityId: users.municipalityId,
      active: users.active,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return { user: null, expired: false };
  const now = Date.now();
  const idleLimit = row.lastSeenAt.getTime() + env.sessionIdleMinutes * 60 * 1000;
  if (!row.active || now > row.expiresAt.getTime() || now > idleLimit) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { user: null, expired: true };
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  return {
    user: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      municipalityId: row.municipalityId,
      sessionId: row.sessionId,
    },
  };
}

export async function getUser(request: Request, context: Ctx): Promise<SessionUser | null> {
  return (await getSession(request, context)).user;
}

/**
 * The signed-in user with one of the given roles. Without a session: a redirect to the
 * sign-in page that comes back here. With the wrong role: 403.
 */
export async function requireUser(request: Request, context: Ctx, roles: readonly UserRole[]): Promise<SessionUser> {
  const state = await getSession(request, context);
  if (!state.user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ terug: url.pathname + url.search });
    if (state.expired) params.set("verlopen", "1");
    throw redirect(`/inloggen?${params.toString()}`, {
      headers: state.expired ? { "Set-Cookie": clearSessionCookie(context) } : undefined,
    });
  }
  if (!roles.includes(state.user.role)) throw new Response("Forbidden", { status: 403 });
  return state.user;
}

export async function destroySession(context: Ctx, sessionId: string): Promise<void> {
  await context.services.db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteExpiredSessions(context: Ctx): Promise<void> {
  await context.services.db.delete(sessions).where(and(lt(sessions.expiresAt, new Date())));
}

/** Only same-site paths, so a sign-in link can never send someone to another site. */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

export function homeFor(role: UserRole): string {
  return role === "municipality_officer" ? "/gemeente" : "/behandelaar";
}
