import type { Column } from "#app/components/data-table";
import { RelativeDays } from "#app/components/relative-days";
import { Link } from "#app/components/ui";
import type { Status } from "#app/dossiers/workflow";
import type { Locale, Messages } from "#app/i18n/i18n";

// Short dates ("17 okt 2026"), so that seven columns fit the page.
const shortDates: Record<Locale, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
};
const shortDate = (iso: string, locale: Locale) => shortDates[locale].format(new Date(`${iso}T00:00:00Z`));

/** One dossier in the work queue, as the queue's loader sends it. */
export type QueueRow = {
  number: string;
  municipality: string;
  complainant: string;
  status: Status;
  assignee: string | null;
  dueOn: string;
  dueKind: "contact" | "handling";
  days: number;
  submittedOn: string;
  residentNews: boolean;
};

export function queueColumns(
  t: Messages["queue"],
  statusLabels: Messages["dossier"]["statuses"],
  locale: Locale,
  byDeadline: boolean,
): Column<QueueRow>[] {
  return [
    {
      key: "number",
      header: t.colNumber,
      cell: (r) => (
        <>
          <Link to={`/behandelaar/dossiers/${r.number}`}>{r.number}</Link>
          {r.residentNews ? <span className="oma-queue-news">{t.residentNewsMark}</span> : null}
        </>
      ),
    },
    { key: "municipality", header: t.colMunicipality, cell: (r) => r.municipality },
    { key: "complainant", header: t.colComplainant, cell: (r) => r.complainant },
    { key: "status", header: t.colStatus, cell: (r) => statusLabels[r.status] },
    {
      key: "assignee",
      header: t.colAssignee,
      cell: (r) => r.assignee ?? <span className="oma-queue-unassigned">{t.unassigned}</span>,
    },
    {
      key: "submitted",
      header: t.colSubmitted,
      sort: byDeadline ? undefined : "descending",
      cellClassName: () => "oma-queue-table__date",
      cell: (r) => shortDate(r.submittedOn, locale),
    },
    {
      key: "deadline",
      header: t.colDeadline,
      sort: byDeadline ? "ascending" : undefined,
      cellClassName: (r) =>
        r.days < 0 ? "oma-due oma-due--overdue" : r.days === 0 ? "oma-due oma-due--today" : "oma-due",
      cell: (r) => (
        <>
          <span className="oma-due__date">{shortDate(r.dueOn, locale)}</span>
          <span className="oma-due__left">
            {r.days < 0 ? (
              <span className="oma-due__mark" aria-hidden="true">
                !
              </span>
            ) : null}
            <RelativeDays days={r.days} words={t} />
          </span>
          <span className="oma-due__kind">{t.dueKinds[r.dueKind]}</span>
        </>
      ),
    },
  ];
}
