import { useLoaderData } from "@remix-run/react";
import { DataTable } from "#app/components/data-table";
import { AppForm, ErrorSummary, fieldId } from "#app/components/forms";
import { Button, Heading, Paragraph, VisuallyHidden } from "#app/components/ui";
import { pauseDays } from "#app/dossiers/deadlines";
import { formatFileSize } from "#app/dossiers/download";
import { formatDate, formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";
import { displayFileName } from "#app/utils/text";
import { dossierPath, type FormState } from "./action-form";
import { label } from "./facts";
import type { loader } from "./route";

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export function Contacts({ contacts }: { contacts: LoaderData["casework"]["contacts"] }) {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  const { dossier } = useLoaderData<typeof loader>();
  return (
    <>
      <Heading level={2}>{tc.contactsHeading}</Heading>
      {contacts.length === 0 ? (
        <Paragraph>{tc.contactsEmpty}</Paragraph>
      ) : (
        <DataTable
          caption={interpolate(tc.contactsCaption, { number: dossier.number })}
          rows={contacts}
          rowKey={(c) => c.id}
          columns={[
            { key: "date", header: tc.contactsDate, cell: (c) => formatDate(c.contactedOn, locale) },
            {
              key: "channel",
              header: tc.contactsChannel,
              cell: (c) => label(messages.dossier.contactChannels, c.channel),
            },
            {
              key: "summary",
              header: tc.contactsSummary,
              cell: (c) => (
                <>
                  <span className="utrecht-multiline-data">{c.summary}</span>
                  {c.mailText === null ? null : (
                    <details className="oma-message">
                      <summary>{tc.contactsMailText}</summary>
                      <p className="utrecht-paragraph utrecht-multiline-data">{c.mailText}</p>
                    </details>
                  )}
                </>
              ),
            },
            { key: "by", header: tc.contactsBy, cell: (c) => c.recordedByName },
          ]}
        />
      )}
    </>
  );
}

export function Notes({ notes }: { notes: LoaderData["casework"]["notes"] }) {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  return (
    <>
      <Heading level={2}>{tc.notesHeading}</Heading>
      {notes.length === 0 ? (
        <Paragraph>{tc.notesEmpty}</Paragraph>
      ) : (
        <ul className="oma-notes">
          {notes.map((n) => (
            <li key={n.id} className="oma-note">
              <p className="oma-note__meta">
                <span className="oma-tag">{tc.noteInternal}</span>{" "}
                {interpolate(tc.noteMeta, { name: n.authorName, at: formatDateTime(n.createdAt, locale) })}
              </p>
              <p className="oma-note__body utrecht-multiline-data">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Pauses({ pauses }: { pauses: LoaderData["casework"]["pauses"] }) {
  const { messages, locale } = useI18n();
  const tc = messages.casework;
  const { dossier, today } = useLoaderData<typeof loader>();
  const period = (p: (typeof pauses)[number]) =>
    interpolate(tc.pausePeriod, {
      from: formatDate(p.startedOn, locale),
      to: p.endedOn ? formatDate(p.endedOn, locale) : tc.pauseRunningUntil,
    });
  return (
    <>
      <Heading level={2}>{tc.pausesHeading}</Heading>
      {pauses.length === 0 ? (
        <Paragraph>{tc.pausesEmpty}</Paragraph>
      ) : (
        <DataTable
          caption={interpolate(tc.pausesCaption, { number: dossier.number })}
          rows={pauses}
          rowKey={(p) => p.id}
          columns={[
            { key: "period", header: tc.pausesPeriod, cell: period },
            {
              key: "reason",
              header: tc.pausesReason,
              cell: (p) => (
                <>
                  {label(tc.pauseReasons, p.reason)}
                  <br />
                  <span className="utrecht-multiline-data oma-hint">{p.explanation}</span>
                </>
              ),
            },
            { key: "days", header: tc.pausesDays, cell: (p) => pauseDays(p, today) },
            { key: "by", header: tc.pausesBy, cell: (p) => p.createdByName },
          ]}
        />
      )}
    </>
  );
}

export function Documents({ form, formKey }: { form: FormState; formKey: string }) {
  const { messages, locale } = useI18n();
  const t = messages.dossier;
  const tc = messages.casework;
  const { dossier } = useLoaderData<typeof loader>();
  const closed = dossier.status === "closed";
  type Attachment = (typeof dossier.attachments)[number];
  const visibility = (a: Attachment) => (
    <>
      {a.visibility === "internal" ? tc.visibilityInternal : tc.visibilityShared}
      {closed ? null : (
        <AppForm
          action={`${dossierPath(dossier.number)}#bijlagen`}
          className="oma-inline-form"
          key={`${formKey}-${a.id}`}
        >
          <input type="hidden" name="intent" value="set_visibility" />
          <input type="hidden" name="attachmentId" value={a.id} />
          <input type="hidden" name="visibility" value={a.visibility === "internal" ? "shared" : "internal"} />
          <label className="oma-visually-hidden" htmlFor={fieldId(`visibility-${a.id}`)}>
            {interpolate(tc.visibilityReason, { name: displayFileName(a.fileName) })}
          </label>
          <input
            type="text"
            name="visibilityReason"
            id={fieldId(`visibility-${a.id}`)}
            className="utrecht-textbox utrecht-textbox--html-input oma-width-medium"
            placeholder={tc.visibilityReasonPlaceholder}
            required
            aria-invalid={form?.errors[`visibility-${a.id}`] ? true : undefined}
          />
          <Button appearance="secondary" className="oma-small-button">
            {a.visibility === "internal" ? tc.makeShared : tc.makeInternal}
            <VisuallyHidden>: {displayFileName(a.fileName)}</VisuallyHidden>
          </Button>
        </AppForm>
      )}
    </>
  );
  // The resident's own files are theirs already; an ombudsman-only one is never given.
  const forResident = (a: Attachment) => {
    if (!a.byStaff) return tc.residentOwnDocument;
    if (a.visibility !== "shared") return tc.residentOmbudsmanOnly;
    const given = a.sharedWithResidentAt !== null;
    return (
      <>
        {given ? interpolate(tc.residentGivenOn, { date: formatDateTime(a.sharedWithResidentAt!, locale) }) : null}
        <AppForm
          action={`${dossierPath(dossier.number)}#bijlagen`}
          className="oma-inline-form"
          key={`${formKey}-resident-${a.id}`}
        >
          <input type="hidden" name="intent" value="share_with_resident" />
          <input type="hidden" name="attachmentId" value={a.id} />
          <input type="hidden" name="residentShare" value={given ? "take_back" : "give"} />
          <Button appearance="secondary" className="oma-small-button">
            {given ? tc.residentTakeBack : tc.residentGive}
            <VisuallyHidden>: {displayFileName(a.fileName)}</VisuallyHidden>
          </Button>
        </AppForm>
      </>
    );
  };
  return (
    <>
      <Heading level={2} id="bijlagen">
        {t.attachmentsHeading}
      </Heading>
      <ErrorSummary errors={form?.errors} />
      {dossier.attachments.length === 0 ? (
        <Paragraph>{t.noAttachments}</Paragraph>
      ) : (
        <DataTable
          caption={interpolate(t.attachmentsCaption, { number: dossier.number })}
          rows={dossier.attachments}
          rowKey={(a) => a.id}
          columns={[
            {
              key: "file",
              header: t.fileName,
              // A plain link: a download is a document request, not a client-side navigation.
              cell: (a) => (
                <a className="utrecht-link" href={`${dossierPath(dossier.number)}/bijlagen/${a.id}`} download>
                  {displayFileName(a.fileName)}
                  <VisuallyHidden> ({t.download})</VisuallyHidden>
                </a>
              ),
            },
            { key: "category", header: t.category, cell: (a) => label(t.categories, a.category) },
            { key: "size", header: t.size, cell: (a) => formatFileSize(a.size, locale) },
            { key: "uploaded", header: t.uploadedAt, cell: (a) => formatDateTime(a.uploadedAt, locale) },
            { key: "by", header: tc.documentsAddedBy, cell: (a) => a.addedByName ?? tc.documentsByResident },
            { key: "visibility", header: t.visibility, cell: visibility },
            { key: "resident", header: tc.residentShareHeader, cell: forResident },
          ]}
        />
      )}
    </>
  );
}
