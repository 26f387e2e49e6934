import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { DataTable } from "#app/components/data-table";
import { SelectField, TextField } from "#app/components/forms";
import { Pagination } from "#app/components/pagination";
import { Button, Heading, Link, PageTitle, Paragraph } from "#app/components/ui";
import { formatDate, formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { listSharedDossiers } from "#app/portal/dossiers.server";
import { parsePortalListFilter, portalListHref, PORTAL_STANDS } from "#app/portal/list-filter";
import { getMunicipalityName } from "#app/portal/municipalities.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["portal", "requests", "dossier.statuses", "dossier.topics"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.portal.title);

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** The municipality officer's start page: the dossiers the ombudsman shared with their municipality. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, ["municipality_officer"]);
  const { db } = context.services;
  const filter = parsePortalListFilter(new URL(request.url));
  const [municipality, list] = await Promise.all([
    getMunicipalityName(db, user.municipalityId ?? ""),
    listSharedDossiers(db, user, filter),
  ]);
  return {
    municipality: municipality ?? "",
    dossiers: list.rows,
    total: list.total,
    pages: list.pages,
    filter: { ...filter, pagina: list.pagina },
    today: amsterdamDateOf(context.services.now()),
  };
}

export const portalDossierPath = (number: string) => `/gemeente/dossiers/${encodeURIComponent(number)}`;

export default function MunicipalityHome() {
  const { messages, locale } = useI18n();
  const t = messages.portal;
  const { municipality, dossiers, total, pages, filter, today } = useLoaderData<typeof loader>();
  const filtered = filter.zoek !== null || filter.stand !== "alle";
  const r = messages.requests;
  return (
    <>
      <PageTitle preHeading={interpolate(t.preHeading, { municipality })}>{t.title}</PageTitle>
      <Paragraph>{interpolate(t.yourRole, { municipality })}</Paragraph>
      <Paragraph>
        <RemixLink className="utrecht-link" to="/gemeente/toegangslog">
          {t.accessLogLink}
        </RemixLink>
        {" · "}
        <RemixLink className="utrecht-link" to="/gemeente/cijfers">
          {t.figuresLink}
        </RemixLink>
      </Paragraph>
      <Heading level={2}>{t.listHeading}</Heading>
      <Paragraph>{t.intro}</Paragraph>
      <Form method="get" action="/gemeente" className="oma-portal-filter">
        <TextField
          name="zoek"
          type="search"
          label={t.search}
          description={t.searchHint}
          required={false}
          autoComplete="off"
          defaultValue={filter.zoek ?? ""}
        />
        <SelectField
          name="stand"
          label={t.stand}
          value={filter.stand}
          options={PORTAL_STANDS.map((stand) => ({ value: stand, label: t.stands[stand] }))}
        />
        <Button>{t.apply}</Button>
        {filtered ? <Link to="/gemeente">{t.clear}</Link> : null}
      </Form>
      <p className="utrecht-paragraph" role="status">
        {interpolate(total === 1 ? t.resultCountOne : t.resultCount, { count: total, page: filter.pagina, pages })}
      </p>
      {dossiers.length === 0 ? (
        <Paragraph>{filtered ? t.noneFound : t.empty}</Paragraph>
      ) : (
        <DataTable
          caption={interpolate(t.caption, { municipality })}
          rows={dossiers}
          rowKey={(d) => d.number}
          columns={[
            {
              key: "number",
              header: t.number,
              cell: (d) => (
                <RemixLink className="utrecht-link" to={portalDossierPath(d.number)}>
                  {d.number}
                </RemixLink>
              ),
            },
            {
              key: "topic",
              header: t.topic,
              cell: (d) => messages.dossier.topics[d.topic as keyof typeof messages.dossier.topics] ?? d.topic,
            },
            { key: "status", header: t.status, cell: (d) => messages.dossier.statuses[d.status] },
            {
              key: "due",
              header: r.dueOn,
              cell: (d) =>
                d.nextDueOn ? (
                  <span className={d.nextDueOn < today ? "oma-state--late" : undefined}>
                    {formatDate(d.nextDueOn, locale)}
                    {d.nextDueOn < today ? ` (${r.states.overdue})` : null}
                  </span>
                ) : (
                  t.noOpenRequest
                ),
            },
            { key: "handler", header: t.handler, cell: (d) => d.handlerName ?? t.noHandler },
            {
              key: "shared",
              header: t.sharedAt,
              cell: (d) => (d.lastSharedAt ? formatDateTime(d.lastSharedAt, locale) : ""),
            },
          ]}
        />
      )}
      {pages > 1 ? (
        <Pagination
          current={filter.pagina}
          pages={pages}
          href={(p) => portalListHref(filter, { pagina: p })}
          words={{
            label: t.paginationLabel,
            previous: t.previousPage,
            next: t.nextPage,
            page: (page) => interpolate(t.page, { page }),
          }}
        />
      ) : null}
    </>
  );
}
