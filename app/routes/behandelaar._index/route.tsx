import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useCallback } from "react";
import { requireUser } from "#app/auth/session.server";
import { DataTable } from "#app/components/data-table";
import { Pagination } from "#app/components/pagination";
import { queueColumns, shortDate, sortWords } from "#app/components/queue-columns";
import { Heading, Link, PageTitle, Paragraph, VisuallyHidden } from "#app/components/ui";
import { daysUntil } from "#app/dossiers/deadlines";
import { listSavedViews } from "#app/dossiers/saved-views.server";
import { STAFF_ROLES } from "#app/dossiers/scope.server";
import {
  listHandlers,
  listQueue,
  listQueueMunicipalities,
  needsSearch,
  parseQueueFilter,
  QUEUE_STATUS_CHOICES,
  QUEUE_VIEWS,
  submittedOn,
  type QueueView,
} from "#app/dossiers/queue.server";
import { interpolate, useI18n } from "#app/i18n/i18n";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import { queueAction } from "./action.server";
import { ActionMessage, BulkActions } from "./bulk";
import { QueueFilters, SEARCH_FIELD_ID } from "./filters";
import { plainFilter, queueHref, queueSearch, sortHref } from "./queue-url";
import { QueueAside } from "./aside";
import { SavedViewList } from "./saved-views";
import { useQueueShortcuts } from "./shortcuts";

export const handle: PageHandle = { i18n: ["dossier", "queue"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.queue.title);

// The queue names complainants: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, STAFF_ROLES);
  const { db, now } = context.services;
  const filter = parseQueueFilter(new URL(request.url));
  const today = amsterdamDateOf(now());
  const [queue, municipalities, handlers, savedViews] = await Promise.all([
    listQueue(db, { actor: user, filter, today }),
    listQueueMunicipalities(db),
    listHandlers(db),
    listSavedViews(db, { actor: user }),
  ]);
  if (!queue) throw new Response("Forbidden", { status: 403 });
  // Personal data is listed: who saw which dossiers, under which filter.
  await audit(db, context, user, {
    action: "queue.viewed",
    subjectType: "queue",
    details: { filter, total: queue.total, numbers: queue.rows.map((r) => r.number) },
  });
  return {
    user: { name: user.name, role: user.role },
    filter,
    needsSearch: needsSearch(filter),
    views: QUEUE_VIEWS,
    statuses: QUEUE_STATUS_CHOICES,
    municipalities,
    handlers: handlers.map((h) => ({ id: h.id, name: h.name })),
    savedViews,
    counts: queue.counts,
    total: queue.total,
    pages: queue.pages,
    rows: queue.rows.map((r) => ({
      number: r.number,
      municipality: r.municipality,
      complainant: r.complainant,
      status: r.status,
      assignee: r.assignee,
      dueOn: r.dueOn,
      dueKind: r.dueKind,
      days: daysUntil(r.dueOn, today),
      submittedOn: submittedOn(r),
      residentNews: r.residentNews,
      paused: r.paused,
      requestOpen: r.requestOpen,
      questionOpen: r.questionOpen,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return queueAction(request, context);
}

/** The coordinator's pages beside the queue. */
const COORDINATOR_LINKS = [
  ["/behandelaar/overzicht", "coordinatorOverview"],
  ["/behandelaar/goedkeuringen", "pendingApprovals"],
  ["/behandelaar/gemeenteaccounts", "officerAccounts"],
  ["/behandelaar/gemeentecijfers", "municipalityFigures"],
  ["/behandelaar/referentiegegevens", "referenceData"],
] as const;

export default function WorkQueue() {
  const { messages, locale } = useI18n();
  const t = messages.queue;
  const data = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { filter, counts, total, pages, rows } = data;
  const coordinator = data.user.role === "coordinator";

  const describe = useCallback(
    (index: number, count: number) => {
      const r = rows[index];
      if (!r) return "";
      return interpolate(t.rowAnnounce, {
        row: index + 1,
        rows: count,
        number: r.number,
        complainant: r.complainant,
        deadline: shortDate(r.dueOn, locale),
      });
    },
    [rows, t, locale],
  );
  const announcement = useQueueShortcuts({ searchId: SEARCH_FIELD_ID, describe });

  const hasFilters = Boolean(
    filter.weergave !== "all" ||
    filter.status ||
    filter.signaal ||
    filter.gemeente ||
    filter.behandelaar ||
    filter.zoek,
  );
  const cleared = queueHref(plainFilter(filter.weergave));
  const role = coordinator ? t.roleCoordinator : t.roleCaseHandler;
  const caption = filter.status === "closed" ? t.captionClosed : t.caption;

  return (
    <div className="oma-queue">
      <div className="oma-queue-head">
        <PageTitle>{t.title}</PageTitle>
        <Paragraph className="oma-queue-welcome">{interpolate(t.welcome, { name: data.user.name, role })}</Paragraph>
        <nav aria-label={t.linksLabel}>
          <ul className="oma-queue-links">
            <li>
              <Link to="/behandelaar/nieuw">{t.registerComplaint}</Link>
            </li>
            {coordinator
              ? COORDINATOR_LINKS.map(([to, words]) => (
                  <li key={to}>
                    <Link to={to}>{t[words]}</Link>
                  </li>
                ))
              : null}
            <li>
              <Link to="/account/tweede-stap">{t.twoFactor}</Link>
            </li>
          </ul>
        </nav>
      </div>

      <nav aria-label={t.viewsLabel} aria-describedby="views-help" className="oma-queue-views">
        <ul>
          {data.views.map((view: QueueView) => (
            <li key={view}>
              <Link
                to={queueHref(filter, { weergave: view, pagina: 1 })}
                aria-current={view === filter.weergave ? "page" : undefined}
              >
                {t.views[view]}{" "}
                <span className="oma-queue-views__count">
                  {counts[view]}
                  <VisuallyHidden> {counts[view] === 1 ? t.viewCountSuffixOne : t.viewCountSuffix}</VisuallyHidden>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <SavedViewList views={data.savedViews} t={t} />

      <QueueFilters
        filter={filter}
        statuses={data.statuses}
        municipalities={data.municipalities}
        handlers={data.handlers}
        cleared={cleared}
        messages={messages}
      />

      <ActionMessage data={posted} t={t} />

      <div className="oma-queue-summary">
        <Heading level={2} className="oma-queue-summary__heading">
          {t.resultsHeading}
        </Heading>
        {/* Announced after a filter is applied without a page load. */}
        <p className="utrecht-paragraph oma-queue-count" role="status">
          {interpolate(total === 1 ? t.resultCountOne : t.resultCount, { count: total, page: filter.pagina, pages })}
        </p>
        {total > 0 ? (
          <a className="utrecht-link" href={`/behandelaar/export.csv${queueSearch(filter, { pagina: 1 })}`} download>
            {t.exportCsv}
          </a>
        ) : null}
        {rows.length > 0 ? <BulkActions coordinator={coordinator} handlers={data.handlers} t={t} /> : null}
      </div>

      {total === 0 ? (
        <div className="oma-queue-empty">
          <Heading level={3}>{t.emptyHeading}</Heading>
          <Paragraph>{data.needsSearch ? t.closedNeedsSearch : hasFilters ? t.emptyFiltered : t.emptyNone}</Paragraph>
          {hasFilters ? (
            <Paragraph>
              <Link to={queueHref(plainFilter())}>{t.clear}</Link>
            </Paragraph>
          ) : null}
        </div>
      ) : rows.length === 0 ? (
        <div className="oma-queue-empty">
          <Paragraph>{interpolate(t.pageMissing, { page: filter.pagina, pages })}</Paragraph>
          <Paragraph>
            <Link to={queueHref(filter, { pagina: 1 })}>{t.toFirstPage}</Link>
          </Paragraph>
        </div>
      ) : (
        <DataTable
          caption={{
            id: "queue-caption",
            className: "oma-queue-table__caption",
            text: interpolate(caption, { view: t.views[filter.weergave].toLowerCase(), sort: sortWords(t, filter) }),
          }}
          className="oma-queue-table"
          containerClassName="oma-queue-table-container"
          region
          columns={queueColumns({
            t,
            statusLabels: messages.dossier.statuses,
            locale,
            filter,
            sortHref: (sort) => sortHref(filter, sort),
            selectable: true,
          })}
          rows={rows}
          rowKey={(r) => r.number}
        />
      )}
      <p className="oma-visually-hidden" aria-live="polite">
        {announcement}
      </p>

      {pages > 1 && rows.length > 0 ? (
        <Pagination
          current={filter.pagina}
          pages={pages}
          href={(p) => queueHref(filter, { pagina: p })}
          words={{
            label: t.paginationLabel,
            previous: t.previousPage,
            next: t.nextPage,
            page: (page) => interpolate(t.page, { page }),
          }}
        />
      ) : null}

      <QueueAside query={queueSearch(filter, { pagina: 1 })} t={t} />
    </div>
  );
}
