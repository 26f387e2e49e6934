import type { Widen } from "./types";

/** A handler registers a complaint that came in by phone, letter, e-mail or at the counter. */
export const staffIntakeNl = {
  title: "Klacht registreren",
  preHeading: "Telefoon, brief, e-mail of balie",
  intro:
    "Vul in wat de klager vertelt of schrijft. Dezelfde regels gelden als voor het formulier op de website: alleen een klacht over een gedraging, waarover eerst bij de gemeente is geklaagd, wordt een dossier. Het dossier wordt aan u toegewezen.",
  back: "Terug naar de werkomgeving",
  submit: "Klacht registreren",
  yes: "Ja",
  no: "Nee",
  channel: {
    legend: "Hoe kwam de klacht binnen?",
    phone: "Telefoon",
    letter: "Brief",
    email: "E-mail",
    counter: "Balie",
    required: "Kies hoe de klacht binnenkwam.",
  },
  municipality: {
    legend: "Over welke gemeente gaat de klacht?",
    hint: "Alleen de gemeenten die nu bij de ombudsman zijn aangesloten. Gaat de klacht over een andere organisatie? Verwijs dan naar die organisatie of naar de Nationale ombudsman.",
    required: "Kies de gemeente waarover de klacht gaat.",
  },
  topic: {
    legend: "Waar gaat de klacht over?",
    conduct: "Een gedraging: hoe de gemeente of een medewerker de klager behandelde",
    conductHint:
      "Bijvoorbeeld niet teruggebeld, verkeerde informatie, lang wachten, onbeleefd behandeld, of een klacht die de gemeente niet goed afhandelde.",
    decision: "Een besluit van de gemeente",
    decisionHint: "Bijvoorbeeld een vergunning, een uitkering, een boete of een belastingaanslag.",
    publicSpace: "Iets dat kapot of vies is op straat",
    damages: "Schade die vergoed moet worden",
    careProvider: "Een zorgaanbieder die voor de gemeente werkt",
    required: "Kies waar de klacht over gaat.",
    decisionRefused:
      "Dit is een besluit: verwijs naar bezwaar bij de gemeente (Awb 9:22). Gaat de klacht over hoe de klager rond het besluit is behandeld? Kies dan ‘Een gedraging’.",
    publicSpaceRefused:
      "Dit is een melding openbare ruimte: verwijs naar de melding bij de gemeente. Dat lost de gemeente zelf op.",
    damagesRefused: "Dit is een verzoek om schadevergoeding: verwijs naar de schadeprocedure van de gemeente.",
    careProviderRefused: "Dit gaat over een zorgaanbieder: verwijs naar de klachtenregeling van die zorgaanbieder.",
  },
  court: {
    legend: "Loopt er een rechtszaak over de klacht, of heeft de rechter er al uitspraak over gedaan?",
    hint: "Ook een bezwaar- of beroepsprocedure over hetzelfde telt mee.",
    required: "Kies of er een rechtszaak is.",
    refused:
      "De ombudsman mag deze klacht niet behandelen: er loopt een rechtszaak of de rechter heeft uitspraak gedaan (Awb 9:22). Leg de klager uit dat twee instanties niet over hetzelfde oordelen.",
  },
  firstLine: {
    legend: "Heeft de klager eerst bij de gemeente geklaagd?",
    required: "Kies of de klager eerst bij de gemeente heeft geklaagd.",
    refused:
      "De klager moet eerst bij de gemeente klagen (Awb 9:20). Verwijs naar de klachtenprocedure van de gemeente; daarna kan de klacht bij de ombudsman komen.",
  },
  firstLineDates: {
    legend: "De klacht bij de gemeente",
    hint: "Alleen als de klager eerst bij de gemeente heeft geklaagd.",
    receivedOn: "Datum waarop de gemeente de klacht ontving",
    receivedOnHint: "Staat meestal in de ontvangstbevestiging van de gemeente.",
    answerStatus: "Heeft de gemeente op de klacht gereageerd?",
    answered: "Ja, de gemeente heeft geantwoord",
    notAnswered: "Nee, nog geen antwoord",
    postponed: "Nee, maar de gemeente heeft het antwoord uitgesteld tot een nieuwe datum",
    answerRequired: "Kies of de gemeente al heeft gereageerd.",
    answeredOn: "Datum van het antwoord",
    answeredOnHint: "Alleen bij ‘Ja, de gemeente heeft geantwoord’.",
    postponedUntil: "Nieuwe datum die de gemeente noemde",
    postponedUntilHint: "Alleen bij uitstel (Awb 9:11 lid 2).",
    beforeReceipt: "De datum van het antwoord ligt vóór de datum waarop de gemeente de klacht ontving ({received}).",
    notAfterTerm: "De nieuwe datum moet na de gewone termijn van de gemeente liggen ({deadline}).",
    weeksInvalid:
      "Voor deze gemeente is geen geldige behandeltermijn ingesteld. Vraag een coördinator dit te herstellen.",
  },
  complainant: {
    legend: "Klager",
    hint: "Anoniem klagen kan niet: naam en adres zijn nodig, en een e-mailadres of telefoonnummer.",
    contactHint:
      "E-mailadres en telefoonnummer van de klager. Is er een gemachtigde? Laat ze dan leeg: wij nemen contact op via de gemachtigde.",
    contactViaRepresentative: "Er is een gemachtigde: wij nemen contact op via de gemachtigde. Laat dit veld leeg.",
    preferred: "Hoe wil de klager dat wij contact opnemen?",
  },
  representative: {
    question: "Treedt iemand op namens de klager (een gemachtigde)?",
    hint: "Bijvoorbeeld een familielid of een hulpverlener.",
    required: "Kies of er een gemachtigde is.",
    legend: "Gemachtigde",
    fieldsHint: "Alleen invullen als er een gemachtigde is. Vraag om een ondertekend machtigingsformulier.",
    preferred: "Hoe wil de gemachtigde dat wij contact opnemen?",
  },
  complaint: {
    legend: "De klacht",
    textHint: "Wat er gebeurde en waarom de klager ontevreden is, zo dat iemand die er niet bij was het begrijpt.",
    desired: "Wat wil de klager met de klacht bereiken?",
    desiredHint: "Bijvoorbeeld excuses, een uitleg of dat de gemeente iets anders gaat doen.",
  },
  override: {
    label: "Reden om de klacht toch te registreren",
    hint: "Alleen nodig als de klacht te vroeg of te laat is. De ombudsman kan de klacht dan toch behandelen (Awb 9:24); leg uit waarom. Minimaal {min} tekens.",
    tooEarly:
      "De termijn van de gemeente loopt nog tot en met {deadline}; de klager kan vanaf {from} bij de ombudsman terecht.",
    windowExpired: "De termijn om te klagen eindigde op {date}.",
    required: "Wilt u de klacht toch registreren? Vul dan een reden in van minimaal {min} tekens.",
    tooShort: "De reden is te kort: vul minimaal {min} tekens in.",
    tooLong: "De reden mag niet langer zijn dan {max} tekens.",
  },
  /** Messages of the resident's form schemas, in the third person a handler reads. */
  fieldErrors: {
    nameRequired: "Vul de voor- en achternaam in.",
    streetRequired: "Vul de straat in.",
    houseNumberRequired: "Vul het huisnummer in.",
    postcodeRequired: "Vul de postcode in.",
    cityRequired: "Vul de woonplaats in.",
    preferredRequired: "Kies hoe wij contact opnemen.",
    preferredEmailMissing: "Bij contact per e-mail is een e-mailadres nodig.",
    preferredPhoneMissing: "Bij contact per telefoon is een telefoonnummer nodig.",
    textTooLong: "De beschrijving is {count} tekens. Maak die korter: maximaal {max} tekens.",
  },
  /** The error summary names the part of the page, because several parts ask the same (a name, a date). */
  summaryItem: "{part}: {message}",
  parts: {
    receivedOn: "Ontvangen door de gemeente",
    answeredOn: "Datum van het antwoord",
    postponedUntil: "Nieuwe datum van de gemeente",
    complainant: "Klager",
    representative: "Gemachtigde",
    complaint: "De klacht",
  },
} as const;

export const staffIntakeEn: Widen<typeof staffIntakeNl> = {
  title: "Register a complaint",
  preHeading: "Phone, letter, e-mail or counter",
  intro:
    "Enter what the complainant tells you or writes. The same rules apply as for the form on the website: only a complaint about conduct, first made to the municipality, becomes a case file. The case file is assigned to you.",
  back: "Back to the workspace",
  submit: "Register complaint",
  yes: "Yes",
  no: "No",
  channel: {
    legend: "How did the complaint come in?",
    phone: "Phone",
    letter: "Letter",
    email: "E-mail",
    counter: "Counter",
    required: "Choose how the complaint came in.",
  },
  municipality: {
    legend: "Which municipality is the complaint about?",
    hint: "Only the municipalities currently affiliated with the ombudsman. Is the complaint about another organisation? Then refer to that organisation or to the National Ombudsman.",
    required: "Choose the municipality the complaint is about.",
  },
  topic: {
    legend: "What is the complaint about?",
    conduct: "Conduct: how the municipality or one of its staff treated the complainant",
    conductHint:
      "For example not called back, wrong information, a long wait, treated rudely, or a complaint the municipality did not handle properly.",
    decision: "A decision by the municipality",
    decisionHint: "For example a permit, a benefit, a fine or a tax assessment.",
    publicSpace: "Something broken or dirty in the street",
    damages: "Damage to be compensated",
    careProvider: "A care provider working for the municipality",
    required: "Choose what the complaint is about.",
    decisionRefused:
      "This is a decision: refer to an objection (bezwaar) at the municipality (Awb 9:22). Is the complaint about how the complainant was treated around the decision? Then choose ‘Conduct’.",
    publicSpaceRefused:
      "This is a public-space report: refer to the municipality's report procedure. The municipality fixes that itself.",
    damagesRefused: "This is a claim for compensation: refer to the municipality's damage claim procedure.",
    careProviderRefused: "This is about a care provider: refer to that provider's complaint procedure.",
  },
  court: {
    legend: "Is there a court case about the complaint, or has a court already ruled on it?",
    hint: "An objection or appeal procedure about the same matter also counts.",
    required: "Choose whether there is a court case.",
    refused:
      "The ombudsman may not handle this complaint: a court case is running or a court has ruled (Awb 9:22). Explain to the complainant that two bodies do not judge the same matter.",
  },
  firstLine: {
    legend: "Did the complainant first complain to the municipality?",
    required: "Choose whether the complainant first complained to the municipality.",
    refused:
      "The complainant must first complain to the municipality (Awb 9:20). Refer to the municipality's complaint procedure; after that the complaint can come to the ombudsman.",
  },
  firstLineDates: {
    legend: "The complaint to the municipality",
    hint: "Only if the complainant first complained to the municipality.",
    receivedOn: "Date the municipality received the complaint",
    receivedOnHint: "Usually in the municipality's acknowledgement of receipt.",
    answerStatus: "Has the municipality responded to the complaint?",
    answered: "Yes, the municipality has answered",
    notAnswered: "No, no answer yet",
    postponed: "No, but the municipality postponed its answer to a new date",
    answerRequired: "Choose whether the municipality has responded.",
    answeredOn: "Date of the answer",
    answeredOnHint: "Only with ‘Yes, the municipality has answered’.",
    postponedUntil: "New date the municipality gave",
    postponedUntilHint: "Only with a postponement (Awb 9:11(2)).",
    beforeReceipt: "The date of the answer is before the date the municipality received the complaint ({received}).",
    notAfterTerm: "The new date must be after the municipality's normal term ({deadline}).",
    weeksInvalid: "No valid handling term is set for this municipality. Ask a coordinator to fix it.",
  },
  complainant: {
    legend: "Complainant",
    hint: "Anonymous complaints are not possible: a name and address are needed, and an e-mail address or phone number.",
    contactHint:
      "The complainant's e-mail address and phone number. Is there a representative? Then leave them empty: we contact the representative.",
    contactViaRepresentative: "There is a representative: we contact the representative. Leave this field empty.",
    preferred: "How does the complainant want us to make contact?",
  },
  representative: {
    question: "Does someone act on behalf of the complainant (a representative)?",
    hint: "For example a family member or a social worker.",
    required: "Choose whether there is a representative.",
    legend: "Representative",
    fieldsHint: "Only if there is a representative. Ask for a signed mandate form.",
    preferred: "How does the representative want us to make contact?",
  },
  complaint: {
    legend: "The complaint",
    textHint:
      "What happened and why the complainant is dissatisfied, written so that someone who was not there understands it.",
    desired: "What does the complainant want to achieve?",
    desiredHint: "For example an apology, an explanation or that the municipality changes what it does.",
  },
  override: {
    label: "Reason to register the complaint anyway",
    hint: "Only needed when the complaint is too early or too late. The ombudsman may still handle it (Awb 9:24); explain why. At least {min} characters.",
    tooEarly:
      "The municipality's term runs until {deadline} inclusive; the complainant can come to the ombudsman from {from}.",
    windowExpired: "The term to complain ended on {date}.",
    required: "Do you want to register the complaint anyway? Then enter a reason of at least {min} characters.",
    tooShort: "The reason is too short: enter at least {min} characters.",
    tooLong: "The reason cannot be longer than {max} characters.",
  },
  fieldErrors: {
    nameRequired: "Enter the first and last name.",
    streetRequired: "Enter the street.",
    houseNumberRequired: "Enter the house number.",
    postcodeRequired: "Enter the postcode.",
    cityRequired: "Enter the town or city.",
    preferredRequired: "Choose how we make contact.",
    preferredEmailMissing: "Contact by e-mail needs an e-mail address.",
    preferredPhoneMissing: "Contact by phone needs a phone number.",
    textTooLong: "The description is {count} characters. Make it shorter: at most {max} characters.",
  },
  summaryItem: "{part}: {message}",
  parts: {
    receivedOn: "Received by the municipality",
    answeredOn: "Date of the answer",
    postponedUntil: "New date from the municipality",
    complainant: "Complainant",
    representative: "Representative",
    complaint: "The complaint",
  },
};
