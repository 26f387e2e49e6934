import { z } from "zod";

/**
 * The portal list's filter from the URL (`?zoek=…&stand=…&pagina=…`), as a pure function: a
 * search on (part of) a dossier number, the dossiers still running or closed ones, and the page.
 * Whatever is not understood falls back to the whole list, page one: a link never breaks.
 */

export const PORTAL_STANDS = ["alle", "lopend", "afgesloten"] as const;
export type PortalStand = (typeof PORTAL_STANDS)[number];
export const PORTAL_PAGE_SIZE = 50;

export type PortalListFilter = { zoek: string | null; stand: PortalStand; pagina: number };

const NUMBER_PART = /^[A-Z0-9-]{1,20}$/;

const schema = z.object({
  zoek: z
    .string()
    .optional()
    .transform((v) => {
      const compact = (v ?? "").replace(/\s+/g, "").toUpperCase();
      return NUMBER_PART.test(compact) ? compact : null;
    }),
  stand: z.enum(PORTAL_STANDS).catch("alle").default("alle"),
  pagina: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export function parsePortalListFilter(url: URL): PortalListFilter {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v.trim() !== ""));
  return schema.parse(raw);
}

/** The list's URL with this filter, page one unless given; the defaults are left out. */
export function portalListHref(filter: PortalListFilter, change: Partial<PortalListFilter> = {}): string {
  const next = { ...filter, pagina: 1, ...change };
  const params = new URLSearchParams();
  if (next.zoek) params.set("zoek", next.zoek);
  if (next.stand !== "alle") params.set("stand", next.stand);
  if (next.pagina > 1) params.set("pagina", String(next.pagina));
  const query = params.toString();
  return query ? `/gemeente?${query}` : "/gemeente";
}
