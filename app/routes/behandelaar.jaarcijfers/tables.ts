import type { AnnualFigures } from "#app/dossiers/annual-figures.server";
import type { Locale, Messages } from "#app/i18n/i18n";

/**
 * The annual figures' tables as rows of text, for the page and the CSV download alike, so both
 * always show the same figures. Whole numbers without thousands separators (Excel reads them as
 * numbers); a decimal with the language's separator.
 */

export const FIGURE_TABLES = ["ontvangen", "uitkomsten", "behandelduur", "pauzes", "werklast"] as const;
export type FigureTable = (typeof FIGURE_TABLES)[number];

export type FigureRows = { header: string[]; rows: string[][]; total?: string[] };

const decimal = (value: number | null, locale: Locale) =>
  value === null ? "" : locale === "nl" ? String(value).replace(".", ",") : String(value);
const share = (value: number | null) => (value === null ? "" : String(value));

export function figureTable(
  table: FigureTable,
  data: AnnualFigures,
  messages: Pick<Messages, "figures" | "casework">,
  locale: Locale,
): FigureRows {
  const t = messages.figures.annual;
  const n = String;
  switch (table) {
    case "ontvangen": {
      const row = (name: string, r: AnnualFigures["receivedTotal"]) => [
        name,
        n(r.received),
        n(r.inTime),
        n(r.late),
        n(r.openOverdue),
        n(r.notYetDue),
        n(r.closedWithoutContact),
        share(r.contactShare),
      ];
      return {
        header: [
          messages.figures.municipality,
          t.received,
          t.inTime,
          t.late,
          t.openOverdue,
          t.notYetDue,
          t.closedWithoutContact,
          t.contactShare,
        ],
        rows: data.received.map((r) => row(r.municipality, r)),
        total: row(t.total, data.receivedTotal),
      };
    }
    case "uitkomsten": {
      const labels = messages.casework.outcomes as Record<string, string>;
      return {
        header: [t.outcome, t.count],
        rows: data.outcomes.map((o) => [o.outcome ? (labels[o.outcome] ?? o.outcome) : t.noOutcome, n(o.count)]),
        total: [t.total, n(data.outcomes.reduce((sum, o) => sum + o.count, 0))],
      };
    }
    case "behandelduur": {
      const row = (name: string, r: AnnualFigures["handlingTotal"]) => [
        name,
        n(r.closed),
        decimal(r.medianDays, locale),
        decimal(r.p90Days, locale),
        n(r.withinTarget),
        share(r.withinShare),
      ];
      return {
        header: [messages.figures.municipality, t.closed, t.medianDays, t.p90Days, t.withinTarget, t.withinShare],
        rows: data.handling.map((r) => row(r.municipality, r)),
        total: row(t.total, data.handlingTotal),
      };
    }
    case "pauzes": {
      const labels = messages.casework.pauseReasons as Record<string, string>;
      return {
        header: [t.reason, t.pauses, t.pauseDays],
        rows: data.pauses.map((p) => [labels[p.reason] ?? p.reason, n(p.count), n(p.days)]),
        total: [
          t.total,
          n(data.pauses.reduce((sum, p) => sum + p.count, 0)),
          n(data.pauses.reduce((sum, p) => sum + p.days, 0)),
        ],
      };
    }
    case "werklast":
      return {
        header: [t.handler, t.openNow, t.closedInPeriod],
        rows: data.workload.map((w) => [
          w.assigneeId ? (w.name ?? w.assigneeId) : t.unassigned,
          n(w.open),
          n(w.closed),
        ]),
        total: [
          t.total,
          n(data.workload.reduce((sum, w) => sum + w.open, 0)),
          n(data.workload.reduce((sum, w) => sum + w.closed, 0)),
        ],
      };
  }
}
