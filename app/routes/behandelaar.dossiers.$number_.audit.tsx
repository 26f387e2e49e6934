import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "#app/auth/session.server";
import { DataTable } from "#app/components/data-table";
import { Pagination } from "#app/components/pagination";
import { Link, PageTitle, Paragraph } from "#app/components/ui";
import { AUDIT_URL_ROLES, recordDeniedAccess } from "#app/dossiers/access.server";
import { getDossierAuditLog } from "#app/dossiers/overview.server";
import { formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";
import { AuditWhat, AuditWho } from "#app/components/audit-entry";
import { audit } from "#app/utils/audit.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

// `$number_` keeps this page out of the dossier page's layout: same URL, /behandelaar/dossiers/<number>/audit.

export const handle: PageHandle = { i18n: ["overview"] };

const PageSchema = z.object({ pagina: z.coerce.number().int().min(1).max(100_000).catch(1) });

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => interpolate(t.overview.audit.title, { number: data?.number ?? "" }));

// Names and addresses of staff: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, AUDIT_URL_ROLES);
  const { pagina: page } = PageSchema.parse({ pagina: new URL(request.url).searchParams.get("pagina") ?? undefined });
  const { db } = context.services;
  const number = params.number ?? "";
  const log = await getDossierAuditLog(db, { actor: user, number, page });
  if (!log) {
    await recordDeniedAccess(db, context, user, { route: "audit", number });
    throw new Response("Not Found", { status: 404 });
  }
  // Reading who looked at a dossier is itself a look at it.
  await audit(db, context, user, {
    action: "dossier.audit_viewed",
    subjectType: "dossier",
    subjectId: log.dossier.id,
    details: { number: log.dossier.number, page },
  });
  return { number: log.dossier.number, entries: log.entries, total: log.total, page, pages: log.pages };
}

export default function DossierAuditLog() {
  const { messages, locale } = useI18n();
  const t = messages.overview.audit;
  const { number, entries, total, page, pages } = useLoaderData<typeof loader>();
  const dossierUrl = `/behandelaar/dossiers/${encodeURIComponent(number)}`;
  const pageUrl = (p: number) => `${dossierUrl}/audit${p > 1 ? `?pagina=${p}` : ""}`;

  return (
    <>
      <Paragraph>
        <Link to={dossierUrl}>{interpolate(t.backToDossier, { number })}</Link>
      </Paragraph>
      <PageTitle preHeading={t.preHeading}>{interpolate(t.title, { number })}</PageTitle>
      <Paragraph>{t.intro}</Paragraph>

      {total === 0 ? (
        <Paragraph>{t.empty}</Paragraph>
      ) : entries.length === 0 ? (
        <Paragraph>
          {t.emptyPage} <Link to={pageUrl(1)}>{t.firstPage}</Link>
        </Paragraph>
      ) : (
        <>
          <Paragraph>{interpolate(t.summary, { total, page, pages })}</Paragraph>
          <DataTable
            caption={interpolate(t.caption, { number, page, pages })}
            className="oma-audit-table"
            rows={entries}
            rowKey={(e) => String(e.id)}
            columns={[
              {
                key: "when",
                header: t.when,
                cell: (e) => <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, locale)}</time>,
              },
              { key: "who", header: t.who, cell: (e) => <AuditWho name={e.actorName} role={e.actorRole} t={t} /> },
              {
                key: "what",
                header: t.what,
                cell: (e) => <AuditWhat entry={e} t={t} />,
              },
              { key: "ip", header: t.ip, cell: (e) => (e.ip ? <code>{e.ip}</code> : t.unknown) },
              {
                key: "request",
                header: t.requestId,
                cellClassName: () => "oma-audit-table__request",
                cell: (e) => (e.requestId ? <code>{e.requestId}</code> : t.unknown),
              },
            ]}
          />
        </>
      )}

      {pages > 1 ? (
        // The work queue's pagination markup and styles.
        <Pagination
          current={page}
          pages={pages}
          href={pageUrl}
          words={{ label: t.pagination, previous: t.previous, next: t.next }}
        />
      ) : null}
    </>
  );
}
