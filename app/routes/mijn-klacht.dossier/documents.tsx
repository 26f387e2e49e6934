import { useLoaderData } from "@remix-run/react";
import { DataTable } from "#app/components/data-table";
import { Heading, Paragraph, VisuallyHidden } from "#app/components/ui";
import { formatDateTime, useI18n } from "#app/i18n/i18n";
import { displayFileName } from "#app/utils/text";
import type { loader } from "./route";

/** A plain link: a download is a document request, not a client-side navigation. */
function DownloadLink({ id, fileName }: { id: string; fileName: string }) {
  const r = useI18n().messages.resident;
  return (
    <a className="utrecht-link" href={`/mijn-klacht/documenten/${id}`} download>
      {displayFileName(fileName)}
      <VisuallyHidden> ({r.download})</VisuallyHidden>
    </a>
  );
}

/** The documents the resident sent, and those the handler gave them (each a download). */
export function ResidentDocuments() {
  const { messages, locale } = useI18n();
  const r = messages.resident;
  const { dossier } = useLoaderData<typeof loader>();
  return (
    <>
      <section aria-labelledby="documenten-kop" id="documenten">
        <Heading level={2} id="documenten-kop">
          {r.documentsHeading}
        </Heading>
        {dossier.documents.length === 0 ? (
          <Paragraph>{r.documentsNone}</Paragraph>
        ) : (
          <DataTable
            caption={r.documentsCaption}
            rows={dossier.documents}
            rowKey={(d) => d.id}
            columns={[
              { key: "name", header: r.fileName, cell: (d) => <DownloadLink id={d.id} fileName={d.fileName} /> },
              { key: "added", header: r.addedOn, cell: (d) => formatDateTime(d.uploadedAt, locale) },
            ]}
          />
        )}
      </section>
      {dossier.given.length === 0 ? null : (
        <section aria-labelledby="van-de-ombudsman-kop" id="van-de-ombudsman">
          <Heading level={2} id="van-de-ombudsman-kop">
            {r.givenHeading}
          </Heading>
          <Paragraph>{r.givenIntro}</Paragraph>
          <DataTable
            caption={r.givenCaption}
            rows={dossier.given}
            rowKey={(d) => d.id}
            columns={[
              { key: "name", header: r.fileName, cell: (d) => <DownloadLink id={d.id} fileName={d.fileName} /> },
              { key: "given", header: r.givenOn, cell: (d) => (d.givenAt ? formatDateTime(d.givenAt, locale) : "") },
            ]}
          />
        </section>
      )}
    </>
  );
}
