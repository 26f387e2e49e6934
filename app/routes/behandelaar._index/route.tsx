import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireUser } from "#app/auth/session.server";
import { DataTable } from "#app/components/data-table";
import { SelectField, TextField } from "#app/components/forms";
import { Pagination } from "#app/components/pagination";
import { queueColumns } from "#app/components/queue-columns";
import { Button, Heading, Link, PageTitle, Paragraph, VisuallyHidden } from "#app/components/ui";
import { daysUntil } from "#app/dossiers/deadlines";
import { STAFF_ROLES } from "#app/dossiers/scope.server";
import {
  listHandlers,
  listQueue,
  listQueueMunicipalities,
  parseQueueFilter,
  QUEUE_STATUSES,
  QUEUE_VIEWS,
  submittedOn,
  type QueueView,
} from "#app/dossiers/queue.server";
import { interpolate, useI18n } from "#app/i18n/i18n";
import { audit } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import { queueHref, queueSearch } from "./queue-url";

export const handle: PageHandle = { i18n: ["dossier", "queue"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.queue.title);

// The queue names complainants: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, STAFF_ROLES);
  const { db, now } = context.services;
  const filter = parseQueueFilter(new URL(request.url));
  const today = amsterdamDateOf(now());
  const [queue, municipalities, handlers] = await Promise.all([
    listQueue(db, { actor: user, filter, today }),
    listQueueMunicipalities(db),
    listHandlers(db),
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
    views: QUEUE_VIEWS,
    statuses: QUEUE_STATUSES,
    municipalities,
    handlers: handlers.map((h) => ({ id: h.id, name: h.name })),
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
    })),
  };
}

/** The coordinator's pages beside the queue. */
const COORDINATOR_LINKS = [
  ["/behandelaar/overzicht", "coordinatorOverview"],
  ["/behandelaar/goedkeuringen", "pendingApprovals"],
  ["/behandelaar/gemeenteaccounts", "officerAccounts"],
  ["/behandelaar/gemeentecijfers", "municipalityFigures"],
] as const;

export default function WorkQueue() {
  const { messages, locale } = useI18n();
  const t = messages.queue;
  const statusLabels = messages.dossier.statuses;
  const data = useLoaderData<typeof loader>();
  const { filter, counts, total, pages, rows } = data;
  const formRef = useRef<HTMLFormElement>(null);

  // A link (a quick view, "Filters wissen") changes the filter without a new form: show it in the
  // fields. Not by remounting the form, which would drop the focus from its button.
  useEffect(() => {
    const fields = formRef.current?.elements;
    if (!fields) return;
    const values: Record<string, string> = {
      zoek: filter.zoek ?? "",
      status: filter.status ?? "",
      gemeente: filter.gemeente ?? "",
      behandelaar: filter.behandelaar ?? "",
      sorteer: filter.sorteer,
    };
    for (const [name, value] of Object.entries(values)) {
      const field = fields.namedItem(name);
      if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
    }
  }, [filter.zoek, filter.status, filter.gemeente, filter.behandelaar, filter.sorteer]);

  const hasFilters = Boolean(
    filter.weergave !== "all" || filter.status || filter.gemeente || filter.behandelaar || filter.zoek,
  );
  const cleared = queueHref({ weergave: filter.weergave, sorteer: "deadline", pagina: 1 });
  const role = data.user.role === "coordinator" ? t.roleCoordinator : t.roleCaseHandler;
  const byDeadline = filter.sorteer === "deadline";

  return (
    <div className="oma-queue">
      <PageTitle>{t.title}</PageTitle>
      <Paragraph>{interpolate(t.welcome, { name: data.user.name, role })}</Paragraph>

      <nav aria-label={t.linksLabel}>
        <ul className="oma-queue-links">
          <li>
            <Link to="/behandelaar/nieuw">{t.registerComplaint}</Link>
          </li>
          {data.user.role === "coordinator"
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

      <nav aria-label={t.viewsLabel} className="oma-queue-views">
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
        <p className="utrecht-paragraph oma-hint">{t.viewsHint}</p>
      </nav>

      <section className="oma-queue-filters" aria-labelledby="filters-heading">
        <Heading level={2} id="filters-heading">
          {t.filtersHeading}
        </Heading>
        <Form method="get" action="/behandelaar" ref={formRef}>
          {filter.weergave !== "all" ? <input type="hidden" name="weergave" value={filter.weergave} /> : null}
          <TextField
            name="zoek"
            type="search"
            label={t.search}
            description={t.searchHint}
            required={false}
            autoComplete="off"
            defaultValue={filter.zoek ?? ""}
          />
          <div className="oma-queue-filters__grid">
            <SelectField
              name="status"
              label={t.status}
              value={filter.status}
              options={[
                { value: "", label: t.statusAny },
                ...data.statuses.map((s) => ({ value: s, label: statusLabels[s] })),
              ]}
            />
            <SelectField
              name="gemeente"
              label={t.municipality}
              value={filter.gemeente}
              options={[
                { value: "", label: t.municipalityAny },
                ...data.municipalities.map((m) => ({ value: m.id, label: m.name })),
              ]}
            />
            <SelectField
              name="behandelaar"
              label={t.assignee}
              value={filter.behandelaar}
              options={[
                { value: "", label: t.assigneeAny },
                ...data.handlers.map((h) => ({ value: h.id, label: h.name })),
              ]}
            />
            <SelectField
              name="sorteer"
              label={t.sort}
              value={filter.sorteer}
              options={[
                { value: "deadline", label: t.sortDeadline },
                { value: "nieuwste", label: t.sortNewest },
              ]}
            />
          </div>
          <div className="oma-queue-filters__actions">
            <Button>{t.apply}</Button>
            <Link to={cleared}>{t.clear}</Link>
          </div>
        </Form>
      </section>

      <Heading level={2}>{t.resultsHeading}</Heading>
      <div className="oma-queue-summary">
        {/* Announced after a filter is applied without a page load. */}
        <p className="utrecht-paragraph oma-queue-count" role="status">
          {interpolate(total === 1 ? t.resultCountOne : t.resultCount, { count: total, page: filter.pagina, pages })}
        </p>
        {total > 0 ? (
          <a className="utrecht-link" href={`/behandelaar/export.csv${queueSearch(filter, { pagina: 1 })}`} download>
            {t.exportCsv}
          </a>
        ) : null}
      </div>

      {total === 0 ? (
        <div className="oma-queue-empty">
          <Heading level={3}>{t.emptyHeading}</Heading>
          <Paragraph>{hasFilters ? t.emptyFiltered : t.emptyNone}</Paragraph>
          {hasFilters ? (
            <Paragraph>
              <Link to={queueHref({ weergave: "all", sorteer: "deadline", pagina: 1 })}>{t.clear}</Link>
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
            text: interpolate(t.caption, {
              view: t.views[filter.weergave].toLowerCase(),
              sort: byDeadline ? t.captionSortDeadline : t.captionSortNewest,
            }),
          }}
          className="oma-queue-table"
          containerClassName="oma-queue-table-container"
          region
          columns={queueColumns(t, statusLabels, locale, byDeadline)}
          rows={rows}
          rowKey={(r) => r.number}
        />
      )}

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
    </div>
  );
}
