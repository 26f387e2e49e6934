import { daysBetween, isValidIsoDate, type IsoDate } from "#app/utils/calendar-date";
import { MAX_PERIOD_DAYS } from "./period";

/**
 * The global audit log's filters, as its GET form sends them: who (a user id, or `geen` for
 * entries without a user: a resident's link or the system), what (an action code), and a period
 * of Amsterdam calendar days (from and to, each optional, both inclusive). Pure; an unusable
 * field is dropped with a problem code, so the page still shows something and says why.
 */

export const NO_USER = "geen";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z_]{1,40}(\.[a-z_]{1,40}){0,2}$/;

export type AuditFilter = {
  /** A user id, NO_USER, or null for everyone. */
  actor: string | null;
  action: string | null;
  from: IsoDate | null;
  to: IsoDate | null;
  page: number;
};
export type AuditFilterProblem = "invalid_actor" | "invalid_action" | "invalid_date" | "from_after_to" | "too_long";

export function parseAuditFilter(params: URLSearchParams): { filter: AuditFilter; problems: AuditFilterProblem[] } {
  const problems: AuditFilterProblem[] = [];
  const text = (name: string) => (params.get(name) ?? "").trim();
  const who = text("gebruiker");
  const actor = who === "" ? null : who === NO_USER || UUID.test(who) ? who.toLowerCase() : null;
  if (who !== "" && actor === null) problems.push("invalid_actor");
  const what = text("actie");
  const action = what === "" ? null : ACTION.test(what) ? what : null;
  if (what !== "" && action === null) problems.push("invalid_action");
  let from: IsoDate | null = text("van") || null;
  let to: IsoDate | null = text("tot") || null;
  if ((from && !isValidIsoDate(from)) || (to && !isValidIsoDate(to))) {
    problems.push("invalid_date");
    from = from && isValidIsoDate(from) ? from : null;
    to = to && isValidIsoDate(to) ? to : null;
  }
  if (from && to && from > to) {
    problems.push("from_after_to");
    from = to = null;
  } else if (from && to && daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) {
    problems.push("too_long");
    from = to = null;
  }
  const asked = Number(text("pagina"));
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 100_000 ? asked : 1;
  return { filter: { actor, action, from, to, page }, problems };
}

/** The filter as a query string, without the page (for the CSV link and the pagination). */
export function auditFilterSearch(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.actor) params.set("gebruiker", filter.actor);
  if (filter.action) params.set("actie", filter.action);
  if (filter.from) params.set("van", filter.from);
  if (filter.to) params.set("tot", filter.to);
  return params;
}

/** What an entry's details say beyond its action: the document, and for a refusal what was asked. Pure. */
export type AuditSubject = {
  fileName: string | null;
  attachmentId: string | null;
  /** A refused attempt: the route asked ("dossier", "attachment", "portal.dossier", …). */
  deniedRoute: string | null;
  number: string | null;
};

const str = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

export function auditSubject(entry: {
  action: string;
  details: Record<string, unknown> | null;
  fileName: string | null;
  dossierNumber: string | null;
}): AuditSubject {
  const d = entry.details ?? {};
  return {
    fileName: entry.fileName,
    attachmentId: str(d.attachmentId),
    deniedRoute: entry.action === "dossier.access_denied" ? (str(d.route) ?? "dossier") : null,
    number: entry.dossierNumber ?? str(d.number),
  };
}
