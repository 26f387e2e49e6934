import type { Column } from "#app/components/data-table";
import { RelativeDays } from "#app/components/relative-days";
import { Link } from "#app/components/ui";
import type { QueueFilter, QueueSort } from "#app/dossiers/queue-filter";
import type { Status } from "#app/dossiers/workflow";
import { interpolate, type Locale, type Messages } from "#app/i18n/i18n";

// Short dates ("17 okt 2026"), so that seven columns fit the page.
const shortDates: Record<Locale, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
};
export const shortDate = (iso: string, locale: Locale) => shortDates[locale].format(new Date(`${iso}T00:00:00Z`));

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
  paused: boolean;
  requestOpen: boolean;
  questionOpen: boolean;
};

type Words = Messages["queue"];

/** The form the row checkboxes belong to (the bulk actions above the table), by id. */
export const BULK_FORM_ID = "queue-bulk";

/** The row's signals as words (never colour alone), under the number. */
function Markers({ row, t }: { row: QueueRow; t: Words }) {
  const marks = [
    row.paused ? ["paused", t.markers.paused] : null,
    row.requestOpen ? ["request", t.markers.request] : null,
    row.questionOpen ? ["question", t.markers.question] : null,
    row.residentNews ? ["news", t.residentNewsMark] : null,
  ].filter((m): m is [string, string] => m !== null);
  if (marks.length === 0) return null;
  return (
    <span className="oma-queue-marks">
      {marks.map(([kind, words]) => (
        <span key={kind} className={kind === "news" ? "oma-queue-news" : `oma-queue-mark oma-queue-mark--${kind}`}>
          {words}
        </span>
      ))}
    </span>
  );
}

export function queueColumns({
  t,
  statusLabels,
  locale,
  filter,
  sortHref,
  selectable,
}: {
  t: Words;
  statusLabels: Messages["dossier"]["statuses"];
  locale: Locale;
  filter: QueueFilter;
  sortHref: (sort: QueueSort) => string;
  selectable: boolean;
}): Column<QueueRow>[] {
  // A sortable header: a plain link (works without JavaScript); the current one says its order in aria-sort.
  const sortable = (sort: QueueSort, words: string): Pick<Column<QueueRow>, "header" | "sort"> => ({
    header: (
      <Link to={sortHref(sort)} className="oma-sort-link">
        {words}
        {filter.sorteer === sort ? (
          <span className="oma-sort-link__arrow" aria-hidden="true">
            {filter.richting === "op" ? " ▲" : " ▼"}
          </span>
        ) : null}
      </Link>
    ),
    sort: filter.sorteer === sort ? (filter.richting === "op" ? "ascending" : "descending") : undefined,
  });
  return [
    {
      key: "number",
      ...sortable("nummer", t.colNumber),
      cell: (r) => (
        <>
          <span className="oma-queue-number">
            {selectable ? (
              <input
                type="checkbox"
                name="dossier"
                value={r.number}
                form={BULK_FORM_ID}
                className="utrecht-checkbox utrecht-checkbox--html-input oma-queue-check"
                aria-label={interpolate(t.selectRow, { number: r.number })}
              />
            ) : null}
            <Link to={`/behandelaar/dossiers/${r.number}`} data-queue-row="">
              {r.number}
            </Link>
          </span>
          <Markers row={r} t={t} />
        </>
      ),
    },
    { key: "municipality", ...sortable("gemeente", t.colMunicipality), cell: (r) => r.municipality },
    { key: "complainant", header: t.colComplainant, cell: (r) => r.complainant },
    { key: "status", ...sortable("status", t.colStatus), cell: (r) => statusLabels[r.status] },
    {
      key: "assignee",
      header: t.colAssignee,
      cell: (r) => r.assignee ?? <span className="oma-queue-unassigned">{t.unassigned}</span>,
    },
    {
      key: "submitted",
      ...sortable("ingediend", t.colSubmitted),
      cellClassName: () => "oma-queue-table__date",
      cell: (r) => shortDate(r.submittedOn, locale),
    },
    {
      key: "deadline",
      ...sortable("deadline", t.colDeadline),
      cellClassName: (r) =>
        r.days < 0 ? "oma-due oma-due--overdue" : r.days === 0 ? "oma-due oma-due--today" : "oma-due",
      cell: (r) => (
        <>
          <span className="oma-due__line">
            <span className="oma-due__date">{shortDate(r.dueOn, locale)}</span>{" "}
            <span className="oma-due__left">
              {r.days < 0 ? (
                <span className="oma-due__mark" aria-hidden="true">
                  !
                </span>
              ) : null}
              <RelativeDays days={r.days} words={t} />
            </span>
          </span>
          <span className="oma-due__kind">{t.dueKinds[r.dueKind]}</span>
        </>
      ),
    },
  ];
}

/** The caption's words for the sort: the two usual ones in full, the others as column and order. */
export function sortWords(t: Words, filter: QueueFilter): string {
  if (filter.sorteer === "deadline" && filter.richting === "op") return t.captionSortDeadline;
  if (filter.sorteer === "ingediend" && filter.richting === "af") return t.captionSortNewest;
  const columns: Record<QueueSort, string> = {
    deadline: t.colDeadline,
    ingediend: t.colSubmitted,
    nummer: t.colNumber,
    gemeente: t.colMunicipality,
    status: t.colStatus,
  };
  return interpolate(t.captionSort, {
    column: columns[filter.sorteer].toLowerCase(),
    order: t.sortOrders[filter.richting],
  });
}
