import type { Widen } from "./types";

/**
 * The closing letter a handler sends after closing a dossier: by e-mail from a standard text
 * per outcome, or as a printable PDF (/behandelaar/dossiers/<number>/afsluitbrief.pdf) with the
 * same words, in the resident's language. {naam}, {dossiernummer} and {behandelaar} are filled
 * in as in the other standard texts; {uitkomst} is the outcome's detail (a finding, an Awb ground).
 */
export const closingLetterNl = {
  subject: "Wij sluiten uw dossier {dossiernummer} af",
  greeting: "Beste {naam},",
  intro: "Wij hebben de behandeling van uw klacht afgerond en sluiten uw dossier {dossiernummer} af.",
  outcomes: {
    resolved_after_intervention:
      "De gemeente heeft na onze tussenkomst uw klacht opgelost. Daarom behandelen wij uw klacht niet verder (Algemene wet bestuursrecht, artikel 9:23, onder l).",
    report_with_finding:
      "Wij hebben uw klacht onderzocht en ons oordeel staat in het rapport dat u van ons krijgt. Ons oordeel: {uitkomst}.",
    not_taken_up:
      "Wij nemen uw klacht niet in behandeling. De wet geeft ons daarvoor deze grond: {uitkomst}. Uw behandelaar heeft u uitgelegd wat dat voor u betekent.",
    referred:
      "Wij zijn niet de juiste instantie voor uw klacht. Wij hebben u verwezen naar de instantie die uw klacht wel kan behandelen (Algemene wet bestuursrecht, artikel 9:18 lid 2 en 9:19).",
    withdrawn: "U heeft uw klacht ingetrokken. Daarom behandelen wij uw klacht niet verder.",
    policy_signal:
      "Wij hebben uw klacht gebruikt als signaal aan de gemeente, zodat zij kan verbeteren wat beter moet.",
  },
  disagree:
    "Bent u het niet eens met hoe wij uw klacht hebben behandeld? Laat het ons dan binnen zes weken weten en noem uw dossiernummer.",
  closing: "Met vriendelijke groet,",
  signature: "{behandelaar}\nOmbudsman Metropool Amsterdam",
  // The PDF's frame around the same words.
  title: "Afsluiting van uw klacht {dossiernummer}",
  author: "Ombudsman Metropool Amsterdam",
  pdfSubject: "Brief over de afsluiting van klacht {dossiernummer}",
  sender: "Ombudsman Metropool Amsterdam",
  date: "Datum",
  number: "Dossiernummer",
  about: "Onderwerp",
  aboutText: "Uw klacht over de gemeente {municipality}",
  heading: "Wij sluiten uw dossier af",
  footer: "Ombudsman Metropool Amsterdam · dossier {dossiernummer} · pagina {page} van {pages}",
};

export const closingLetterEn: Widen<typeof closingLetterNl> = {
  subject: "We are closing your case file {dossiernummer}",
  greeting: "Dear {naam},",
  intro: "We have finished handling your complaint and are closing your case file {dossiernummer}.",
  outcomes: {
    resolved_after_intervention:
      "After our intervention the municipality resolved your complaint. We therefore do not handle it further (General Administrative Law Act, section 9:23(l)).",
    report_with_finding:
      "We investigated your complaint; our finding is in the report you receive from us. Our finding: {uitkomst}.",
    not_taken_up:
      "We do not take up your complaint. The law gives us this ground: {uitkomst}. Your case handler has explained what it means for you.",
    referred:
      "We are not the right body for your complaint. We referred you to the body that can handle it (General Administrative Law Act, sections 9:18(2) and 9:19).",
    withdrawn: "You withdrew your complaint. We therefore do not handle it further.",
    policy_signal:
      "We used your complaint as a signal to the municipality, so that it can improve what needs improving.",
  },
  disagree:
    "Do you disagree with how we handled your complaint? Let us know within six weeks and mention your case file number.",
  closing: "Kind regards,",
  signature: "{behandelaar}\nOmbudsman Metropool Amsterdam",
  title: "Closing of your complaint {dossiernummer}",
  author: "Ombudsman Metropool Amsterdam",
  pdfSubject: "Letter about the closing of complaint {dossiernummer}",
  sender: "Ombudsman Metropool Amsterdam",
  date: "Date",
  number: "Case file number",
  about: "Subject",
  aboutText: "Your complaint about the municipality of {municipality}",
  heading: "We are closing your case file",
  footer: "Ombudsman Metropool Amsterdam · case file {dossiernummer} · page {page} of {pages}",
};
