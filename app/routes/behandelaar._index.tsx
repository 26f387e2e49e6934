import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { Heading, Link, PageTitle, Paragraph } from "#app/components/ui";
import { daysUntil } from "#app/dossiers/deadlines";
import { listRecentDossiers, STAFF_ROLES } from "#app/dossiers/queries.server";
import { formatDate, interpolate, useI18n, type Messages } from "#app/i18n/i18n";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.staffHome.title);

// The list names complainants: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const RECENT_LIMIT = 25;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, STAFF_ROLES);
  const today = amsterdamDateOf(context.services.now());
  const recent = (await listRecentDossiers(context.services.db, { actor: user, limit: RECENT_LIMIT })) ?? [];
  return {
    name: user.name,
    role: user.role,
    dossiers: recent.map((d) => ({ ...d, contactDays: daysUntil(d.contactDueOn, today) })),
  };
}

function contactDueText(t: Messages["dossier"], days: number): string {
  if (days === 0) return t.contactDueToday;
  if (days === 1) return t.contactDueInOneDay;
  if (days > 1) return interpolate(t.contactDueInDays, { days });
  if (days === -1) return t.contactOverdueOneDay;
  return interpolate(t.contactOverdueDays, { days: -days });
}

export default function CaseHandlerHome() {
  const { messages, locale } = useI18n();
  const t = messages.staffHome;
  const td = messages.dossier;
  const { name, role, dossiers } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Paragraph>{interpolate(t.welcome, { name })}</Paragraph>
      <Paragraph>{interpolate(t.yourRole, { role: role === "coordinator" ? t.roleCoordinator : t.roleCaseHandler })}</Paragraph>

      <Heading level={2}>{td.recentHeading}</Heading>
      {dossiers.length === 0 ? (
        <Paragraph>{td.recentEmpty}</Paragraph>
      ) : (
        <div className="utrecht-table-container utrecht-table-container--overflow-inline">
          <table className="oma-table">
            <caption className="oma-visually-hidden">
              {interpolate(td.recentCaption, { count: dossiers.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{td.recentNumber}</th>
                <th scope="col">{td.recentMunicipality}</th>
                <th scope="col">{td.recentComplainant}</th>
                <th scope="col">{td.recentStatus}</th>
                <th scope="col">{td.recentContactDue}</th>
              </tr>
            </thead>
            <tbody>
              {dossiers.map((d) => (
                <tr key={d.number}>
                  <th scope="row">
                    <Link to={`/behandelaar/dossiers/${d.number}`}>{d.number}</Link>
                  </th>
                  <td>{d.municipalityName}</td>
                  <td>{d.complainantName ?? ""}</td>
                  <td>{td.statuses[d.status]}</td>
                  <td>
                    {d.firstContactAt ? (
                      td.recentContactDone
                    ) : (
                      <>
                        {formatDate(d.contactDueOn, locale, true)}
                        <br />
                        {contactDueText(td, d.contactDays)}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
