import { asc, eq } from "drizzle-orm";
import type { Database, Queryable } from "#db/client";
import { municipalities, type Municipality } from "#db/schema/index";
import { audit } from "#app/utils/audit.server";
import type { RequestContext } from "#app/utils/services.server";
import { mayEditReference, type ReferenceActor } from "./actor.server";

/** What a coordinator edits of a municipality; the id (a slug other rows point at) stays. */
export const MUNICIPALITY_FIELDS = [
  "name",
  "joinedOn",
  "leftOn",
  "handlingWeeks",
  "website",
  "complaintsUrl",
  "objectionUrl",
  "publicSpaceReportUrl",
  "damagesUrl",
] as const;
export type MunicipalityField = (typeof MUNICIPALITY_FIELDS)[number];
export type MunicipalityInput = Pick<Municipality, MunicipalityField>;

export type MunicipalityResult =
  { ok: true; changed: MunicipalityField[] } | { ok: false; code: "forbidden" | "not_found" };

export function listMunicipalities(db: Queryable): Promise<Municipality[]> {
  return db.select().from(municipalities).orderBy(asc(municipalities.name));
}

/**
 * Saves a coordinator's edit of one municipality and audits the fields that changed, before and
 * after. A new handling term applies to complaints assessed from now on: no stored due date is
 * computed from it (the dossier's handling target uses the ombudsman's own term).
 */
export async function updateMunicipality(
  ctx: Pick<RequestContext, "clientIp" | "requestId"> & { services: { db: Database } },
  actor: ReferenceActor,
  id: string,
  input: MunicipalityInput,
): Promise<MunicipalityResult> {
  if (!mayEditReference(actor)) return { ok: false, code: "forbidden" };
  return ctx.services.db.transaction(async (tx) => {
    const [current] = await tx.select().from(municipalities).where(eq(municipalities.id, id)).for("update");
    if (!current) return { ok: false, code: "not_found" } as const;
    const changed = MUNICIPALITY_FIELDS.filter((f) => current[f] !== input[f]);
    if (changed.length === 0) return { ok: true, changed } as const;
    await tx.update(municipalities).set(input).where(eq(municipalities.id, id));
    await audit(tx, ctx, actor, {
      action: "reference.municipality_changed",
      subjectType: "municipality",
      subjectId: id,
      details: {
        before: Object.fromEntries(changed.map((f) => [f, current[f]])),
        after: Object.fromEntries(changed.map((f) => [f, input[f]])),
      },
    });
    return { ok: true, changed } as const;
  });
}
