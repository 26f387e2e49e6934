import { describeEvent, type HistoryDetail } from "#app/dossiers/history";
import { formatDate, formatDateTime, interpolate, useI18n, type Locale, type Messages } from "#app/i18n/i18n";
import { displayFileName } from "#app/utils/text";
import { label } from "./facts";

type Event = {
  id: number | string;
  at: string | Date;
  type: string;
  details: Record<string, unknown>;
  actorName: string | null;
};

/** The dossier's history, oldest first: when, what, in a few words what about, and by whom. */
export function History({ events }: { events: readonly Event[] }) {
  const { messages, locale } = useI18n();
  const t = messages.dossier;
  const types: Record<string, string> = { ...t.eventTypes, ...messages.approvals.eventTypes };
  return (
    <ol className="utrecht-ordered-list oma-timeline">
      {events.map((e) => {
        const described = describeEvent(e.type, e.details);
        const detail = described ? detailText(described, messages, locale) : "";
        return (
          <li key={e.id} className="utrecht-ordered-list__item">
            <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, locale)}</time>
            {": "}
            {label(types, e.type)}
            {detail ? ` (${detail})` : null}
            {e.actorName
              ? ` ${interpolate(t.eventBy, { name: e.actorName })}`
              : e.details.by === "resident"
                ? ` ${t.eventByResident}`
                : null}
            {described?.code === "status" && described.explanation ? (
              // A space first, so that the entry reads as two sentences also where styles are off.
              <>
                {" "}
                <span className="oma-timeline__explanation utrecht-multiline-data">
                  {interpolate(t.eventExplanation, { text: described.explanation })}
                </span>
              </>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** An event's detail in the reader's words. */
export function detailText(detail: HistoryDetail, messages: Messages, locale: Locale): string {
  const t = messages.dossier;
  const tc = messages.casework;
  const d = tc.eventDetails;
  const visibility = (v: string) => (v === "internal" ? tc.visibilityInternal : tc.visibilityShared);
  const day = (iso: string) => (iso ? formatDate(iso, locale) : "");
  switch (detail.code) {
    case "status": {
      const change = interpolate(d.status, { from: label(t.statuses, detail.from), to: label(t.statuses, detail.to) });
      if (!detail.outcome) return change;
      const about = detail.detail
        ? label(detail.detail.kind === "finding" ? tc.findings : tc.reasons, detail.detail.code)
        : "";
      const approved = detail.approval ? interpolate(messages.approvals.approvedBy, detail.approval) : "";
      return [change, label(tc.outcomes, detail.outcome), about, approved].filter(Boolean).join(", ");
    }
    case "approval": {
      const ta = messages.approvals;
      const values = { ...detail, kind: label(ta.kinds, detail.kind) };
      if (detail.decision === "approved") return interpolate(ta.eventDetails.approved, values);
      if (detail.decision === "sent_back") return interpolate(ta.eventDetails.sentBack, values);
      return interpolate(ta.eventDetails.requested, values);
    }
    case "reopened":
      return interpolate(messages.approvals.eventDetails.reopened, { reason: detail.reason });
    case "assigned":
      return interpolate(d.assigned, { name: detail.name });
    case "contact": {
      const text = interpolate(d.contact, {
        channel: label(t.contactChannels, detail.channel),
        date: day(detail.date),
      });
      return detail.first ? `${text}, ${d.firstContact}` : text;
    }
    case "document":
      return interpolate(d.document, {
        name: displayFileName(detail.fileName),
        visibility: visibility(detail.visibility),
      });
    case "file":
      return displayFileName(detail.fileName);
    case "link":
      return detail.reason ? `${detail.number}: ${detail.reason}` : detail.number;
    case "visibility":
      return interpolate(detail.reason ? d.visibilityReasoned : d.visibility, {
        name: displayFileName(detail.fileName),
        visibility: visibility(detail.visibility),
        reason: detail.reason,
      });
    case "request": {
      const text = detail.kind
        ? interpolate(d.request, { kind: label(messages.requests.kinds, detail.kind), date: day(detail.date) })
        : interpolate(d.requestDue, { date: day(detail.date) });
      return detail.count === "0" ? text : `${text}, ${interpolate(d.share, { count: detail.count })}`;
    }
    case "pause":
      return interpolate(d.pause, { reason: label(tc.pauseReasons, detail.reason), date: day(detail.date) });
    case "resume":
      return interpolate(d.resume, { date: day(detail.date), days: detail.days });
    case "mail":
      return interpolate(d.mail, { subject: detail.subject, to: detail.to });
    case "share":
      return interpolate(d.share, { count: detail.count });
  }
}
