/**
 * What the dossier's history says about each event, as codes and parameters: the page turns them
 * into words in the reader's language. Events are stored with free-form details (older rows may
 * lack a field), so every value is read defensively and a missing one becomes "".
 */

export type HistoryDetail =
  | {
      code: "status";
      from: string;
      to: string;
      /** The outcome code when the dossier was closed, and its detail (a finding or a reason code). */
      outcome: string | null;
      detail: { kind: "finding" | "reason"; code: string } | null;
      /** Who asked and who approved, when a coordinator approved a handler's close (four eyes). */
      approval?: { approver: string; asker: string };
      /** What the handler wrote with the change (also at the steps in between). */
      explanation?: string;
    }
  | { code: "approval"; kind: string; decision: string; approver: string; asker: string; reason: string }
  | { code: "reopened"; reason: string }
  | { code: "assigned"; name: string }
  | { code: "contact"; channel: string; date: string; first: boolean }
  | { code: "document"; fileName: string; visibility: string }
  | { code: "visibility"; fileName: string; visibility: string; reason: string }
  | { code: "request"; kind: string; date: string; count: string }
  | { code: "pause"; reason: string; date: string }
  | { code: "resume"; date: string; days: string }
  | { code: "mail"; subject: string; to: string }
  | { code: "share"; count: string }
  | { code: "file"; fileName: string }
  | { code: "link"; number: string; reason: string };

type Details = Record<string, unknown>;

const str = (details: Details, key: string): string => {
  const v = details[key];
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
};

/** What an event was about; null for events that say it all in their label. */
export function describeEvent(type: string, details: Details): HistoryDetail | null {
  switch (type) {
    case "status_changed": {
      const outcome = str(details, "outcome") || null;
      const detail = str(details, "detail");
      const kind = outcome === "report_with_finding" ? "finding" : outcome === "not_taken_up" ? "reason" : null;
      return {
        code: "status",
        from: str(details, "from"),
        to: str(details, "to"),
        outcome,
        detail: kind && detail ? { kind, code: detail } : null,
        ...(str(details, "approvedByName")
          ? { approval: { approver: str(details, "approvedByName"), asker: str(details, "askedByName") } }
          : {}),
        ...(str(details, "explanation") ? { explanation: str(details, "explanation") } : {}),
      };
    }
    case "approval_requested":
    case "approval_decided":
      return {
        code: "approval",
        kind: str(details, "kind"),
        decision: type === "approval_requested" ? "requested" : str(details, "decision"),
        approver: str(details, "approvedByName"),
        asker: str(details, "askedByName"),
        reason: str(details, "reason"),
      };
    case "reopened":
      return { code: "reopened", reason: str(details, "reason") };
    case "assigned":
      return str(details, "toName") ? { code: "assigned", name: str(details, "toName") } : null;
    case "contact_recorded":
      return {
        code: "contact",
        channel: str(details, "channel"),
        date: str(details, "contactedOn"),
        first: details.first === true,
      };
    case "document_added":
      return { code: "document", fileName: str(details, "fileName"), visibility: str(details, "visibility") };
    case "visibility_changed":
      return {
        code: "visibility",
        fileName: str(details, "fileName"),
        visibility: str(details, "to"),
        reason: str(details, "reason"),
      };
    case "request_sent":
      return {
        code: "request",
        kind: str(details, "kind"),
        date: str(details, "dueOn"),
        count: documentCount(details),
      };
    case "question_sent":
      return { code: "request", kind: "", date: str(details, "dueOn"), count: "0" };
    case "extension_decided":
    case "due_date_recalculated":
      return { code: "request", kind: "", date: str(details, "dueOn"), count: "0" };
    case "clock_paused":
      return { code: "pause", reason: str(details, "reason"), date: str(details, "startedOn") };
    case "clock_resumed":
      return { code: "resume", date: str(details, "endedOn"), days: str(details, "days") || "0" };
    case "mail_sent":
      return { code: "mail", subject: str(details, "subject"), to: str(details, "to") };
    case "shared":
      return { code: "share", count: documentCount(details) };
    case "follow_up_set":
    case "follow_up_done":
      return { code: "link", number: str(details, "dueOn"), reason: str(details, "note") };
    case "linked":
    case "unlinked":
      return { code: "link", number: str(details, "number"), reason: str(details, "reason") };
    case "document_given_to_resident":
    case "document_taken_from_resident":
      return { code: "file", fileName: str(details, "fileName") };
    default:
      return null;
  }
}

function documentCount(details: Details): string {
  return String(Array.isArray(details.attachmentIds) ? details.attachmentIds.length : 0);
}

/** The explanation given when the dossier was last closed, if any. */
export function closingExplanation(events: readonly { type: string; details: Details }[]): string | null {
  const closing = [...events].reverse().find((e) => e.type === "status_changed" && e.details.to === "closed");
  return typeof closing?.details.explanation === "string" ? closing.details.explanation : null;
}
