import type { UserRole } from "#db/schema/index";

/** Who edits reference data: only a coordinator (domain rules: "holiday table, accounts"). */
export type ReferenceActor = { id: string; role: UserRole; name: string };

export const REFERENCE_ROLES = ["coordinator"] as const satisfies readonly UserRole[];

export function mayEditReference(actor: ReferenceActor): boolean {
  return (REFERENCE_ROLES as readonly UserRole[]).includes(actor.role);
}
