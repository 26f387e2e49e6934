import type { Widen } from "./types";

/**
 * The summary (samenvatting.pdf) in the ZIP a municipality officer downloads for one share of a
 * dossier (/gemeente/dossiers/<number>/delingen/<shareId>/dossier.zip).
 */
export const caseFileNl = {
  title: "Samenvatting dossier {number}",
  author: "Ombudsman Metropool Amsterdam",
  subject: "Wat de Ombudsman Metropool Amsterdam op {date} met de gemeente {municipality} deelde",
  intro:
    "Dit is de samenvatting van wat de Ombudsman Metropool Amsterdam op {date} met de gemeente {municipality} deelde. De documenten staan in de map '{folder}' van het zip-bestand.",
  number: "Dossiernummer",
  municipality: "Gemeente",
  sharedAt: "Gedeeld op",
  createdAt: "Samenvatting gemaakt op",
  complaintHeading: "De klacht",
  topic: "Onderwerp",
  complaintText: "Klacht",
  incidentPlace: "Waar",
  incidentDate: "Wanneer",
  desiredOutcome: "Wat de indiener wil bereiken",
  historyHeading: "Verloop",
  historyLine: "{date}: {event}",
  historyLineStatus: "{date}: {event} ({status})",
  noHistory: "Er is nog geen verloop.",
  documentsHeading: "Documenten",
  documentsIntro:
    "Met het SHA-256-controlegetal van een document kunt u nagaan of het bestand hetzelfde is als het bestand dat de ombudsman bewaart.",
  noDocuments: "Bij deze deling horen geen documenten.",
  documentSize: "Grootte: {size} ({bytes} bytes)",
  documentHash: "SHA-256: {hash}",
  documentHashUnknown: "SHA-256: niet bekend",
  footer: "Dossier {number}, pagina {page} van {pages}",
};

export const caseFileEn: Widen<typeof caseFileNl> = {
  title: "Summary of case file {number}",
  author: "Ombudsman Metropool Amsterdam",
  subject: "What the Ombudsman Metropool Amsterdam shared with the municipality of {municipality} on {date}",
  intro:
    "This is the summary of what the Ombudsman Metropool Amsterdam shared with the municipality of {municipality} on {date}. The documents are in the folder '{folder}' of the ZIP file.",
  number: "Case number",
  municipality: "Municipality",
  sharedAt: "Shared on",
  createdAt: "Summary made on",
  complaintHeading: "The complaint",
  topic: "Subject",
  complaintText: "Complaint",
  incidentPlace: "Where",
  incidentDate: "When",
  desiredOutcome: "What the complainant wants to achieve",
  historyHeading: "History",
  historyLine: "{date}: {event}",
  historyLineStatus: "{date}: {event} ({status})",
  noHistory: "There is no history yet.",
  documentsHeading: "Documents",
  documentsIntro:
    "With a document's SHA-256 checksum you can check that the file is the same as the file the ombudsman keeps.",
  noDocuments: "No documents go with this share.",
  documentSize: "Size: {size} ({bytes} bytes)",
  documentHash: "SHA-256: {hash}",
  documentHashUnknown: "SHA-256: not known",
  footer: "Case file {number}, page {page} of {pages}",
};
