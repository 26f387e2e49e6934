import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { DataTable } from "#app/components/data-table";
import { DossierErrorPage } from "#app/components/dossier-error";
import { SummaryList, SummaryRow } from "#app/components/summary-list";
import { Heading, Link, PageTitle, Paragraph, UnorderedList, ListItem, VisuallyHidden } from "#app/components/ui";
import { recordDeniedAccess } from "#app/dossiers/access.server";
import { formatFileSize } from "#app/dossiers/download";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { countMessage, formatDate, formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";
import { getSharedDossier } from "#app/portal/dossiers.server";
import { requestsOf } from "#app/portal/requests.server";
import { requestState } from "#app/dossiers/requests";
import { Link as RemixLink } from "@remix-run/react";
import { audit } from "#app/utils/audit.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import { displayFileName } from "#app/utils/text";

export const handle: PageHandle = {
  i18n: ["portal", "requests", "dossier.statuses", "dossier.topics", "dossier.eventTypes"],
};

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) =>
    data ? interpolate(t.portal.dossierTitle, { number: data.dossier.number }) : t.errors.notFoundTitle,
  );

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/**
 * One dossier shared with the officer's municipality. A dossier that is not (a number of another
 * municipality, one never shared, or none at all) is the same 404, and the attempt is audited.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, ["municipality_officer"]);
  const { db } = context.services;
  const number = params.number ?? "";
  const shared = await getSharedDossier(db, user, number);
  if (!shared) {
    await recordDeniedAccess(db, context, user, { route: "portal.dossier", number });
    throw new Response("Not Found", { status: 404 });
  }
  await audit(db, context, user, {
    action: "dossier.viewed",
    subjectType: "dossier",
    subjectId: shared.dossier.id,
    details: { number: shared.dossier.number, portal: true },
  });
  const { id, municipalityId: _municipality, ...dossier } = shared.dossier;
  return {
    ...shared,
    dossier,
    requests: await requestsOf(db, user, id),
    today: amsterdamDateOf(context.services.now()),
  };
}

export default function SharedDossier() {
  const { messages, locale } = useI18n();
  const t = messages.portal;
  const { dossier, documents, timeline, shares, requests, today } = useLoaderData<typeof loader>();
  const r = messages.requests;
  const base = `/gemeente/dossiers/${encodeURIComponent(dossier.number)}`;
  const eventLabel = (type: string) =>
    messages.dossier.eventTypes[type as keyof typeof messages.dossier.eventTypes] ?? type;
  return (
    <>
      <Paragraph>
        <Link to="/gemeente">{t.backToList}</Link>
      </Paragraph>
      <PageTitle>{interpolate(t.dossierTitle, { number: dossier.number })}</PageTitle>
      <SummaryList>
        <SummaryRow term={t.status}>{messages.dossier.statuses[dossier.status]}</SummaryRow>
        <SummaryRow term={t.handler}>{dossier.handlerName ?? t.noHandler}</SummaryRow>
        <SummaryRow term={t.submittedAt}>
          {formatDate(amsterdamDateOf(new Date(dossier.submittedAt)), locale)}
        </SummaryRow>
      </SummaryList>

      <Heading level={2}>{t.complaintHeading}</Heading>
      <SummaryList>
        <SummaryRow term={t.topic}>
          {messages.dossier.topics[dossier.topic as keyof typeof messages.dossier.topics] ?? dossier.topic}
        </SummaryRow>
        <SummaryRow term={t.complaintText}>
          <span className="utrecht-multiline-data">{dossier.complaintText}</span>
        </SummaryRow>
        <SummaryRow term={t.incidentPlace}>{dossier.incidentPlace}</SummaryRow>
        <SummaryRow term={t.incidentDate}>{formatDate(dossier.incidentDate, locale)}</SummaryRow>
        {dossier.desiredOutcome ? <SummaryRow term={t.desiredOutcome}>{dossier.desiredOutcome}</SummaryRow> : null}
      </SummaryList>

      <Heading level={2}>{r.portalHeading}</Heading>
      {requests.length === 0 ? (
        <Paragraph>{r.portalNone}</Paragraph>
      ) : (
        <DataTable
          caption={interpolate(r.portalCaption, { number: dossier.number })}
          rows={requests}
          rowKey={(q) => q.id}
          columns={[
            {
              key: "kind",
              header: r.kindLegend,
              cell: (q) => (
                <RemixLink
                  className="utrecht-link"
                  to={`/gemeente/dossiers/${encodeURIComponent(dossier.number)}/verzoeken/${q.id}`}
                >
                  {interpolate(r.requestTitle, { kind: r.kinds[q.kind], date: formatDate(q.sentOn, locale) })}
                </RemixLink>
              ),
            },
            { key: "due", header: r.dueOn, cell: (q) => formatDate(q.dueOn, locale, true) },
            {
              key: "state",
              header: r.state,
              cell: (q) => {
                const state = requestState(q, today);
                return (
                  <span className={state === "overdue" || state === "answered_late" ? "oma-state--late" : undefined}>
                    {r.states[state]}
                  </span>
                );
              },
            },
          ]}
        />
      )}

      <Heading level={2}>{t.documentsHeading}</Heading>
      {documents.length === 0 ? (
        <Paragraph>{t.noDocuments}</Paragraph>
      ) : (
        <DataTable
          caption={interpolate(t.documentsCaption, { number: dossier.number })}
          rows={documents}
          rowKey={(d) => d.id}
          columns={[
            {
              key: "file",
              header: t.fileName,
              cell: (d) => (
                <a className="utrecht-link" href={`${base}/documenten/${d.id}`} download>
                  {displayFileName(d.fileName)}
                  <VisuallyHidden> ({t.download})</VisuallyHidden>
                </a>
              ),
            },
            { key: "size", header: t.size, cell: (d) => formatFileSize(d.size, locale) },
          ]}
        />
      )}

      <Heading level={2}>{t.sharesHeading}</Heading>
      <UnorderedList>
        {shares.map((s) => (
          <ListItem key={s.id}>
            {interpolate(t.shareLine, {
              date: formatDateTime(s.sharedAt, locale),
              count: countMessage(s.documents, t.shareDocumentsOne, t.shareDocumentsOther),
            })}{" "}
            <a className="utrecht-link" href={`${base}/delingen/${s.id}/dossier.zip`} download>
              {t.downloadCaseFile}
              <VisuallyHidden> ({formatDateTime(s.sharedAt, locale)})</VisuallyHidden>
            </a>
          </ListItem>
        ))}
      </UnorderedList>

      <Heading level={2}>{t.historyHeading}</Heading>
      <UnorderedList>
        {timeline.map((e) => (
          <ListItem key={e.id}>
            {formatDateTime(e.at, locale)}: {eventLabel(e.type)}
            {e.to ? ` (${messages.dossier.statuses[e.to as keyof typeof messages.dossier.statuses] ?? e.to})` : null}
          </ListItem>
        ))}
      </UnorderedList>
    </>
  );
}

export function ErrorBoundary() {
  const { messages } = useI18n();
  return <DossierErrorPage back={{ to: "/gemeente", label: messages.portal.backToList }} />;
}
