import { QUEUE_SORTS, type QueueFilter, type QueueSort, type SortDirection } from "#app/dossiers/queue-filter";

/** The query string for this filter with some parts changed; defaults are left out of the URL. */
export function queueSearch(filter: QueueFilter, changes: Partial<QueueFilter> = {}): string {
  const f = { ...filter, ...changes };
  const params = new URLSearchParams();
  if (f.weergave !== "all") params.set("weergave", f.weergave);
  if (f.status) params.set("status", f.status);
  if (f.signaal) params.set("signaal", f.signaal);
  if (f.gemeente) params.set("gemeente", f.gemeente);
  if (f.behandelaar) params.set("behandelaar", f.behandelaar);
  if (f.zoek) params.set("zoek", f.zoek);
  if (f.sorteer !== "deadline") params.set("sorteer", f.sorteer);
  if (f.richting !== QUEUE_SORTS[f.sorteer]) params.set("richting", f.richting);
  if (f.pagina > 1) params.set("pagina", String(f.pagina));
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const queueHref = (filter: QueueFilter, changes: Partial<QueueFilter> = {}) =>
  `/behandelaar${queueSearch(filter, changes)}`;

/** The filter without facets, search or page: the default queue in this view. */
export const plainFilter = (weergave: QueueFilter["weergave"] = "all"): QueueFilter => ({
  weergave,
  sorteer: "deadline",
  richting: "op",
  pagina: 1,
});

/**
 * Where a column header's link leads: sorted on that column, first in its own first direction,
 * and the other way round when it is the sort already; always from the first page.
 */
export function sortHref(filter: QueueFilter, sort: QueueSort): string {
  const first = QUEUE_SORTS[sort];
  const richting: SortDirection = filter.sorteer === sort ? (filter.richting === "op" ? "af" : "op") : first;
  return queueHref(filter, { sorteer: sort, richting, pagina: 1 });
}
