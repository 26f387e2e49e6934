import type { Readable } from "node:stream";
import { contentDisposition, formatFileSize } from "#app/dossiers/download";
import { messagesFor, type Locale } from "#app/i18n/catalogue.server";
import { formatDate, formatDateTime, interpolate } from "#app/i18n/format";
import { caseFileEntryNames } from "#app/portal/case-file-names";
import { taggedPdf, type PdfBlock, type PdfLine, type TaggedPdfInput } from "#app/utils/tagged-pdf.server";
import { caseFileZip, DOCUMENTS_FOLDER } from "#app/portal/case-file-zip.server";
import type { ShareCaseFile } from "#app/portal/case-file.server";
import { audit, type AuditActor } from "#app/utils/audit.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import type { RequestContext } from "#app/utils/services.server";

const LANGUAGE_TAGS: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

/** A document as the summary lists it: its name in the ZIP, its size, its hash when known. */
export type SummaryDocument = { name: string; size: number; sha256: string | null };

/** The summary's words and order, for the tagged PDF: facts, the complaint, the timeline, the documents. */
export function caseFileSummary(
  caseFile: ShareCaseFile,
  documents: readonly SummaryDocument[],
  createdAt: Date,
  locale: Locale,
): TaggedPdfInput {
  const messages = messagesFor(locale);
  const t = messages.caseFile;
  const { dossier, share } = caseFile;
  const municipality = caseFile.municipalityName;
  const sharedOn = formatDateTime(share.sharedAt, locale);
  const bytes = new Intl.NumberFormat(LANGUAGE_TAGS[locale]);
  const label = <K extends string>(labels: Record<K, string>, key: string) => labels[key as K] ?? key;
  const paragraphs = (text: string): PdfBlock[] =>
    text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => ({ type: "P", text: p }));

  const documentItems = documents.map((d): PdfLine[] => [
    { text: `${DOCUMENTS_FOLDER}/${d.name}`, style: "bold" },
    { text: interpolate(t.documentSize, { size: formatFileSize(d.size, locale), bytes: bytes.format(d.size) }) },
    { text: d.sha256 ? interpolate(t.documentHash, { hash: d.sha256 }) : t.documentHashUnknown, style: "small" },
  ]);
  const documentBlocks: PdfBlock[] =
    documents.length === 0
      ? [{ type: "P", text: t.noDocuments }]
      : [
          { type: "P", text: t.documentsIntro },
          { type: "L", items: documentItems },
        ];

  const blocks: PdfBlock[] = [
    { type: "H1", text: interpolate(t.title, { number: dossier.number }) },
    { type: "P", text: interpolate(t.intro, { date: sharedOn, municipality, folder: DOCUMENTS_FOLDER }) },
    { type: "P", label: t.number, text: dossier.number },
    { type: "P", label: t.municipality, text: municipality },
    { type: "P", label: t.sharedAt, text: sharedOn },
    { type: "P", label: t.createdAt, text: formatDateTime(createdAt, locale) },

    { type: "H2", text: t.complaintHeading },
    { type: "P", label: t.topic, text: label(messages.dossier.topics, dossier.topic) },
    { type: "P", label: t.incidentPlace, text: dossier.incidentPlace },
    { type: "P", label: t.incidentDate, text: formatDate(dossier.incidentDate, locale) },
    { type: "H3", text: t.complaintText },
    ...paragraphs(dossier.complaintText),
    ...(dossier.desiredOutcome
      ? [{ type: "H3", text: t.desiredOutcome } as const, ...paragraphs(dossier.desiredOutcome)]
      : []),

    { type: "H2", text: t.historyHeading },
    caseFile.timeline.length === 0
      ? { type: "P", text: t.noHistory }
      : {
          type: "L",
          items: caseFile.timeline.map((e) => {
            const values = { date: formatDateTime(e.at, locale), event: label(messages.dossier.eventTypes, e.type) };
            const text = e.to
              ? interpolate(t.historyLineStatus, { ...values, status: label(messages.dossier.statuses, e.to) })
              : interpolate(t.historyLine, values);
            return [{ text }];
          }),
        },

    { type: "H2", text: t.documentsHeading },
    ...documentBlocks,
  ];
  return {
    title: interpolate(t.title, { number: dossier.number }),
    lang: LANGUAGE_TAGS[locale],
    author: t.author,
    subject: interpolate(t.subject, { date: sharedOn, municipality }),
    createdAt,
    blocks,
    footer: (page, pages) => interpolate(t.footer, { number: dossier.number, page, pages }),
  };
}

/**
 * A web stream that reads the ZIP only when the response asks for more: one chunk per read, taken
 * from the Node stream's own buffer, so the ZIP's backpressure reaches storage unchanged. (Remix's
 * createReadableStreamFromReadable pauses and resumes the source for every chunk, which cost a
 * tenth of the throughput in bench/case-file-zip.ts.) An error in the ZIP errors the stream;
 * a cancelled download destroys it.
 */
function pullStream(body: Readable): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel() {
        body.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * One share's case file as a ZIP download: the summary (samenvatting.pdf) and the share's
 * documents the officer may still see, streamed from storage. The audit row is written before the
 * first byte is read from storage: no audit row, no download.
 */
export async function caseFileDownload(
  context: RequestContext,
  actor: AuditActor,
  caseFile: ShareCaseFile,
): Promise<Response> {
  const { db, storage, now } = context.services;
  const createdAt = now();
  const names = caseFileEntryNames(caseFile.documents.map((d) => d.fileName));
  const documents = caseFile.documents.map((d, i) => ({ ...d, name: names[i]! }));
  // Officers have no language setting yet: the portal's first language, as in the share mail.
  const summary = await taggedPdf(caseFileSummary(caseFile, documents, createdAt, "nl"));
  const { dossier, share } = caseFile;
  await audit(db, context, actor, {
    action: "dossier.case_file_downloaded",
    subjectType: "dossier",
    subjectId: dossier.id,
    details: { number: dossier.number, shareId: share.id, documents: documents.length, portal: true },
  });
  const zip = caseFileZip(
    storage,
    {
      summary,
      createdAt,
      documents: documents.map((d) => ({
        name: d.name,
        storageKey: d.storageKey,
        size: d.size,
        modifiedAt: d.uploadedAt,
      })),
    },
    { number: dossier.number, shareId: share.id },
  );
  // Named by the share's date, so that the ZIPs of two shares of one dossier keep apart.
  const fileName = `dossier-${dossier.number}-${amsterdamDateOf(share.sharedAt)}.zip`;
  return new Response(pullStream(zip.body), {
    status: 200,
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": contentDisposition(fileName),
      ...(zip.size === null ? {} : { "Content-Length": String(zip.size) }),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
