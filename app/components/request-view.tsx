import type { ReactNode } from "react";
import { SummaryList, SummaryRow } from "#app/components/summary-list";
import { Heading, ListItem, Paragraph, UnorderedList } from "#app/components/ui";
import { requestState, type RequestState } from "#app/dossiers/requests";
import { formatDate, formatDateTime, interpolate, useI18n, type Locale } from "#app/i18n/i18n";
import type { Messages } from "#app/i18n/catalogue.server";
import { dueExplanationLines, type DueFacts } from "#app/i18n/due-explanation";
import { displayFileName } from "#app/utils/text";
import type { RequestView } from "#app/portal/requests.server";

/**
 * A request to a municipality as both sides read it: what was asked, the due date with why it is
 * that date, the requests for more time and their decisions, and the answer. The back office and
 * the portal add their own forms through the slots.
 */

type R = Messages["requests"];

/** A request as the loaders send it (single fetch keeps its Date values). */
export type RequestData = RequestView;

export const stateOf = (request: RequestData, today: string): RequestState => requestState(request, today);

/** Why the due date is what it is: the term from the sent date (or the last extension), rolled past which days. */
export function DueExplanation({ request }: { request: DueFacts }) {
  const { messages, locale } = useI18n();
  const lines = dueExplanationLines(request, messages.requests, locale);
  if (lines.length === 0) return null;
  return (
    <>
      {lines.map((line) => (
        <Paragraph key={line} className="oma-hint">
          {line}
        </Paragraph>
      ))}
    </>
  );
}

function extensionLine(e: RequestData["extensions"][number], r: R, locale: Locale): string {
  const asked = interpolate(r.extensionAsked, {
    date: formatDateTime(e.askedAt, locale),
    name: e.askedBy,
    weeks: e.weeks,
    reason: e.reason,
  });
  if (e.status === "pending") return `${asked} ${r.extensionPendingNote}`;
  const decided = { name: e.decidedBy ?? "", date: e.decidedAt ? formatDateTime(e.decidedAt, locale) : "" };
  return e.status === "granted"
    ? `${asked} ${interpolate(r.extensionGranted, { ...decided, due: formatDate(e.newDueOn ?? "", locale, true) })}`
    : `${asked} ${interpolate(r.extensionRefused, { ...decided, reason: e.decisionReason ?? "" })}`;
}

export function confidentialityLine(d: RequestData["documents"][number], r: R): string | null {
  if (d.confidentiality === "pending")
    return interpolate(r.confidentialityPending, { reason: d.confidentialityReason ?? "" });
  if (d.confidentiality === "granted") return r.confidentialityGranted;
  if (d.confidentiality === "refused") return interpolate(r.confidentialityRefused, { reason: d.decisionReason ?? "" });
  return null;
}

function DocumentName({ document, href }: { document: { fileName: string }; href: string | null }) {
  const name = displayFileName(document.fileName);
  return href ? (
    <a className="utrecht-link" href={href} download>
      {name}
    </a>
  ) : (
    <>{name}</>
  );
}

/**
 * The body of a request. `level` is the heading level of its parts; `extensionAction` and
 * `documentAction` render the back office's decision forms beside a pending item.
 */
export function RequestBody({
  request,
  today,
  level,
  extensionAction,
  documentAction,
  documentLink,
  sentDocumentLink = documentLink,
}: {
  request: RequestData;
  today: string;
  level: 2 | 3;
  extensionAction?: (extension: RequestData["extensions"][number]) => ReactNode;
  documentAction?: (document: RequestData["documents"][number]) => ReactNode;
  documentLink?: (document: { attachmentId: string }) => string | null;
  /** The link of a document sent with the request (for the back office the same as `documentLink`). */
  sentDocumentLink?: (document: { attachmentId: string }) => string | null;
}) {
  const { messages, locale } = useI18n();
  const r = messages.requests;
  const sub = (level + 1) as 3 | 4;
  const state = stateOf(request, today);
  return (
    <>
      <SummaryList>
        <SummaryRow term={r.sentOn}>{formatDate(request.sentOn, locale)}</SummaryRow>
        <SummaryRow term={r.dueOn}>
          {formatDate(request.dueOn, locale, true)}
          <DueExplanation request={request} />
        </SummaryRow>
        <SummaryRow term={r.state}>
          <span className={state === "overdue" || state === "answered_late" ? "oma-state--late" : undefined}>
            {r.states[state]}
          </span>
        </SummaryRow>
        <SummaryRow term={r.portalQuestions}>
          <span className="utrecht-multiline-data">{request.questions}</span>
        </SummaryRow>
        {request.sentDocuments.length > 0 ? (
          <SummaryRow term={r.sentDocuments}>
            <UnorderedList>
              {request.sentDocuments.map((d) => (
                <ListItem key={d.attachmentId}>
                  <DocumentName document={d} href={sentDocumentLink?.(d) ?? null} />
                </ListItem>
              ))}
            </UnorderedList>
          </SummaryRow>
        ) : null}
        {request.documentsWanted ? (
          <SummaryRow term={r.portalDocumentsWanted}>
            <span className="utrecht-multiline-data">{request.documentsWanted}</span>
          </SummaryRow>
        ) : null}
      </SummaryList>
      {request.kind === "follow_up" && request.status === "open" ? <Paragraph>{r.followUpNote}</Paragraph> : null}
      {request.extensions.length > 0 ? (
        <>
          <Heading level={sub}>{r.extensionsHeading}</Heading>
          <UnorderedList>
            {request.extensions.map((e) => (
              <ListItem key={e.id}>
                {extensionLine(e, r, locale)}
                {e.status === "pending" && request.status === "open" ? extensionAction?.(e) : null}
              </ListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
      {request.status === "answered" ? (
        <>
          <Heading level={sub}>{r.answerHeading}</Heading>
          <Paragraph>
            {interpolate(r.answeredOn, {
              date: formatDate(request.answeredOn ?? "", locale),
              name: request.answeredBy ?? "",
            })}
          </Paragraph>
          <Paragraph className="utrecht-multiline-data">{request.answerText}</Paragraph>
          {request.documents.length > 0 ? (
            <>
              <Paragraph>{r.answerDocuments}:</Paragraph>
              <UnorderedList>
                {request.documents.map((d) => {
                  const href = documentLink?.(d) ?? null;
                  const note = confidentialityLine(d, r);
                  return (
                    <ListItem key={d.attachmentId}>
                      <DocumentName document={d} href={href} />
                      {note ? <> — {note}</> : null}
                      {d.confidentiality === "pending" ? documentAction?.(d) : null}
                    </ListItem>
                  );
                })}
              </UnorderedList>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
