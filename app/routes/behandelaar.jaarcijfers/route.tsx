import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link, PageTitle, Paragraph } from "#app/components/ui";
import { loadAnnualFigures } from "#app/http/annual-figures.server";
import { formatDate, interpolate, useI18n } from "#app/i18n/i18n";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import { FigureSection, PeriodForm } from "./sections";
import { figureTable, type FigureTable } from "./tables";

export const handle: PageHandle = { i18n: ["figures", "casework.outcomes", "casework.pauseReasons", "overview"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.figures.annual.title);

// Management figures with handlers' names: not for a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadAnnualFigures(request, context, "annual_figures.viewed");
}

const COLORS = { a: "#1d4f73", b: "#8f3b00", c: "#5b2a86" };
/** A bar's label under the chart: short, the table beside it has the whole name. */
const short = (label: string) => (label.length > 14 ? `${label.slice(0, 12).trimEnd()}…` : label);

export default function AnnualFiguresPage() {
  const { messages, locale } = useI18n();
  const t = messages.figures.annual;
  const data = useLoaderData<typeof loader>();
  const { period, search } = data;
  const periodText = interpolate(t.periodLabel, {
    from: formatDate(period.from, locale, false),
    to: formatDate(period.to, locale, false),
  });
  const municipality = data.municipalities.find((m) => m.id === data.municipalityId)?.name;
  const label = municipality ? `${periodText}, ${municipality}` : periodText;
  const csv = (table: FigureTable) => `/behandelaar/jaarcijfers.csv?${search}&tabel=${table}`;
  const rows = (table: FigureTable) => figureTable(table, data, messages, locale);
  const pct = (v: number | null) => (v === null ? t.none : interpolate(t.percent, { value: v }));
  const outcomeRows = rows("uitkomsten");
  const pauseRows = rows("pauzes");
  const workloadRows = rows("werklast");
  const open = data.workload.reduce((s, w) => s + w.open, 0);
  const closed = data.workload.reduce((s, w) => s + w.closed, 0);

  return (
    <>
      <Paragraph className="oma-no-print">
        <Link to="/behandelaar/overzicht">{messages.overview.title}</Link>
      </Paragraph>
      <PageTitle preHeading={t.preHeading}>{t.title}</PageTitle>
      <Paragraph lead>{label}</Paragraph>
      <Paragraph>{t.intro}</Paragraph>
      <Paragraph className="oma-no-print">{t.printHint}</Paragraph>
      <PeriodForm
        period={period}
        problem={data.problem}
        years={data.years}
        municipalities={data.municipalities}
        municipalityId={data.municipalityId}
      />

      <FigureSection
        id="ontvangen"
        heading={t.receivedHeading}
        caption={interpolate(t.receivedCaption, { period: label })}
        rows={rows("ontvangen")}
        csvHref={csv("ontvangen")}
        chart={{
          title: interpolate(t.receivedChartTitle, { period: label }),
          description: interpolate(t.receivedChartSummary, {
            received: data.receivedTotal.received,
            share: pct(data.receivedTotal.contactShare),
          }),
          series: [
            { key: "inTime", label: t.inTime, color: COLORS.a, pattern: "solid" },
            { key: "late", label: t.late, color: COLORS.b, pattern: "stripes" },
            { key: "openOverdue", label: t.openOverdue, color: COLORS.c, pattern: "dots" },
          ],
          groups: data.received.map((r) => ({
            key: r.municipalityId,
            label: r.municipality,
            values: { inTime: r.inTime, late: r.late, openOverdue: r.openOverdue },
          })),
        }}
      />
      <FigureSection
        id="uitkomsten"
        heading={t.outcomesHeading}
        caption={interpolate(t.outcomesCaption, { period: label })}
        rows={outcomeRows}
        csvHref={csv("uitkomsten")}
        empty={t.noData}
        chart={{
          title: interpolate(t.outcomesChartTitle, { period: label }),
          description: interpolate(t.outcomesChartSummary, { total: outcomeRows.total?.[1] ?? "0" }),
          series: [{ key: "count", label: t.count, color: COLORS.a, pattern: "solid" }],
          groups: outcomeRows.rows.map((r, i) => ({
            key: String(i),
            label: short(r[0] ?? ""),
            values: { count: Number(r[1]) },
            note: r[1],
          })),
        }}
      />
      <FigureSection
        id="behandelduur"
        heading={t.handlingHeading}
        caption={interpolate(t.handlingCaption, { period: label })}
        rows={rows("behandelduur")}
        csvHref={csv("behandelduur")}
        chart={{
          title: interpolate(t.handlingChartTitle, { period: label }),
          description: interpolate(t.handlingChartSummary, {
            closed: data.handlingTotal.closed,
            share: pct(data.handlingTotal.withinShare),
            median: data.handlingTotal.medianDays ?? t.none,
          }),
          series: [
            { key: "within", label: t.withinTarget, color: COLORS.a, pattern: "solid" },
            { key: "after", label: t.afterTarget, color: COLORS.b, pattern: "stripes" },
          ],
          groups: data.handling.map((r) => ({
            key: r.municipalityId,
            label: r.municipality,
            values: { within: r.withinTarget, after: r.closed - r.withinTarget },
          })),
        }}
      />
      <FigureSection
        id="pauzes"
        heading={t.pausesHeading}
        caption={interpolate(t.pausesCaption, { period: label })}
        rows={pauseRows}
        csvHref={csv("pauzes")}
        empty={t.noPauses}
        chart={{
          title: interpolate(t.pausesChartTitle, { period: label }),
          description: interpolate(t.pausesChartSummary, {
            total: pauseRows.total?.[1] ?? "0",
            days: pauseRows.total?.[2] ?? "0",
          }),
          series: [{ key: "count", label: t.pauses, color: COLORS.c, pattern: "dots" }],
          groups: pauseRows.rows.map((r, i) => ({
            key: String(i),
            label: short(r[0] ?? ""),
            values: { count: Number(r[1]) },
          })),
        }}
      />
      <FigureSection
        id="werklast"
        heading={t.workloadHeading}
        caption={interpolate(t.workloadCaption, { period: label })}
        rows={workloadRows}
        csvHref={csv("werklast")}
        empty={t.noData}
        chart={{
          title: interpolate(t.workloadChartTitle, { period: label }),
          description: interpolate(t.workloadChartSummary, { open, closed }),
          series: [
            { key: "open", label: t.openNow, color: COLORS.a, pattern: "solid" },
            { key: "closed", label: t.closedInPeriod, color: COLORS.b, pattern: "stripes" },
          ],
          groups: data.workload.map((w, i) => ({
            key: w.assigneeId ?? "none",
            label: short(workloadRows.rows[i]?.[0] ?? ""),
            values: { open: w.open, closed: w.closed },
          })),
        }}
      />
    </>
  );
}
