import { formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";

export type ResidentMail = { id: number; createdAt: string | Date; subject: string; text: string };

/** The mails sent to the resident, each its subject and date, opened to its full text. */
export function ResidentMails({ mails }: { mails: readonly ResidentMail[] }) {
  const { messages, locale } = useI18n();
  const r = messages.resident;
  return (
    <>
      {mails.map((mail) => (
        <details key={mail.id} className="oma-message">
          <summary>
            {interpolate(r.messageFrom, { date: formatDateTime(mail.createdAt, locale), subject: mail.subject })}
          </summary>
          <p className="utrecht-paragraph utrecht-multiline-data">{mail.text}</p>
        </details>
      ))}
    </>
  );
}
