import type { Issue } from "#app/dossiers/casework/command.server";
import type { Messages } from "#app/i18n/catalogue.server";
import { formatDate, interpolate, type Locale } from "#app/i18n/i18n";
import type { FieldErrors } from "#app/utils/forms.server";

/** A command's refusal in the reader's words: the first issue per field, as the form shows it. */
export function issueErrors(issues: readonly Issue[], messages: Messages, locale: Locale): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) errors[i.field] ??= issueMessage(i, messages, locale);
  return errors;
}

function issueMessage({ code, params = {} }: Issue, messages: Messages, locale: Locale): string {
  const t = messages.casework;
  const date = () => formatDate(params.date ?? "", locale);
  const status = () =>
    messages.dossier.statuses[params.status as keyof Messages["dossier"]["statuses"]] ?? params.status ?? "";
  switch (code) {
    case "closed":
      return t.closedNotice;
    case "date-in-future":
      return t.dateInFuture;
    case "date-before-submission":
      return interpolate(t.dateBeforeSubmission, { date: date() });
    case "assignee-invalid":
      return t.assignInvalid;
    case "assignee-same":
      return interpolate(t.assignSame, { name: params.name ?? "" });
    case "status-not-allowed":
      return interpolate(t.statusToNotAllowed, { status: status() });
    case "outcome-required":
      return t.outcomeRequired;
    case "outcome-invalid":
      return interpolate(t.outcomeInvalid, { status: status() });
    case "finding-required":
      return t.findingRequired;
    case "finding-invalid":
      return t.findingInvalid;
    case "reason-required":
      return t.reasonRequired;
    case "reason-invalid":
      return t.reasonInvalid;
    case "document-gone":
      return t.documentGone;
    case "document-ombudsman-only":
      return t.documentOmbudsmanOnly;
    case "file-required":
      return t.fileRequired;
    case "pause-running":
      return t.pauseAlreadyRunning;
    case "pause-overlaps":
      return interpolate(t.pauseOverlaps, { date: date() });
    case "resume-not-running":
      return t.resumeNotRunning;
    case "resume-before-start":
      return interpolate(t.resumeBeforeStart, { date: date() });
    case "mail-no-address":
      return interpolate(t.mailNoAddress, { name: params.name ?? "" });
    case "mail-unfilled":
      return t.mailUnfilled;
    case "request-not-shared":
      return messages.requests.requestNotShared;
    case "request-answered":
      return messages.requests.requestAnswered;
    case "request-gone":
      return messages.requests.requestGone;
    case "text-required":
      return messages.requests.answerTextRequired;
    case "extension-pending":
      return messages.requests.extensionPending;
    case "decision-taken":
      return messages.requests.decisionTaken;
    case "question-open":
      return messages.resident.questionOpenAlready;
    case "question-answered":
      return messages.resident.questionAnsweredAlready;
    case "question-gone":
      return messages.resident.questionGone;
    case "approval-pending":
      return messages.approvals.pending;
    case "approval-gone":
      return messages.approvals.gone;
    case "approval-own":
      return messages.approvals.ownRequest;
    case "approval-decided":
      return messages.approvals.decided;
    case "approval-reason-required":
      return messages.approvals.reasonRequired;
    case "not-closed":
      return messages.approvals.notClosed;
    case "documents-full":
      return interpolate(messages.resident.documentsFull, { max: params.max ?? "" });
    case "link-self":
      return t.linkSelf;
    case "link-unknown":
      return interpolate(t.linkUnknown, { number: params.number ?? "" });
    case "link-exists":
      return interpolate(t.linkExists, { number: params.number ?? "" });
    case "link-gone":
      return t.linkGone;
    case "follow-up-past":
      return t.followUpPast;
    case "follow-up-gone":
      return t.followUpGone;
  }
}
