import { createHash, randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { eq, lt, or } from "drizzle-orm";
import type { RequestContext, Services } from "#app/utils/services.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { sessions, users, type UserRole } from "#db/schema/index";

/**
 * Server-side sessions for staff and municipality officers: the cookie holds only a random
 * id; the row holds the user, the idle clock and the absolute expiry, so logout and
 * expiry take effect everywhere at once. The row is keyed by the id's sha256 (as drafts
 * are), so whoever reads the table cannot present a session of their own.
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

const hashSessionId = (id: string) => createHash("sha256").update(id).digest("hex");

/** `id` is the session id as the browser holds it (the cookie's value); the row stores only its hash. */
export async function createSession(
  context: Ctx,
  userId: string,
  request: Request,
): Promise<{ id: string; cookie: string }> {
  const id = randomBytes(32).toString("base64url");
  await context.services.db.insert(sessions).values({
    id: hashSessionId(id),
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

/**
 * The signed-in user, or null; an idle or expired session is deleted on sight, and so is a demo
 * account's under production (a development database reused).
 */
export async function getSession(request: Request, context: Ctx): Promise<SessionState> {
  const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (!token) return { user: null, expired: false };
  const id = hashSessionId(token);
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
      demo: users.demo,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return { user: null, expired: false };
  const now = Date.now();
  const idleLimit = row.lastSeenAt.getTime() + env.sessionIdleMinutes * 60 * 1000;
  if (!row.active || (row.demo && env.isProduction) || now > row.expiresAt.getTime() || now > idleLimit) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { user: null, expired: true };
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
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

/** Sessions past their absolute expiry or idle limit (those nobody presents again would stay forever). */
export async function deleteExpiredSessions(services: Pick<Services, "db" | "env">, now = new Date()): Promise<number> {
  const idleSince = new Date(now.getTime() - services.env.sessionIdleMinutes * 60 * 1000);
  const deleted = await services.db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleSince)))
    .returning({ id: sessions.id });
  return deleted.length;
}

const REDIRECT_BASE = new URL("http://redirect.invalid");

/**
 * A same-origin path to go to after signing in, or the fallback. Judged the way a browser reads
 * a Location header: the WHATWG parser drops tabs and newlines and takes backslashes for
 * slashes, so "/<tab>/evil.example" and "/<backslash>evil.example" are other hosts; the normalised result is
 * checked again, since dot segments can turn "/.//evil.example" into "//evil.example".
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  const again = new URL(path, REDIRECT_BASE);
  if (again.origin !== REDIRECT_BASE.origin || again.href !== url.href) return fallback;
  return path;
}

export function homeFor(role: UserRole): string {
  return role === "municipality_officer" ? "/gemeente" : "/behandelaar";
}
