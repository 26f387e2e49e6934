import { and, asc, eq, sql } from "drizzle-orm";
import { UUID, type UserActor } from "#app/dossiers/scope.server";
import { audit } from "#app/utils/audit.server";
import type { RequestContext } from "#app/utils/services.server";
import type { Queryable } from "#db/client";
import { municipalities, sessions, users, type UserRole } from "#db/schema/index";

/**
 * The coordinator's view of the municipality officers' accounts, and switching one off. Every
 * function answers "nothing" for anyone but a coordinator, so a route that forgets its guard still
 * shows and changes nothing.
 */

export const OFFICER_ACCOUNT_ROLES = ["coordinator"] as const satisfies readonly UserRole[];

export const DEACTIVATION_REASON_MAX = 500;

const mayManage = (actor: UserActor) => (OFFICER_ACCOUNT_ROLES as readonly UserRole[]).includes(actor.role);
const isOfficer = eq(users.role, "municipality_officer");

export type OfficerAccount = {
  id: string;
  name: string;
  email: string;
  municipalityName: string;
  active: boolean;
  secondFactor: boolean;
  lastLoginAt: Date | null;
};

/** Every municipality officer, per municipality, by name. */
export async function listOfficerAccounts(db: Queryable, actor: UserActor): Promise<OfficerAccount[] | null> {
  if (!mayManage(actor)) return null;
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      municipalityName: municipalities.name,
      active: users.active,
      secondFactor: sql<boolean>`${users.totpSecret} IS NOT NULL`,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .innerJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .where(isOfficer)
    .orderBy(asc(municipalities.name), asc(users.name), asc(users.email));
}

/** `changed: false`: the account was inactive already, and nothing was done. */
export type DeactivateResult = { ok: true; changed: boolean } | { ok: false; code: "not_found" };

/**
 * Switches an officer's account off: no sign-in from now on, every session of theirs ended at
 * once, and an audit row with the reason. One transaction, so the three happen together or not.
 */
export async function deactivateOfficerAccount(
  context: Pick<RequestContext, "services" | "clientIp" | "requestId">,
  actor: UserActor,
  { userId, reason }: { userId: string; reason: string },
): Promise<DeactivateResult> {
  if (!mayManage(actor) || !UUID.test(userId)) return { ok: false, code: "not_found" };
  return context.services.db.transaction(async (tx) => {
    const [switched] = await tx
      .update(users)
      .set({ active: false })
      .where(and(eq(users.id, userId), isOfficer, eq(users.active, true)))
      .returning({ role: users.role, municipalityId: users.municipalityId });
    if (!switched) {
      const [known] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, userId), isOfficer));
      return known ? { ok: true, changed: false } : { ok: false, code: "not_found" };
    }
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await audit(tx, context, actor, {
      action: "account.deactivated",
      subjectType: "user",
      subjectId: userId,
      details: { reason, role: switched.role, municipalityId: switched.municipalityId },
    });
    return { ok: true, changed: true };
  });
}
