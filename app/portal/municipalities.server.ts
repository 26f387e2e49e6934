import { eq } from "drizzle-orm";
import type { Queryable } from "#db/client";
import { municipalities } from "#db/schema/index";

export async function getMunicipalityName(db: Queryable, id: string): Promise<string | null> {
  const [row] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, id));
  return row?.name ?? null;
}
