import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { DataTable } from "#app/components/data-table";
import { Link, PageTitle, Paragraph } from "#app/components/ui";
import { listPendingApprovals } from "#app/dossiers/approvals.server";
import { formatDateTime, useI18n } from "#app/i18n/i18n";
import { audit } from "#app/utils/audit.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

/** The coordinators' list of handlers' proposals that wait for approval (four eyes); decided on the dossier page. */

export const handle: PageHandle = { i18n: ["approvals"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.approvals.listTitle);

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, ["coordinator"]);
  const { db, env } = context.services;
  const rows = await listPendingApprovals(db, user);
  await audit(db, context, user, { action: "approvals.viewed", details: { count: rows.length } });
  return {
    fourEyes: env.fourEyes,
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      askedByName: r.askedByName,
      askedAt: r.askedAt,
    })),
  };
}

export default function PendingApprovals() {
  const { messages, locale } = useI18n();
  const t = messages.approvals;
  const { rows, fourEyes } = useLoaderData<typeof loader>();
  return (
    <>
      <Paragraph>
        <Link to="/behandelaar">{t.back}</Link>
      </Paragraph>
      <PageTitle>{t.listTitle}</PageTitle>
      <Paragraph>{t.listIntro}</Paragraph>
      {fourEyes ? null : <Paragraph>{t.listOff}</Paragraph>}
      {rows.length === 0 ? (
        <Paragraph>{t.listEmpty}</Paragraph>
      ) : (
        <DataTable
          caption={t.listTitle}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            {
              key: "number",
              header: t.colDossier,
              cell: (r) => (
                <Link to={`/behandelaar/dossiers/${encodeURIComponent(r.number)}#goedkeuring`}>{r.number}</Link>
              ),
            },
            { key: "kind", header: t.colKind, cell: (r) => t.kinds[r.kind] },
            { key: "askedBy", header: t.colAskedBy, cell: (r) => r.askedByName },
            { key: "askedAt", header: t.colAskedAt, cell: (r) => formatDateTime(r.askedAt, locale) },
          ]}
        />
      )}
    </>
  );
}
