import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { AuditWhat, AuditWho, codeLabel } from "#app/components/audit-entry";
import { DataTable } from "#app/components/data-table";
import { SelectField, TextField } from "#app/components/forms";
import { Pagination } from "#app/components/pagination";
import { Alert, Button, Heading, Link, PageTitle, Paragraph } from "#app/components/ui";
import { auditFilterSearch, NO_USER, parseAuditFilter } from "#app/dossiers/audit-filter";
import { AUDIT_LOG_ROLES, listAuditActors, listAuditLog } from "#app/dossiers/audit-log.server";
import { formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";
import { audit } from "#app/utils/audit.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

/** Every audit entry, for the coordinator: filtered by who, what and when, paged, and as CSV (…/audit.csv). */

export const handle: PageHandle = { i18n: ["overview"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.overview.auditLog.title);

// Names, addresses and what people looked at: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, AUDIT_LOG_ROLES);
  const { db } = context.services;
  const { filter, problems } = parseAuditFilter(new URL(request.url).searchParams);
  const [log, actors] = await Promise.all([
    listAuditLog(db, { actor: user, filter }),
    listAuditActors(db, { actor: user }),
  ]);
  if (!log || !actors) throw new Response("Forbidden", { status: 403 });
  // Reading the log is itself recorded, with what was asked.
  await audit(db, context, user, { action: "audit.viewed", subjectType: "audit_log", details: { filter } });
  return { filter, problems, actors, search: auditFilterSearch(filter).toString(), ...log };
}

export default function AuditLogPage() {
  const { messages, locale } = useI18n();
  const t = messages.overview.auditLog;
  const ta = messages.overview.audit;
  const { filter, problems, actors, search, entries, total, pages } = useLoaderData<typeof loader>();
  const pageUrl = (p: number) => {
    const params = new URLSearchParams(search);
    if (p > 1) params.set("pagina", String(p));
    const query = params.toString();
    return `/behandelaar/audit${query ? `?${query}` : ""}`;
  };
  const actions = Object.entries(ta.actions)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));

  return (
    <>
      <Paragraph>
        <Link to="/behandelaar/overzicht">{messages.overview.title}</Link>
      </Paragraph>
      <PageTitle preHeading={t.preHeading}>{t.title}</PageTitle>
      <Paragraph>{t.intro}</Paragraph>

      <section aria-labelledby="audit-filter" className="oma-no-print">
        <Heading level={2} id="audit-filter">
          {t.filterHeading}
        </Heading>
        {problems.length > 0 ? (
          <Alert type="warning" role="status">
            {problems.map((p) => (
              <Paragraph key={p}>{t.problems[p]}</Paragraph>
            ))}
          </Alert>
        ) : null}
        <Form method="get" action="/behandelaar/audit" className="oma-audit-filter">
          <SelectField
            name="gebruiker"
            label={t.actor}
            value={filter.actor ?? ""}
            placeholder={t.everyone}
            options={[
              { value: NO_USER, label: t.noUser },
              ...actors.map((a) => ({ value: a.id, label: `${a.name} (${codeLabel(ta.roles, a.role)})` })),
            ]}
          />
          <SelectField
            name="actie"
            label={t.action}
            value={filter.action ?? ""}
            placeholder={t.everything}
            options={actions}
          />
          <TextField name="van" label={t.from} optional width="short" defaultValue={filter.from ?? ""} />
          <TextField name="tot" label={t.to} optional width="short" defaultValue={filter.to ?? ""} />
          <Button appearance="secondary">{t.filter}</Button>
        </Form>
        <Paragraph>
          <Link to="/behandelaar/audit">{t.reset}</Link>
        </Paragraph>
      </section>

      {total === 0 ? (
        <Paragraph>{t.empty}</Paragraph>
      ) : (
        <>
          <Paragraph>{interpolate(t.summary, { total, page: filter.page, pages })}</Paragraph>
          <Paragraph>
            <a className="utrecht-link" href={`/behandelaar/audit.csv${search ? `?${search}` : ""}`} download>
              {t.csv}
            </a>
          </Paragraph>
          <DataTable
            caption={interpolate(t.caption, { page: filter.page, pages })}
            className="oma-audit-table"
            rows={entries}
            rowKey={(e) => String(e.id)}
            columns={[
              {
                key: "when",
                header: ta.when,
                cell: (e) => <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, locale)}</time>,
              },
              { key: "who", header: ta.who, cell: (e) => <AuditWho name={e.actorName} role={e.actorRole} t={ta} /> },
              { key: "what", header: ta.what, cell: (e) => <AuditWhat entry={{ ...e, number: null }} t={ta} /> },
              {
                key: "dossier",
                header: t.dossier,
                cell: (e) =>
                  e.number && e.deniedRoute === null ? (
                    <Link to={`/behandelaar/dossiers/${encodeURIComponent(e.number)}`}>{e.number}</Link>
                  ) : (
                    (e.number ?? "")
                  ),
              },
              { key: "ip", header: ta.ip, cell: (e) => (e.ip ? <code>{e.ip}</code> : ta.unknown) },
              {
                key: "request",
                header: ta.requestId,
                cellClassName: () => "oma-audit-table__request",
                cell: (e) => (e.requestId ? <code>{e.requestId}</code> : ta.unknown),
              },
            ]}
          />
        </>
      )}

      {pages > 1 ? (
        <Pagination
          current={filter.page}
          pages={pages}
          href={pageUrl}
          words={{ label: ta.pagination, previous: ta.previous, next: ta.next }}
        />
      ) : null}
    </>
  );
}
