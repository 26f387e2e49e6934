import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { DataTable } from "#app/components/data-table";
import { Link, PageTitle, Paragraph, VisuallyHidden } from "#app/components/ui";
import { formatDate, interpolate, useI18n } from "#app/i18n/i18n";
import { REFERENCE_ROLES } from "#app/reference/actor.server";
import { listMunicipalities } from "#app/reference/municipalities.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["reference.home", "reference.municipalities"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.reference.municipalities.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, REFERENCE_ROLES);
  return { municipalities: await listMunicipalities(context.services.db) };
}

export default function Municipalities() {
  const { messages, locale } = useI18n();
  const t = messages.reference.municipalities;
  const { municipalities } = useLoaderData<typeof loader>();
  return (
    <>
      <Paragraph>
        <Link to="/behandelaar/referentiegegevens">{t.backToReference}</Link>
      </Paragraph>
      <PageTitle preHeading={messages.reference.home.title}>{t.title}</PageTitle>
      <Paragraph>{t.intro}</Paragraph>
      <DataTable
        caption={t.caption}
        rows={municipalities}
        rowKey={(m) => m.id}
        columns={[
          { key: "name", header: t.name, cell: (m) => m.name },
          { key: "joinedOn", header: t.joinedOn, cell: (m) => formatDate(m.joinedOn, locale) },
          { key: "leftOn", header: t.leftOn, cell: (m) => (m.leftOn ? formatDate(m.leftOn, locale) : t.notLeft) },
          { key: "weeks", header: t.handlingWeeks, cell: (m) => interpolate(t.weeks, { weeks: m.handlingWeeks }) },
          {
            key: "action",
            header: t.action,
            cell: (m) => (
              <Link to={`/behandelaar/referentiegegevens/gemeenten/${m.id}`}>
                {t.edit}
                <VisuallyHidden> {interpolate(t.editFor, { name: m.name })}</VisuallyHidden>
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
