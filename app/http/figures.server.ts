import { requireUser } from "#app/auth/session.server";
import { CSV_BOM, csvLine } from "#app/dossiers/csv";
import type { Messages } from "#app/i18n/catalogue.server";
import { figuresYear, municipalityFigures, type MunicipalityFigures } from "#app/portal/figures.server";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import type { RequestContext } from "#app/utils/services.server";

/** The years the figures can be asked for: from the ombudsman's start under its name to this one, newest first. */
const FIRST_YEAR = 2014;

/**
 * The figures of the year in `?jaar=` for whoever may read them: a municipality officer (their
 * own municipality, in the portal) or a coordinator (every municipality). The reading is audited.
 */
export async function loadFigures(
  request: Request,
  context: RequestContext,
  reader: "municipality_officer" | "coordinator",
  action: "figures.viewed" | "figures.exported",
) {
  const user = await requireUser(request, context, [reader]);
  const { db, now } = context.services;
  const today = amsterdamDateOf(now());
  const year = figuresYear(new URL(request.url), today);
  const rows = await municipalityFigures(db, user, { year, today });
  await audit(db, context, user, {
    action,
    subjectType: "municipality",
    ...(user.municipalityId ? { subjectId: user.municipalityId } : {}),
    details: { year, ...(reader === "municipality_officer" ? { portal: true } : {}) },
  });
  const current = Number(today.slice(0, 4));
  const years = Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
  return { rows, year, years };
}

/** The figures of a year as a CSV download for Dutch Excel: one line per municipality, the outcomes as columns. */
export function figuresCsv(rows: MunicipalityFigures[], messages: Messages, fileName: string): Response {
  const t = messages.figures;
  const outcomes = Object.entries(messages.casework.outcomes);
  const header = csvLine([
    t.municipality,
    t.dossiers,
    t.closed,
    ...outcomes.map(([, label]) => label),
    t.requests,
    t.answeredOnTime,
    t.answeredLate,
    t.open,
    t.overdue,
    t.averageAnswerDays,
    t.followUps,
    t.followUpsAnswered,
  ]);
  const lines = rows.map((r) =>
    csvLine([
      r.municipality,
      String(r.dossiers),
      String(r.closed),
      ...outcomes.map(([code]) => String(r.outcomes[code] ?? 0)),
      String(r.requests),
      String(r.answeredOnTime),
      String(r.answeredLate),
      String(r.open),
      String(r.overdue),
      r.averageAnswerDays === null ? "" : String(r.averageAnswerDays).replace(".", ","),
      String(r.followUps),
      String(r.followUpsAnswered),
    ]),
  );
  return new Response(CSV_BOM + header + lines.join(""), {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
