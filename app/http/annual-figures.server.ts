import { requireUser } from "#app/auth/session.server";
import { ANNUAL_FIGURES_ROLES, figureMunicipalities, getAnnualFigures } from "#app/dossiers/annual-figures.server";
import { parsePeriod, periodSearch, periodYears } from "#app/dossiers/period";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import type { RequestContext } from "#app/utils/services.server";

/**
 * The annual figures of the period and municipality in the query, for the page and its CSV
 * downloads alike; the reading is audited with what was asked.
 */
export async function loadAnnualFigures(
  request: Request,
  context: RequestContext,
  action: "annual_figures.viewed" | "annual_figures.exported",
  details: Record<string, unknown> = {},
) {
  const user = await requireUser(request, context, ANNUAL_FIGURES_ROLES);
  const { db, now } = context.services;
  const today = amsterdamDateOf(now());
  const params = new URL(request.url).searchParams;
  const { period, problem } = parsePeriod(params, today);
  const municipalities = await figureMunicipalities(db, { actor: user });
  if (!municipalities) throw new Response("Forbidden", { status: 403 });
  const asked = params.get("gemeente") ?? "";
  const municipalityId = municipalities.some((m) => m.id === asked) ? asked : null;
  const figures = await getAnnualFigures(db, { actor: user, period, municipalityId, today });
  if (!figures) throw new Response("Forbidden", { status: 403 });
  await audit(db, context, user, {
    action,
    subjectType: "annual_figures",
    details: { from: period.from, to: period.to, municipalityId, ...details },
  });
  const search = new URLSearchParams(periodSearch(period));
  if (municipalityId) search.set("gemeente", municipalityId);
  return {
    today,
    period,
    problem,
    municipalityId,
    municipalities,
    years: periodYears(today),
    search: search.toString(),
    ...figures,
  };
}
