import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { BarChart, type BarGroup, type BarSeries } from "#app/components/bar-chart";
import { DataTable } from "#app/components/data-table";
import { SelectField, TextField } from "#app/components/forms";
import { Alert, Button, Heading, Paragraph } from "#app/components/ui";
import type { Period, PeriodProblem } from "#app/dossiers/period";
import { useI18n } from "#app/i18n/i18n";
import type { FigureRows, FigureTable } from "./tables";

/** One figure: a heading, the chart (its summary as text alternative), the table with the same figures, its CSV. */
export function FigureSection({
  id,
  heading,
  caption,
  rows,
  chart,
  csvHref,
  empty,
}: {
  id: FigureTable;
  heading: string;
  caption: string;
  rows: FigureRows;
  chart: { title: string; description: string; series: BarSeries[]; groups: BarGroup[] } | null;
  csvHref: string;
  empty?: ReactNode;
}) {
  const { messages } = useI18n();
  const t = messages.figures.annual;
  const [head, ...numbers] = rows.header;
  return (
    <section aria-labelledby={`${id}-kop`} className="oma-figures-section">
      <Heading level={2} id={`${id}-kop`}>
        {heading}
      </Heading>
      {rows.rows.length === 0 && empty ? (
        <Paragraph>{empty}</Paragraph>
      ) : (
        <>
          {chart ? <BarChart id={`${id}-grafiek`} axisLabel={t.chartAxis} {...chart} /> : null}
          <DataTable
            caption={{ text: caption, className: "oma-table__caption" }}
            className="oma-table--figures"
            rows={rows.rows}
            rowKey={(r) => r[0] ?? ""}
            columns={[
              { key: "name", header: head, cell: (r: string[]) => r[0] },
              ...numbers.map((h, i) => ({
                key: `c${i}`,
                header: h,
                className: "oma-num",
                cell: (r: string[]) => r[i + 1] || t.none,
              })),
            ]}
            foot={
              rows.total ? (
                <tr>
                  <th scope="row">{rows.total[0]}</th>
                  {rows.total.slice(1).map((v, i) => (
                    <td key={i} className="oma-num">
                      {v || t.none}
                    </td>
                  ))}
                </tr>
              ) : undefined
            }
          />
        </>
      )}
      <Paragraph className="oma-no-print">
        <a className="utrecht-link" href={csvHref} download>
          {t.csv}
        </a>
      </Paragraph>
    </section>
  );
}

/** The choice of period and municipality: a GET form, so it works without JavaScript and each choice has a URL. */
export function PeriodForm({
  period,
  problem,
  years,
  municipalities,
  municipalityId,
}: {
  period: Period;
  problem: PeriodProblem | null;
  years: number[];
  municipalities: { id: string; name: string }[];
  municipalityId: string | null;
}) {
  const { messages } = useI18n();
  const t = messages.figures.annual;
  const kind = period.kind === "year" ? "jaar" : period.kind === "quarter" ? "kwartaal" : "datums";
  return (
    <section aria-labelledby="periode-kop" className="oma-no-print">
      <Heading level={2} id="periode-kop">
        {t.periodHeading}
      </Heading>
      {problem ? (
        <Alert type="warning" role="status">
          <Paragraph>{t.problems[problem]}</Paragraph>
        </Alert>
      ) : null}
      <Form method="get" action="/behandelaar/jaarcijfers" className="oma-audit-filter">
        <SelectField
          name="periode"
          label={t.periodKind}
          value={kind}
          options={(["jaar", "kwartaal", "datums"] as const).map((k) => ({ value: k, label: t.kinds[k] }))}
        />
        <SelectField
          name="jaar"
          label={t.year}
          value={String(period.year)}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <SelectField
          name="kwartaal"
          label={t.quarter}
          value={String(period.quarter ?? 1)}
          options={(["1", "2", "3", "4"] as const).map((q) => ({ value: q, label: t.quarters[q] }))}
        />
        <TextField
          name="van"
          label={t.from}
          optional
          width="short"
          defaultValue={period.kind === "dates" ? period.from : ""}
        />
        <TextField
          name="tot"
          label={t.to}
          optional
          width="short"
          defaultValue={period.kind === "dates" ? period.to : ""}
        />
        <SelectField
          name="gemeente"
          label={t.municipality}
          value={municipalityId ?? ""}
          placeholder={t.allMunicipalities}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        />
        <Button appearance="secondary">{t.show}</Button>
      </Form>
    </section>
  );
}
