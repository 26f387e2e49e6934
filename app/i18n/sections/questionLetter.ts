import type { Widen } from "./types";

/**
 * The letter with a handler's question that a resident without e-mail gets by post
 * (/behandelaar/dossiers/<number>/vragen/<id>/brief.pdf), in the resident's language.
 */
export const questionLetterNl = {
  title: "Een vraag over uw klacht {number}",
  author: "Ombudsman Metropool Amsterdam",
  subject: "Brief met een vraag over klacht {number}, met de datum waarop wij uw antwoord nodig hebben",
  sender: "Ombudsman Metropool Amsterdam",
  senderPhone: "Telefoon: {phone}",
  date: "Datum",
  number: "Dossiernummer",
  about: "Onderwerp",
  aboutText: "Een vraag over uw klacht over de gemeente {municipality}",
  heading: "Een vraag over uw klacht",
  greeting: "Beste {name},",
  intro:
    "U heeft een klacht ingediend bij de Ombudsman Metropool Amsterdam over de gemeente {municipality}. Om uw klacht te kunnen behandelen, hebben wij iets van u nodig. Uw behandelaar heeft daarom een vraag voor u.",
  questionHeading: "Onze vraag",
  dueHeading: "Wanneer wij uw antwoord nodig hebben",
  dueLine: "Wilt u uiterlijk {date} antwoorden?",
  termOne: "Dat is 1 week na de datum van deze brief.",
  termOther: "Dat is {count} weken na de datum van deze brief.",
  answerHeading: "Hoe u kunt antwoorden",
  answerIntro: "Vermeld altijd uw dossiernummer {number}. U kunt op drie manieren antwoorden:",
  byPost: "Per post: stuur uw antwoord naar {address}.",
  byPhone: "Per telefoon: bel ons op werkdagen op {phone}. Wij schrijven uw antwoord dan voor u op.",
  online:
    "Via internet: ga naar {url} en vraag een link aan met uw dossiernummer en het e-mailadres dat u ons gaf. Op die pagina kunt u de vraag beantwoorden.",
  onlineNoEmail:
    "Via internet: op {url} kunt u de vraag beantwoorden met een link die wij per e-mail sturen. Wij hebben geen e-mailadres van u. Wilt u dat toch? Bel ons, dan helpen wij u verder.",
  noAnswerHeading: "Als wij geen antwoord krijgen",
  noAnswer:
    "Krijgen wij uw antwoord niet op tijd, dan kan de ombudsman besluiten uw klacht niet verder te behandelen. De wet geeft de ombudsman die mogelijkheid (Algemene wet bestuursrecht, artikel 9:23, onder a).",
  moreTime: "Heeft u meer tijd nodig, of is de vraag niet duidelijk? Bel ons dan vóór {date} op {phone}.",
  closing: "Met vriendelijke groet,",
  signature: "{name}\nBehandelaar, Ombudsman Metropool Amsterdam",
  footer: "Ombudsman Metropool Amsterdam · dossier {number} · pagina {page} van {pages}",
};

export const questionLetterEn: Widen<typeof questionLetterNl> = {
  title: "A question about your complaint {number}",
  author: "Ombudsman Metropool Amsterdam",
  subject: "Letter with a question about complaint {number}, with the date by which we need your answer",
  sender: "Ombudsman Metropool Amsterdam",
  senderPhone: "Telephone: {phone}",
  date: "Date",
  number: "Case number",
  about: "Subject",
  aboutText: "A question about your complaint about the municipality of {municipality}",
  heading: "A question about your complaint",
  greeting: "Dear {name},",
  intro:
    "You made a complaint to the Ombudsman Metropool Amsterdam about the municipality of {municipality}. To handle your complaint, we need something from you. That is why your case handler has a question for you.",
  questionHeading: "Our question",
  dueHeading: "When we need your answer",
  dueLine: "Please answer by {date}.",
  termOne: "That is 1 week after the date of this letter.",
  termOther: "That is {count} weeks after the date of this letter.",
  answerHeading: "How to answer",
  answerIntro: "Always mention your case number {number}. You can answer in three ways:",
  byPost: "By post: send your answer to {address}.",
  byPhone: "By telephone: call us on working days on {phone}. We will then write down your answer for you.",
  online:
    "Online: go to {url} and ask for a link with your case number and the email address you gave us. On that page you can answer the question.",
  onlineNoEmail:
    "Online: at {url} you can answer the question with a link that we send by email. We do not have an email address for you. Would you like to answer online after all? Call us and we will help you.",
  noAnswerHeading: "If we do not get an answer",
  noAnswer:
    "If we do not get your answer in time, the ombudsman may decide not to handle your complaint any further. The law gives the ombudsman that option (General Administrative Law Act, article 9:23, under a).",
  moreTime: "Do you need more time, or is the question not clear? Then call us before {date} on {phone}.",
  closing: "Kind regards,",
  signature: "{name}\nCase handler, Ombudsman Metropool Amsterdam",
  footer: "Ombudsman Metropool Amsterdam · case {number} · page {page} of {pages}",
};
