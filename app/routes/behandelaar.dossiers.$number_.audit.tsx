import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "#app/auth/session.server";
import { Link, PageTitle, Paragraph } from "#app/components/ui";
import { AUDIT_URL_ROLES, recordDeniedAccess } from "#app/dossiers/access.server";
import { getDossierAuditLog } from "#app/dossiers/overview.server";
import { formatDateTime, interpolate, useI18n, type Messages } from "#app/i18n/i18n";
import { audit } from "#app/utils/audit.server";
import { pageMeta } from "#app/utils/meta";

// `$number_` keeps this page out of the dossier page's layout: same URL, /behandelaar/dossiers/<number>/audit.

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

type T = Messages["overview"]["audit"];

/** A known code's label; a code the table does not know yet is shown as it is. */
function label(table: Record<string, string>, code: string): string {
  return table[code] ?? code;
}

function Who({ name, role, t }: { name: string | null; role: string | null; t: T }) {
  if (!name && !role) return <>{t.unknownActor}</>;
  return (
    <>
      {name ?? t.unknown}
      {role ? (
        <>
          <br />
          <span className="oma-hint">{label(t.roles, role)}</span>
        </>
      ) : null}
    </>
  );
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
          <div className="utrecht-table-container utrecht-table-container--overflow-inline">
            <table className="oma-table oma-audit-table">
              <caption className="oma-visually-hidden">{interpolate(t.caption, { number, page, pages })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.when}</th>
                  <th scope="col">{t.who}</th>
                  <th scope="col">{t.what}</th>
                  <th scope="col">{t.ip}</th>
                  <th scope="col">{t.requestId}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, locale)}</time>
                    </th>
                    <td>
                      <Who name={e.actorName} role={e.actorRole} t={t} />
                    </td>
                    <td>{t.actions[e.action as keyof T["actions"]] ?? <code>{e.action}</code>}</td>
                    <td>{e.ip ? <code>{e.ip}</code> : t.unknown}</td>
                    <td className="oma-audit-table__request">{e.requestId ? <code>{e.requestId}</code> : t.unknown}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {pages > 1 ? (
        // The work queue's pagination markup and styles.
        <nav aria-label={t.pagination} className="oma-pagination">
          <ul>
            {page > 1 ? (
              <li>
                <Link to={pageUrl(page - 1)} rel="prev">
                  {t.previous}
                </Link>
              </li>
            ) : null}
            {page < pages ? (
              <li>
                <Link to={pageUrl(page + 1)} rel="next">
                  {t.next}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
