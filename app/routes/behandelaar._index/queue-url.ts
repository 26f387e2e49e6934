import type { QueueFilter } from "#app/dossiers/queue.server";

/** The query string for this filter with some parts changed; defaults are left out of the URL. */
export function queueSearch(filter: QueueFilter, changes: Partial<QueueFilter> = {}): string {
  const f = { ...filter, ...changes };
  const params = new URLSearchParams();
  if (f.weergave !== "all") params.set("weergave", f.weergave);
  if (f.status) params.set("status", f.status);
  if (f.gemeente) params.set("gemeente", f.gemeente);
  if (f.behandelaar) params.set("behandelaar", f.behandelaar);
  if (f.zoek) params.set("zoek", f.zoek);
  if (f.sorteer !== "deadline") params.set("sorteer", f.sorteer);
  if (f.pagina > 1) params.set("pagina", String(f.pagina));
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const queueHref = (filter: QueueFilter, changes: Partial<QueueFilter> = {}) =>
  `/behandelaar${queueSearch(filter, changes)}`;
