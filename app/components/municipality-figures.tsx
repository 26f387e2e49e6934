import { Form } from "@remix-run/react";
import { BarChart } from "#app/components/bar-chart";
import { DataTable } from "#app/components/data-table";
import { SelectField } from "#app/components/forms";
import { Button, Heading, Paragraph } from "#app/components/ui";
import { interpolate, useI18n } from "#app/i18n/i18n";
import type { MunicipalityFigures } from "#app/portal/figures.server";

/**
 * The figures of one year: a choice of year (a GET form, no JavaScript needed), the table (one
 * row per municipality), a chart of the requests with the table beside it, and the outcomes.
 */
export function FiguresView({
  rows,
  year,
  years,
  action,
  csvHref,
}: {
  rows: MunicipalityFigures[];
  year: number;
  years: number[];
  action: string;
  csvHref: string;
}) {
  const { messages, locale } = useI18n();
  const t = messages.figures;
  const outcomes = messages.casework.outcomes;
  const number = (n: number | null) => (n === null ? t.none : n.toLocaleString(locale === "en" ? "en-GB" : "nl-NL"));
  const totals = rows.reduce(
    (sum, r) => ({
      onTime: sum.onTime + r.answeredOnTime,
      late: sum.late + r.answeredLate,
      open: sum.open + r.open,
    }),
    { onTime: 0, late: 0, open: 0 },
  );
  const outcomeRows = Object.keys(outcomes)
    .map((code) => ({ code, count: rows.reduce((sum, r) => sum + (r.outcomes[code] ?? 0), 0) }))
    .filter((o) => o.count > 0);
  return (
    <>
      <Form method="get" action={action} className="oma-inline-form">
        <SelectField
          name="jaar"
          label={t.yearLabel}
          value={String(year)}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <Button appearance="secondary">{t.show}</Button>
      </Form>
      <DataTable
        caption={{ text: interpolate(t.caption, { year }), id: "cijfers-tabel", className: "oma-table__caption" }}
        region
        rows={rows}
        rowKey={(r) => r.municipalityId}
        columns={[
          { key: "municipality", header: t.municipality, cell: (r) => r.municipality },
          { key: "dossiers", header: t.dossiers, cell: (r) => number(r.dossiers) },
          { key: "closed", header: t.closed, cell: (r) => number(r.closed) },
          { key: "requests", header: t.requests, cell: (r) => number(r.requests) },
          { key: "onTime", header: t.answeredOnTime, cell: (r) => number(r.answeredOnTime) },
          { key: "late", header: t.answeredLate, cell: (r) => number(r.answeredLate) },
          { key: "open", header: t.open, cell: (r) => number(r.open) },
          { key: "overdue", header: t.overdue, cell: (r) => number(r.overdue) },
          { key: "average", header: t.averageAnswerDays, cell: (r) => number(r.averageAnswerDays) },
          { key: "followUps", header: t.followUps, cell: (r) => number(r.followUps) },
          { key: "followUpsAnswered", header: t.followUpsAnswered, cell: (r) => number(r.followUpsAnswered) },
        ]}
      />
      <Paragraph>
        <a className="utrecht-link" href={csvHref} download>
          {t.csv}
        </a>
      </Paragraph>
      <BarChart
        id="verzoeken-grafiek"
        title={interpolate(t.chartTitle, { year })}
        description={interpolate(t.chartDescription, totals)}
        axisLabel={t.chartAxis}
        series={[
          { key: "onTime", label: t.answeredOnTime, color: "#1d6b3a", pattern: "solid" },
          { key: "late", label: t.answeredLate, color: "#a4262c", pattern: "stripes" },
          { key: "open", label: t.open, color: "#5c4a00", pattern: "dots" },
        ]}
        groups={rows.map((r) => ({
          key: r.municipalityId,
          label: r.municipality,
          values: { onTime: r.answeredOnTime, late: r.answeredLate, open: r.open },
        }))}
      />
      <Heading level={2}>{t.outcomesHeading}</Heading>
      {outcomeRows.length === 0 ? (
        <Paragraph>{t.noOutcomes}</Paragraph>
      ) : (
        <DataTable
          caption={interpolate(t.outcomesCaption, { year })}
          rows={outcomeRows}
          rowKey={(o) => o.code}
          columns={[
            {
              key: "outcome",
              header: t.outcome,
              cell: (o) => outcomes[o.code as keyof typeof outcomes] ?? o.code,
            },
            { key: "count", header: t.count, cell: (o) => number(o.count) },
          ]}
        />
      )}
    </>
  );
}
