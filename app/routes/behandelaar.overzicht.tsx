import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireUser } from "#app/auth/session.server";
import { BarChart, type BarSeries } from "#app/components/bar-chart";
import { DataTable } from "#app/components/data-table";
import { Heading, Link, PageTitle, Paragraph } from "#app/components/ui";
import { getOverview, OVERVIEW_ROLES, type ComplianceMonth } from "#app/dossiers/overview.server";
import { formatDate, interpolate, useI18n, type Locale, type Messages } from "#app/i18n/i18n";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["dossier", "overview", "figures.annual"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.overview.title);

// Management figures: not for a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, OVERVIEW_ROLES);
  const { db, now } = context.services;
  const today = amsterdamDateOf(now());
  const overview = await getOverview(db, { actor: user, today });
  if (!overview) throw new Response("Forbidden", { status: 403 });
  await audit(db, context, user, { action: "overview.viewed" });
  return { today, ...overview };
}

type T = Messages["overview"];

const monthFormats: Record<Locale, { short: Intl.DateTimeFormat; long: Intl.DateTimeFormat }> = {
  nl: {
    short: new Intl.DateTimeFormat("nl-NL", { month: "short", timeZone: "UTC" }),
    long: new Intl.DateTimeFormat("nl-NL", { month: "long", year: "numeric", timeZone: "UTC" }),
  },
  en: {
    short: new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" }),
    long: new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }),
  },
};
const monthDate = (month: string) => new Date(`${month}-01T00:00:00Z`);
const shortMonth = (month: string, locale: Locale) =>
  monthFormats[locale].short.format(monthDate(month)).replace(/\.$/, "");
const longMonth = (month: string, locale: Locale) => monthFormats[locale].long.format(monthDate(month));

function shareText(t: T, share: number | null): string {
  return share === null ? t.noShare : interpolate(t.percent, { value: share });
}

/** The chart's text alternative: what it shows and where it is lowest and highest; the table has every figure. */
function chartSummary(t: T, months: ComplianceMonth[], locale: Locale): string {
  const settled = months.filter((m) => m.share !== null);
  if (settled.length === 0) return t.chartSummaryNoData;
  // The earliest month wins a tie, so the sentence stays the same between page loads.
  const low = settled.reduce((a, b) => ((b.share ?? 0) < (a.share ?? 0) ? b : a));
  const high = settled.reduce((a, b) => ((b.share ?? 0) > (a.share ?? 0) ? b : a));
  return interpolate(t.chartSummary, {
    lowMonth: longMonth(low.month, locale),
    lowShare: shareText(t, low.share),
    highMonth: longMonth(high.month, locale),
    highShare: shareText(t, high.share),
  });
}

type CountRow = { key: string; label: ReactNode; count: number };

function CountTable({ caption, heading, rows, t }: { caption: string; heading: string; rows: CountRow[]; t: T }) {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { key: "label", header: heading, cell: (r) => r.label },
        { key: "count", header: t.count, className: "oma-num", cell: (r) => r.count },
      ]}
      foot={
        <tr>
          <th scope="row">{t.total}</th>
          <td className="oma-num">{total}</td>
        </tr>
      }
    />
  );
}

export default function CoordinatorOverview() {
  const { messages, locale } = useI18n();
  const t = messages.overview;
  const statuses = messages.dossier.statuses;
  const { today, byStatus, byMunicipality, compliance } = useLoaderData<typeof loader>();

  const series: BarSeries[] = [
    { key: "inTime", label: t.inTime, color: "#1d4f73", pattern: "solid" },
    { key: "late", label: t.late, color: "#8f3b00", pattern: "stripes" },
    { key: "openOverdue", label: t.openOverdue, color: "#5b2a86", pattern: "dots" },
  ];
  const first = compliance[0]?.month ?? today.slice(0, 7);
  const last = compliance.at(-1)?.month ?? today.slice(0, 7);

  return (
    <>
      <Paragraph>
        <Link to="/behandelaar">{t.backHome}</Link>
      </Paragraph>
      <PageTitle preHeading={t.preHeading}>{t.title}</PageTitle>
      <Paragraph>{interpolate(t.asOf, { date: formatDate(today, locale, true) })}</Paragraph>
      <Paragraph>
        <Link to="/behandelaar/jaarcijfers">{messages.figures.annual.title}</Link>
        {" · "}
        <Link to="/behandelaar/audit">{t.auditLog.title}</Link>
      </Paragraph>

      <div className="oma-overview-columns">
        <section aria-labelledby="per-status">
          <Heading level={2} id="per-status">
            {t.statusHeading}
          </Heading>
          <CountTable
            caption={t.statusCaption}
            heading={t.status}
            t={t}
            rows={byStatus.map((s) => ({
              key: s.status,
              label: <Link to={`/behandelaar?status=${s.status}`}>{statuses[s.status]}</Link>,
              count: s.count,
            }))}
          />
        </section>
        <section aria-labelledby="per-municipality">
          <Heading level={2} id="per-municipality">
            {t.municipalityHeading}
          </Heading>
          <CountTable
            caption={t.municipalityCaption}
            heading={t.municipality}
            t={t}
            rows={byMunicipality.map((m) => ({
              key: m.id,
              label: (
                <Link to={`/behandelaar?gemeente=${encodeURIComponent(m.id)}`}>
                  {m.affiliated ? m.name : interpolate(t.municipalityLeft, { name: m.name })}
                </Link>
              ),
              count: m.count,
            }))}
          />
        </section>
      </div>

      <section aria-labelledby="compliance">
        <Heading level={2} id="compliance">
          {t.complianceHeading}
        </Heading>
        <Paragraph>{t.complianceIntro}</Paragraph>
        <Paragraph>{t.complianceShareExplained}</Paragraph>
        <BarChart
          id="compliance-chart"
          title={interpolate(t.chartTitle, { from: longMonth(first, locale), to: longMonth(last, locale) })}
          description={chartSummary(t, compliance, locale)}
          axisLabel={t.chartAxis}
          series={series}
          groups={compliance.map((m, i) => ({
            key: m.month,
            label: shortMonth(m.month, locale),
            sublabel: i === 0 || m.month.endsWith("-01") ? m.month.slice(0, 4) : undefined,
            values: { inTime: m.inTime, late: m.late, openOverdue: m.openOverdue },
            note: m.share === null ? "–" : interpolate(t.percent, { value: m.share }),
          }))}
        />
        <DataTable
          caption={{ text: t.complianceCaption, className: "oma-table__caption" }}
          className="oma-table--figures"
          rows={compliance}
          rowKey={(m) => m.month}
          columns={[
            { key: "month", header: t.month, cell: (m) => longMonth(m.month, locale) },
            { key: "submitted", header: t.submitted, className: "oma-num", cell: (m) => m.submitted },
            { key: "inTime", header: t.inTime, className: "oma-num", cell: (m) => m.inTime },
            { key: "late", header: t.late, className: "oma-num", cell: (m) => m.late },
            { key: "openOverdue", header: t.openOverdue, className: "oma-num", cell: (m) => m.openOverdue },
            { key: "notYetDue", header: t.notYetDue, className: "oma-num", cell: (m) => m.notYetDue },
            {
              key: "closedWithoutContact",
              header: t.closedWithoutContact,
              className: "oma-num",
              cell: (m) => m.closedWithoutContact,
            },
            { key: "share", header: t.share, className: "oma-num", cell: (m) => shareText(t, m.share) },
          ]}
        />
      </section>
    </>
  );
}
