/**
 * Every string of every page, in Dutch (the default) and English. The English catalogue
 * must have exactly the shape of the Dutch one: TypeScript enforces it here, and a test
 * checks keys, empty strings and {placeholders} at run time.
 */

import { accountEn, accountNl } from "./sections/account";
import { dossierEn, dossierNl } from "./sections/dossier";
import { intakeEn, intakeNl } from "./sections/intake";
import { queueEn, queueNl } from "./sections/queue";
import { caseworkEn, caseworkNl } from "./sections/casework";
import { staffIntakeEn, staffIntakeNl } from "./sections/staffIntake";
import { overviewEn, overviewNl } from "./sections/overview";
import { httpEn, httpNl } from "./sections/http";
import { portalEn, portalNl } from "./sections/portal";
import { requestsEn, requestsNl } from "./sections/requests";
import { figuresEn, figuresNl } from "./sections/figures";
import { caseFileEn, caseFileNl } from "./sections/caseFile";
import { portalAdminEn, portalAdminNl } from "./sections/portalAdmin";
import { questionLetterEn, questionLetterNl } from "./sections/questionLetter";
import { residentEn, residentNl } from "./sections/resident";
import { resumeEn, resumeNl } from "./sections/resume";
import { approvalsEn, approvalsNl } from "./sections/approvals";
import { closingLetterEn, closingLetterNl } from "./sections/closingLetter";
import { referenceEn, referenceNl } from "./sections/reference";
import type { Widen } from "./sections/types";

const nl = {
  meta: {
    serviceName: "Ombudsman Metropool Amsterdam",
    titleSuffix: "Ombudsman Metropool Amsterdam",
  },
  layout: {
    skipLink: "Ga direct naar de inhoud",
    homeLink: "naar de startpagina",
    languageSwitchLabel: "Taal",
    switchTo: "English",
    switchToLang: "en",
    signedInAs: "Ingelogd als {name}",
    signOut: "Uitloggen",
    changePassword: "Wachtwoord wijzigen",
    signIn: "Inloggen voor medewerkers",
    footerHeading: "Over deze website",
    privacy: "Privacyverklaring",
    accessibility: "Toegankelijkheidsverklaring",
    contact: "Bel ons op werkdagen: {phone}",
    independent: "De ombudsman is onafhankelijk en zijn hulp is gratis.",
  },
  start: {
    title: "Heeft u een klacht over de gemeente?",
    intro:
      "De Ombudsman Metropool Amsterdam behandelt klachten over de gemeenten Amsterdam, Almere, Amstelveen, Diemen, Landsmeer, Ouder-Amstel, Waterland en Zaanstad. De ombudsman is onafhankelijk en zijn hulp is gratis. Hij luistert, denkt met u mee en kan bemiddelen of onderzoek doen.",
    doesHeading: "Waarmee de ombudsman u helpt",
    does1: "U bent niet netjes of niet goed behandeld door de gemeente of een medewerker.",
    does2: "De gemeente heeft niet of niet op tijd op uw klacht gereageerd.",
    does3: "U bent het niet eens met hoe de gemeente uw klacht heeft afgehandeld.",
    doesNotHeading: "Waarmee de ombudsman u niet kan helpen",
    doesNot1:
      "U bent het niet eens met een besluit, zoals een vergunning of een uitkering. Dan maakt u bezwaar bij de gemeente.",
    doesNot2: "Er is iets kapot of vies op straat. Dat meldt u bij de gemeente.",
    doesNot3: "U wilt een schadevergoeding. Daarvoor heeft de gemeente een eigen procedure.",
    doesNot4: "Er loopt een rechtszaak over uw klacht, of de rechter heeft al uitspraak gedaan.",
    stepsHeading: "Zo werkt het",
    step1Title: "Eerst klagen bij de gemeente",
    step1Text:
      "De ombudsman behandelt uw klacht pas als de gemeente de kans heeft gehad om die zelf op te lossen. De gemeente heeft zes weken om op uw klacht te reageren.",
    step2Title: "Heeft u al antwoord van de gemeente?",
    step2Text:
      "Nee? Als de gemeente niet op tijd reageert, kunt u naar de ombudsman. Ja, en u bent niet tevreden? Dan kunt u uw klacht bij ons indienen, binnen een jaar na het antwoord.",
    step3Title: "Verzamel alle informatie",
    step3Text:
      "Denk aan het antwoord van de gemeente, e-mails, brieven en schermafbeeldingen. Klaagt u namens iemand anders? Dan heeft u ook een ondertekend machtigingsformulier nodig.",
    step4Title: "Vul het formulier in",
    step4Text:
      "Stap voor stap vult u uw gegevens en uw klacht in. U kunt uw klacht toelichten in maximaal 2000 tekens. Anoniem klagen kan niet: zonder uw gegevens kunnen we niet nagaan wat de gemeente met uw klacht heeft gedaan.",
    step5Title: "Wat gebeurt er daarna?",
    step5Text:
      "U krijgt direct een ontvangstbevestiging met uw dossiernummer. Binnen 14 dagen neemt uw behandelaar contact met u op, per e-mail of telefoon.",
    shareWarning:
      "Alles wat u ons stuurt, kunnen we gebruiken bij het onderzoek en delen met de gemeente waarover u klaagt. Stuur alleen wat nodig is voor uw klacht.",
    startButton: "Start uw klacht",
    followLink: "Heeft u al een klacht ingediend? Bekijk hoe het ermee staat",
    duration: "Het invullen duurt ongeveer 15 minuten. Uw antwoorden worden per stap bewaard.",
    phoneAlternative: "Lukt het niet online? Bel ons op {phone}.",
  },
  privacy: {
    title: "Privacyverklaring",
    intro:
      "Als u een klacht indient, verwerkt de Ombudsman Metropool Amsterdam uw persoonsgegevens. Hier leest u welke gegevens dat zijn, waarom we ze nodig hebben en wat uw rechten zijn.",
    whatHeading: "Welke gegevens wij vragen",
    whatText:
      "Uw naam, adres, e-mailadres en/of telefoonnummer, uw klacht en de stukken die u meestuurt. Klaagt u namens iemand anders, dan ook de naam en het adres van die persoon en het machtigingsformulier. Wij vragen nooit uw burgerservicenummer (BSN).",
    whyHeading: "Waarom wij deze gegevens gebruiken",
    whyText:
      "Wij gebruiken uw gegevens alleen om uw klacht te behandelen (Algemene wet bestuursrecht, hoofdstuk 9). Daarvoor delen we uw klacht en de stukken met de gemeente waarover u klaagt, tenzij u ons om een goede reden vraagt een stuk niet te delen.",
    keepHeading: "Hoe lang wij gegevens bewaren",
    keepText:
      "Wij bewaren een afgesloten dossier vijf jaar. Daarna vernietigen we het. Een onvolledig ingevuld formulier verwijderen we na 30 dagen.",
    accessHeading: "Wie uw gegevens kan zien",
    accessText:
      "Alleen de medewerkers van de ombudsman die uw klacht behandelen, en de klachtencoördinator van de gemeente voor de stukken die wij met de gemeente delen. Wij leggen vast wie uw dossier bekijkt.",
    rightsHeading: "Uw rechten",
    rightsText:
      "U mag uw gegevens inzien, laten verbeteren of laten verwijderen als wij ze niet meer nodig hebben. U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens.",
  },
  accessibility: {
    title: "Toegankelijkheidsverklaring",
    intro:
      "De Ombudsman Metropool Amsterdam wil dat iedereen deze website kan gebruiken, ook mensen met een beperking. Deze website moet voldoen aan de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA; wij streven naar WCAG 2.2 AA.",
    statusHeading: "Stand van zaken",
    statusText:
      "Elke pagina wordt bij iedere wijziging automatisch getest met axe in Chromium, in het Nederlands en het Engels. Het klachtformulier werkt met alleen een toetsenbord en zonder JavaScript. Een onderzoek door een onafhankelijke partij is gepland.",
    knownHeading: "Bekende problemen",
    knownText: "Er zijn op dit moment geen bekende problemen. Loopt u toch ergens tegenaan? Laat het ons weten.",
    contactHeading: "Contact",
    contactText: "Werkt iets niet goed? Bel ons op {phone}. Wij helpen u dan verder en lossen het probleem op.",
  },
  errors: {
    notFoundTitle: "Pagina niet gevonden",
    notFoundText: "Deze pagina bestaat niet (meer). Controleer het adres, of ga naar de startpagina.",
    forbiddenTitle: "Geen toegang",
    forbiddenText: "U heeft geen toegang tot deze pagina.",
    errorTitle: "Er is iets misgegaan",
    errorText:
      "Door een fout bij ons kon deze pagina niet worden getoond. Uw gegevens zijn niet verloren gegaan. Probeer het over een paar minuten opnieuw, of bel ons op {phone}.",
    reference: "Vermeld bij contact deze code: {requestId}",
    backHome: "Naar de startpagina",
    csrfTitle: "Uw sessie is verlopen",
    csrfText: "Het formulier kon niet worden verwerkt. Ga terug, vernieuw de pagina en probeer het opnieuw.",
  },
  form: {
    errorSummaryHeading: "Verbeter de fouten voor u verder gaat",
    errorPrefix: "Invoerfout:",
    errorTitlePrefix: "Fout: ",
    optional: "(niet verplicht)",
  },
  login: {
    title: "Inloggen",
    intro: "Voor medewerkers van de ombudsman en klachtencoördinatoren van de aangesloten gemeenten.",
    email: "E-mailadres",
    password: "Wachtwoord",
    submit: "Inloggen",
    invalid: "Het e-mailadres of het wachtwoord is niet juist.",
    emailRequired: "Vul uw e-mailadres in.",
    passwordRequired: "Vul uw wachtwoord in.",
    throttled: "Te veel mislukte pogingen. Wacht {minutes} minuten en probeer het dan opnieuw.",
    throttledOneMinute: "Te veel mislukte pogingen. Wacht 1 minuut en probeer het dan opnieuw.",
    signedOut: "U bent uitgelogd.",
    sessionExpired: "U was een tijd niet actief en bent daarom uitgelogd. Log opnieuw in.",
  },
  logout: {
    title: "Uitloggen",
    confirm: "Wilt u uitloggen?",
    submit: "Uitloggen",
  },
  mailbox: {
    title: "Verzonden e-mail (alleen ontwikkeling)",
    intro: "In de ingebouwde modus gaat e-mail niet naar buiten. Hier ziet u wat de app zou versturen.",
    empty: "Er is nog geen e-mail.",
    to: "Aan",
    subject: "Onderwerp",
    status: "Status",
    createdAt: "Aangemaakt",
  },
} as const;

type Base = Widen<typeof nl>;
export type Messages = Base & {
  account: Widen<typeof accountNl>;
  dossier: Widen<typeof dossierNl>;
  intake: Widen<typeof intakeNl>;
  queue: Widen<typeof queueNl>;
  casework: Widen<typeof caseworkNl>;
  staffIntake: Widen<typeof staffIntakeNl>;
  overview: Widen<typeof overviewNl>;
  http: Widen<typeof httpNl>;
  portal: Widen<typeof portalNl>;
  requests: Widen<typeof requestsNl>;
  figures: Widen<typeof figuresNl>;
  caseFile: Widen<typeof caseFileNl>;
  portalAdmin: Widen<typeof portalAdminNl>;
  questionLetter: Widen<typeof questionLetterNl>;
  resident: Widen<typeof residentNl>;
  resume: Widen<typeof resumeNl>;
  approvals: Widen<typeof approvalsNl>;
  closingLetter: Widen<typeof closingLetterNl>;
  reference: Widen<typeof referenceNl>;
};

const en: Base = {
  meta: {
    serviceName: "Ombudsman Metropool Amsterdam",
    titleSuffix: "Ombudsman Metropool Amsterdam",
  },
  layout: {
    skipLink: "Skip to main content",
    homeLink: "to the start page",
    languageSwitchLabel: "Language",
    switchTo: "Nederlands",
    switchToLang: "nl",
    signedInAs: "Signed in as {name}",
    signOut: "Sign out",
    changePassword: "Change password",
    signIn: "Sign in for staff",
    footerHeading: "About this website",
    privacy: "Privacy statement",
    accessibility: "Accessibility statement",
    contact: "Call us on working days: {phone}",
    independent: "The ombudsman is independent and his help is free of charge.",
  },
  start: {
    title: "Do you have a complaint about the municipality?",
    intro:
      "The Ombudsman Metropool Amsterdam handles complaints about the municipalities of Amsterdam, Almere, Amstelveen, Diemen, Landsmeer, Ouder-Amstel, Waterland and Zaanstad. The ombudsman is independent and his help is free. He listens, thinks along with you and can mediate or investigate.",
    doesHeading: "What the ombudsman can help with",
    does1: "You were not treated properly or fairly by the municipality or one of its staff.",
    does2: "The municipality did not respond to your complaint, or not in time.",
    does3: "You disagree with how the municipality handled your complaint.",
    doesNotHeading: "What the ombudsman cannot help with",
    doesNot1:
      "You disagree with a decision, such as a permit or a benefit. Then you lodge an objection (bezwaar) with the municipality.",
    doesNot2: "Something is broken or dirty in the street. You report that to the municipality.",
    doesNot3: "You want compensation for damage. The municipality has its own procedure for that.",
    doesNot4: "A court case about your complaint is running, or a court has already ruled.",
    stepsHeading: "How it works",
    step1Title: "First complain to the municipality",
    step1Text:
      "The ombudsman only handles your complaint once the municipality has had the chance to resolve it. The municipality has six weeks to respond to your complaint.",
    step2Title: "Has the municipality answered?",
    step2Text:
      "No? If the municipality does not respond in time, you can come to the ombudsman. Yes, and you are not satisfied? Then you can submit your complaint to us, within one year of the answer.",
    step3Title: "Gather all information",
    step3Text:
      "Think of the municipality's answer, e-mails, letters and screenshots. Are you complaining on behalf of someone else? Then you also need a signed mandate form.",
    step4Title: "Fill in the form",
    step4Text:
      "Step by step you enter your details and your complaint. You can explain your complaint in at most 2000 characters. Anonymous complaints are not possible: without your details we cannot check what the municipality did with your complaint.",
    step5Title: "What happens next?",
    step5Text:
      "You immediately receive a confirmation with your case number. Within 14 days your case handler will contact you, by e-mail or phone.",
    shareWarning:
      "Everything you send us may be used in the investigation and shared with the municipality you complain about. Only send what your complaint needs.",
    startButton: "Start your complaint",
    followLink: "Already submitted a complaint? See how it is doing",
    duration: "Filling in takes about 15 minutes. Your answers are saved at every step.",
    phoneAlternative: "Can't do it online? Call us on {phone}.",
  },
  privacy: {
    title: "Privacy statement",
    intro:
      "When you submit a complaint, the Ombudsman Metropool Amsterdam processes your personal data. Here you can read which data that is, why we need it and what your rights are.",
    whatHeading: "What data we ask for",
    whatText:
      "Your name, address, e-mail address and/or phone number, your complaint and the documents you send. If you complain on behalf of someone else, also that person's name and address and the mandate form. We never ask for your citizen service number (BSN).",
    whyHeading: "Why we use this data",
    whyText:
      "We use your data only to handle your complaint (General Administrative Law Act, chapter 9). To do so we share your complaint and documents with the municipality you complain about, unless you ask us, for a good reason, not to share a document.",
    keepHeading: "How long we keep data",
    keepText:
      "We keep a closed case file for five years and then destroy it. A form that was not completed is deleted after 30 days.",
    accessHeading: "Who can see your data",
    accessText:
      "Only the ombudsman staff handling your complaint, and the municipality's complaints coordinator for the documents we share with the municipality. We record who views your case file.",
    rightsHeading: "Your rights",
    rightsText:
      "You may view your data, have it corrected, or have it deleted when we no longer need it. You can also complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).",
  },
  accessibility: {
    title: "Accessibility statement",
    intro:
      "The Ombudsman Metropool Amsterdam wants everyone to be able to use this website, including people with a disability. This website must meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA; we aim for WCAG 2.2 AA.",
    statusHeading: "Current status",
    statusText:
      "Every page is tested automatically with axe in Chromium at every change, in Dutch and in English. The complaint form works with a keyboard alone and without JavaScript. An audit by an independent party is planned.",
    knownHeading: "Known issues",
    knownText: "There are no known issues at the moment. Did you run into something? Please let us know.",
    contactHeading: "Contact",
    contactText: "Is something not working well? Call us on {phone}. We will help you and fix the problem.",
  },
  errors: {
    notFoundTitle: "Page not found",
    notFoundText: "This page does not exist (any more). Check the address, or go to the start page.",
    forbiddenTitle: "No access",
    forbiddenText: "You do not have access to this page.",
    errorTitle: "Something went wrong",
    errorText:
      "Because of an error on our side this page could not be shown. Your data has not been lost. Please try again in a few minutes, or call us on {phone}.",
    reference: "Please mention this code when you contact us: {requestId}",
    backHome: "To the start page",
    csrfTitle: "Your session has expired",
    csrfText: "The form could not be processed. Go back, refresh the page and try again.",
  },
  form: {
    errorSummaryHeading: "Please correct the errors before you continue",
    errorPrefix: "Error:",
    errorTitlePrefix: "Error: ",
    optional: "(optional)",
  },
  login: {
    title: "Sign in",
    intro: "For ombudsman staff and the complaints coordinators of the affiliated municipalities.",
    email: "E-mail address",
    password: "Password",
    submit: "Sign in",
    invalid: "The e-mail address or password is incorrect.",
    emailRequired: "Enter your e-mail address.",
    passwordRequired: "Enter your password.",
    throttled: "Too many failed attempts. Wait {minutes} minutes and try again.",
    throttledOneMinute: "Too many failed attempts. Wait 1 minute and try again.",
    signedOut: "You have been signed out.",
    sessionExpired: "You were inactive for a while and have been signed out. Please sign in again.",
  },
  logout: {
    title: "Sign out",
    confirm: "Do you want to sign out?",
    submit: "Sign out",
  },
  mailbox: {
    title: "Sent e-mail (development only)",
    intro: "In embedded mode no e-mail leaves the machine. This page shows what the app would send.",
    empty: "There is no e-mail yet.",
    to: "To",
    subject: "Subject",
    status: "Status",
    createdAt: "Created",
  },
};

// Large sections live in ./sections so that people can work on them side by side.
export const catalogues: Record<"nl" | "en", Messages> = {
  nl: {
    ...nl,
    account: accountNl,
    dossier: dossierNl,
    intake: intakeNl,
    queue: queueNl,
    casework: caseworkNl,
    staffIntake: staffIntakeNl,
    overview: overviewNl,
    http: httpNl,
    portal: portalNl,
    requests: requestsNl,
    figures: figuresNl,
    caseFile: caseFileNl,
    portalAdmin: portalAdminNl,
    questionLetter: questionLetterNl,
    resident: residentNl,
    resume: resumeNl,
    approvals: approvalsNl,
    closingLetter: closingLetterNl,
    reference: referenceNl,
  },
  en: {
    ...en,
    account: accountEn,
    dossier: dossierEn,
    intake: intakeEn,
    queue: queueEn,
    casework: caseworkEn,
    staffIntake: staffIntakeEn,
    overview: overviewEn,
    http: httpEn,
    portal: portalEn,
    requests: requestsEn,
    figures: figuresEn,
    caseFile: caseFileEn,
    portalAdmin: portalAdminEn,
    questionLetter: questionLetterEn,
    resident: residentEn,
    resume: resumeEn,
    approvals: approvalsEn,
    closingLetter: closingLetterEn,
    reference: referenceEn,
  },
};
export type Locale = "nl" | "en";
export const LOCALES = Object.keys(catalogues) as Locale[];

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}

export type SectionName = keyof Messages;
export const SECTION_NAMES = Object.keys(catalogues.nl) as SectionName[];

/** A whole section ("intake"), or one part of it ("intake.topic") with the section's shared words. */
export type SectionRequest = { [S in SectionName]: S | `${S}.${Extract<keyof Messages[S], string>}` }[SectionName];

/** What every page's shell needs: header and footer, error pages, the form chrome. */
export const SHELL_SECTIONS = ["meta", "layout", "errors", "form", "mailbox"] as const satisfies readonly SectionName[];

/**
 * The parts of a section that go with any part of it asked for, besides its plain strings: the
 * form's step chrome (section headings, date fields; app/intake/ui.tsx).
 */
const SHARED_PARTS: Partial<Record<SectionName, readonly string[]>> = { intake: ["sections", "date"] };

const pageCatalogues = new Map<string, Messages>();

function sectionFor(locale: Locale, name: SectionName, parts: readonly string[] | "all"): unknown {
  const whole = catalogues[locale][name] as Record<string, unknown>;
  if (parts === "all") return whole;
  const shared = SHARED_PARTS[name] ?? [];
  return Object.fromEntries(
    Object.entries(whole).filter(
      ([key, value]) => typeof value === "string" || shared.includes(key) || parts.includes(key),
    ),
  );
}

/**
 * The messages a page sends to the browser: the shell's sections and the ones (or parts of ones) its
 * routes name (app/utils/page-handle.ts), or every section ("all"). The result is typed as the whole
 * catalogue for the components' sake; what the page did not name is absent.
 */
export function pageMessages(locale: Locale, requests: readonly SectionRequest[] | "all"): Messages {
  if (requests === "all") return catalogues[locale];
  const key = `${locale}:${[...requests].sort().join(",")}`;
  let messages = pageCatalogues.get(key);
  if (!messages) {
    const wanted = new Map<SectionName, string[] | "all">(SHELL_SECTIONS.map((name) => [name, "all"]));
    for (const request of requests) {
      const [name, part] = request.split(".") as [SectionName, string | undefined];
      const sofar = wanted.get(name);
      if (!part || sofar === "all") wanted.set(name, "all");
      else wanted.set(name, [...(sofar ?? []), part]);
    }
    messages = Object.fromEntries(
      SECTION_NAMES.flatMap((name) => {
        const parts = wanted.get(name);
        return parts ? [[name, sectionFor(locale, name, parts)]] : [];
      }),
    ) as Messages;
    pageCatalogues.set(key, messages);
  }
  return messages;
}
