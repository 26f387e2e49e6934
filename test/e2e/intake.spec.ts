/**
 * The resident's complaint form ("klacht indienen") end to end, in Chromium.
 *
 * Every journey runs with JavaScript on and with JavaScript off (plain POST + redirect); the
 * answered case also by keyboard alone and in English. Each test gets a fresh browser context,
 * so drafts never mix. Dates are Europe/Amsterdam calendar dates relative to today.
 *
 * Axe (WCAG 2.0/2.1/2.2 A+AA, support.ts) scans every step, outcome and exit page with JavaScript,
 * in Dutch and in English. Without JavaScript the server sends the same markup, so there the scans
 * cover the error states (date, contact, complaint and mandate steps), on a script-free copy of
 * the page because axe cannot run where JavaScript is disabled (intake-helpers.ts).
 *
 * The "error states" tests check the details with soft assertions: each missing behaviour is
 * reported on its own and the walk goes on, so one run lists every problem.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  COMPLAINT,
  FIXTURES,
  IntakeForm,
  OMBUDSMAN_PHONE,
  RESIDENT,
  addDays,
  addOneYear,
  chooseRadioByKeyboard,
  daysAgo,
  longDate,
  receiptWithPlainTerm,
  tabTo,
  today,
  typeInto,
  type AnswerCheck,
  type ContactInput,
  type Lang,
} from "./intake-helpers";
import { useLanguage } from "./support";

const REPRESENTATIVE: ContactInput = {
  name: "Jan de Vries",
  street: "Keizersgracht",
  houseNumber: "12-2",
  postcode: "1015 CJ",
  city: "Amsterdam",
  email: "jan.de.vries@example.nl",
  phone: "06 12345678",
  preferred: "phone",
};
const REPRESENTED = {
  name: "Anna de Vries",
  street: "Javastraat",
  houseNumber: "80A",
  postcode: "1094hj",
  city: "Amsterdam",
};

/** The first part of every eligible journey: Amsterdam, about conduct, no court case, complained first. */
const ELIGIBLE_START: AnswerCheck = {
  municipality: "Amsterdam",
  topic: "conduct",
  courtCase: false,
  complainedFirst: true,
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The error pattern: a summary titled "Verbeter de fouten voor u verder gaat" listing each message
 * as a link, and at each field the message, prefixed for screen readers with "Invoerfout:", as part
 * of the field's accessible description. With JavaScript the summary takes the focus.
 * The checks are soft: a missing message is reported, and the rest of the journey still runs.
 * `associated: false` checks only that the prefixed message is shown (the journeys use it where the
 * link between message and control is checked, and found missing, in "error states").
 */
async function expectErrors(
  f: IntakeForm,
  errors: { field: Locator; message: string }[],
  { axe = false, associated = true } = {},
) {
  const summary = f.errorSummary();
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("heading", { level: 2 })).toHaveText(f.form.errorSummaryHeading);
  // The page has settled once the summary is there: the soft checks need no long wait.
  const settled = { timeout: 500 };
  await expect
    .soft(summary.getByRole("link"), "every error is listed in the summary, in the order of the fields")
    .toHaveText(
      errors.map((e) => e.message),
      settled,
    );
  for (const { field, message } of errors) {
    if (associated) {
      await expect
        .soft(field, `the field carries "${message}" in its accessible description`)
        .toHaveAccessibleDescription(
          new RegExp(`${escapeRegExp(f.form.errorPrefix)} ${escapeRegExp(message)}`),
          settled,
        );
    } else {
      await expect
        .soft(
          f.page.getByText(`${f.form.errorPrefix} ${message}`, { exact: true }),
          `"${message}" is shown at the field`,
        )
        .toBeVisible(settled);
    }
  }
  if (f.js) await expect.soft(summary, "with JavaScript the error summary takes the focus").toBeFocused(settled);
  if (axe) await f.scan();
}

/** The eligible journey after the outcome page, up to the check page, for a resident on their own. */
async function detailsForSelf(f: IntakeForm, contact: ContactInput, attachments: { label: string; paths: string[] }[]) {
  await f.chooseForWhom("self");
  await f.fillContact(contact);
  await f.fillComplaint({ ...COMPLAINT, date: daysAgo(100) });
  await f.addAttachments(attachments);
}

// ---------------------------------------------------------------------------------------------
// Exits: where each answer leads, and the question "Ik heb een verkeerd antwoord gegeven" returns to
// ---------------------------------------------------------------------------------------------

type ExitCase = {
  id: string;
  slug: string;
  heading: Record<Lang, string>;
  /** Where to go next: a link (text and address), or a sentence on the page. */
  next: Record<Lang, { link: string; href: string } | { text: string }>;
  /** The question whose answer leads here; "Ik heb een verkeerd antwoord gegeven" returns to it. */
  question: { slug: string; heading: (f: IntakeForm) => string; answer: (f: IntakeForm) => string };
  /** The answer at that question that goes on instead, and the step it leads to. */
  instead: { answer: (f: IntakeForm) => string; slug: string };
};

const topicQuestion = { slug: "onderwerp", heading: (f: IntakeForm) => f.t.topic.title };
const toConduct = { answer: (f: IntakeForm) => f.t.topic.conduct, slug: "rechter" };
/** Each exit links to Amsterdam's own page for that purpose (db/reference-data.ts), not its home page. */
const amsterdamPage = (nl: string, en: string, href: string) => ({ nl: { link: nl, href }, en: { link: en, href } });

/** In the order of the questions, so one journey can visit them all by correcting its answers. */
const EXIT_CASES: ExitCase[] = [
  {
    id: "another organisation",
    slug: "andere-organisatie",
    heading: {
      nl: "Klaag bij de organisatie zelf, en daarna bij de Nationale ombudsman",
      en: "Complain to the organisation itself, and then to the National Ombudsman",
    },
    next: {
      nl: { link: "Naar de Nationale ombudsman", href: "https://www.nationaleombudsman.nl" },
      en: { link: "To the National Ombudsman", href: "https://www.nationaleombudsman.nl" },
    },
    question: { slug: "gemeente", heading: (f) => f.t.municipality.title, answer: (f) => f.t.municipality.other },
    instead: { answer: () => "Amsterdam", slug: "onderwerp" },
  },
  {
    id: "a decision (bezwaar)",
    slug: "bezwaar",
    heading: { nl: "Maak bezwaar bij de gemeente", en: "Lodge an objection with the municipality" },
    next: amsterdamPage(
      "Bezwaar maken bij Amsterdam",
      "Lodge an objection with Amsterdam",
      "https://www.amsterdam.nl/bezwaar-maken/",
    ),
    question: { ...topicQuestion, answer: (f) => f.t.topic.decision },
    instead: toConduct,
  },
  {
    id: "public space (melding)",
    slug: "melding-openbare-ruimte",
    heading: { nl: "Meld het bij de gemeente", en: "Report it to the municipality" },
    next: amsterdamPage(
      "Een melding doen bij Amsterdam",
      "Make a report to Amsterdam",
      "https://www.amsterdam.nl/meldingen/",
    ),
    question: { ...topicQuestion, answer: (f) => f.t.topic.publicSpace },
    instead: toConduct,
  },
  {
    id: "damages",
    slug: "schadevergoeding",
    heading: {
      nl: "Vraag een schadevergoeding aan bij de gemeente",
      en: "Apply for compensation from the municipality",
    },
    next: amsterdamPage(
      "Schadevergoeding aanvragen bij Amsterdam",
      "Apply for compensation from Amsterdam",
      "https://www.amsterdam.nl/schade-melden/",
    ),
    question: { ...topicQuestion, answer: (f) => f.t.topic.damages },
    instead: toConduct,
  },
  {
    id: "care provider",
    slug: "zorgaanbieder",
    heading: { nl: "Klaag bij de zorgaanbieder", en: "Complain to the care provider" },
    // Not the municipality's site: a care provider has its own complaint procedure.
    next: {
      nl: {
        link: "Lees bij het Landelijk Meldpunt Zorg hoe u over zorg klaagt",
        href: "https://www.landelijkmeldpuntzorg.nl/",
      },
      en: {
        link: "Read at the Landelijk Meldpunt Zorg (national care complaints desk) how to complain about care",
        href: "https://www.landelijkmeldpuntzorg.nl/",
      },
    },
    question: { ...topicQuestion, answer: (f) => f.t.topic.careProvider },
    instead: toConduct,
  },
  {
    id: "court case",
    slug: "rechter",
    heading: { nl: "De ombudsman kan deze klacht niet behandelen", en: "The ombudsman cannot handle this complaint" },
    next: { nl: { text: `Bel ons op ${OMBUDSMAN_PHONE}.` }, en: { text: `Call us on ${OMBUDSMAN_PHONE}.` } },
    question: { slug: "rechter", heading: (f) => f.t.court.title, answer: (f) => f.t.yes },
    instead: { answer: (f) => f.t.no, slug: "eerst-geklaagd" },
  },
  {
    id: "no first-line complaint",
    slug: "eerst-klagen-bij-de-gemeente",
    heading: { nl: "Klaag eerst bij de gemeente", en: "First complain to the municipality" },
    next: {
      nl: { link: "Klacht indienen bij Amsterdam", href: "https://www.amsterdam.nl/contact/klacht-indienen/" },
      en: { link: "Complain to Amsterdam", href: "https://www.amsterdam.nl/contact/klacht-indienen/" },
    },
    question: { slug: "eerst-geklaagd", heading: (f) => f.t.firstLine.title, answer: (f) => f.t.no },
    instead: { answer: (f) => f.t.yes, slug: "ontvangen" },
  },
];

/**
 * Every exit in one journey: answer so that the form ends, check the exit page (heading, where to
 * go, no button into the form, axe), take "Ik heb een verkeerd antwoord gegeven" back to the
 * question (the answer still selected), and give the next answer.
 */
async function walkAllExits(page: Page, lang: Lang, js: boolean, { axe = true } = {}) {
  const f = new IntakeForm(page, { lang, js, axe: false });
  await f.start();
  for (const [i, c] of EXIT_CASES.entries()) {
    await test.step(`exit: ${c.id}`, async () => {
      await f.at(c.question.slug, c.question.heading(f));
      await f.choose(c.question.answer(f));
      await f.continue();

      await f.at(`doorverwijzing/${c.slug}`, c.heading[lang]);
      const next = c.next[lang];
      if ("link" in next)
        await expect(page.getByRole("link", { name: next.link, exact: true })).toHaveAttribute("href", next.href);
      else await expect(page.getByRole("main")).toContainText(next.text);
      await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
      if (axe) await f.scan();

      await page.getByRole("link", { name: f.t.exits.changeAnswer, exact: true }).click();
      await f.at(c.question.slug, c.question.heading(f));
      await expect(f.radio(c.question.answer(f))).toBeChecked();
      if (EXIT_CASES[i + 1]?.question.slug !== c.question.slug) {
        await f.choose(c.instead.answer(f));
        await f.continue();
        await expect(page).toHaveURL(new RegExp(`/klacht/${c.instead.slug}$`));
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Dutch, with JavaScript and without
// ---------------------------------------------------------------------------------------------

for (const js of [true, false]) {
  test.describe(js ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: js });

    test("answered case: start page to dossier number, contact date and confirmation mail", async ({ page }) => {
      // Axe on every page with JavaScript; without it the server sends the same markup (scanned in
      // its error states below), so the scans are not repeated here.
      const f = new IntakeForm(page, { js, axe: js });
      const receivedOn = daysAgo(80);
      const answeredOn = daysAgo(20);
      await page.goto("/");
      await page.getByRole("link", { name: "Start uw klacht" }).click();
      await f.at("gemeente", "Over welke gemeente gaat uw klacht?");
      await f.answerCheck({ ...ELIGIBLE_START, receivedOn, answer: { answeredOn } });

      await f.at("uitkomst", "U kunt uw klacht bij de ombudsman indienen");
      const main = page.getByRole("main");
      await expect(main).toContainText(`De gemeente ontving uw klacht op ${longDate(receivedOn, "nl", true)}.`);
      await expect(main).toContainText(`De gemeente beantwoordde uw klacht op ${longDate(answeredOn, "nl", true)}.`);
      await expect(main).toContainText(
        "U heeft antwoord gekregen en bent daar niet tevreden over. Daarom kunt u naar de ombudsman.",
      );
      await expect(main).toContainText(
        `U kunt tot en met ${longDate(addOneYear(answeredOn), "nl", true)} een klacht bij ons indienen.`,
      );
      await f.continue();

      await detailsForSelf(f, RESIDENT, [
        { label: f.t.attachments.categoryMunicipalityAnswer, paths: [FIXTURES.municipalityAnswer] },
      ]);
      await f.at("controleren", "Controleer uw antwoorden");
      for (const shown of [
        "Amsterdam",
        longDate(receivedOn),
        longDate(answeredOn),
        RESIDENT.name,
        "1012 JS Amsterdam",
        RESIDENT.email!,
        "antwoord-gemeente.pdf",
      ]) {
        await expect(main).toContainText(shown);
      }
      const number = await f.submit();
      await expect(main).toContainText(`Wij hebben een bevestiging gestuurd naar ${RESIDENT.email}.`);
      await f.expectContactDate("email");
      await f.expectConfirmationMail(number, RESIDENT.email!);
    });

    test("no timely answer: the outcome shows the term, the municipality's answer is not required", async ({
      page,
    }) => {
      const f = new IntakeForm(page, { js, axe: false });
      const { receivedOn, term } = receiptWithPlainTerm(70);
      await f.start();
      await f.answerCheck({ ...ELIGIBLE_START, receivedOn, answer: "none" });

      await f.at("uitkomst", "U kunt uw klacht bij de ombudsman indienen", js);
      const main = page.getByRole("main");
      await expect(main).toContainText(
        // The term lies four weeks back: it is told in the past tense.
        `De gemeente had 6 weken om te reageren. Die termijn eindigde op ${longDate(term, "nl", true)}.`,
      );
      await expect(main).toContainText("De gemeente heeft niet op tijd gereageerd. Daarom kunt u naar de ombudsman.");
      await expect(main).toContainText(
        `U kunt tot en met ${longDate(addOneYear(term), "nl", true)} een klacht bij ons indienen.`,
      );
      await f.continue();

      // Phone only this time: no e-mail, so no confirmation mail.
      const byPhone: ContactInput = { ...RESIDENT, email: undefined, phone: "020 1234567", preferred: "phone" };
      await f.chooseForWhom("self");
      await f.fillContact(byPhone);
      await f.fillComplaint({ ...COMPLAINT, date: daysAgo(90) });

      const answerLabel = "Het antwoord van de gemeente op uw klacht";
      f.axe = js;
      await f.atUploadStep("bijlagen", "Bijlagen", [answerLabel]);
      f.axe = false;
      await expect(page.getByText(`${answerLabel} (niet verplicht)`, { exact: true })).toBeVisible();
      await f.continue();

      await f.at("controleren", "Controleer uw antwoorden");
      await expect(main).toContainText("Nee, ik heb nog geen antwoord");
      await expect(main).not.toContainText("Datum antwoord");
      await f.submit();
      await expect(main).toContainText("U heeft geen e-mailadres opgegeven. Bewaar uw dossiernummer goed.");
      await f.expectContactDate("phone");
    });

    test("representative with a mandate: own details, the represented person, the signed form", async ({ page }) => {
      const f = new IntakeForm(page, { js, axe: false });
      await f.start();
      await f.answerCheck({ ...ELIGIBLE_START, receivedOn: daysAgo(80), answer: { answeredOn: daysAgo(20) } });
      await f.acceptOutcome();
      await f.chooseForWhom("other");
      // The pages only a representative sees are scanned here (with JavaScript).
      f.axe = js;
      await f.fillContact(REPRESENTATIVE, { representative: true });
      await f.fillRepresented(REPRESENTED);

      const mandateLabel = "Ondertekend machtigingsformulier";
      await f.atUploadStep("machtiging", "Machtigingsformulier", [mandateLabel]);
      const download = page.getByRole("link", { name: "Download het lege machtigingsformulier (PDF)" });
      await expect(download).toHaveAttribute("href", "/klacht/machtigingsformulier.pdf");
      const pdf = await page.request.get((await download.getAttribute("href"))!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

      // Continuing without the signed form is refused.
      await f.continue();
      await expect(page).toHaveURL(/\/klacht\/machtiging$/);
      await expectErrors(
        f,
        [{ field: f.fileField(mandateLabel), message: "Voeg het ondertekende machtigingsformulier toe." }],
        { axe: true, associated: !js },
      );
      await f.chooseFiles(mandateLabel, [FIXTURES.mandate]);
      await f.continue();

      f.axe = false;
      await f.fillComplaint({ ...COMPLAINT, date: daysAgo(100) });
      await f.addAttachments([
        { label: f.t.attachments.categoryMunicipalityAnswer, paths: [FIXTURES.municipalityAnswer] },
      ]);
      await f.at("controleren", "Controleer uw antwoorden", js);
      const main = page.getByRole("main");
      await expect(main).toContainText("Voor iemand anders");
      await expect(page.getByRole("heading", { level: 2, name: "Voor wie u klaagt" })).toBeVisible();
      for (const shown of [
        REPRESENTATIVE.name,
        REPRESENTED.name,
        "Javastraat 80A",
        "1094 HJ Amsterdam",
        "machtiging-ondertekend.pdf",
      ]) {
        await expect(main).toContainText(shown);
      }
      const number = await f.submit();
      await expect(main).toContainText(`Wij hebben een bevestiging gestuurd naar ${REPRESENTATIVE.email}.`);
      await f.expectContactDate("phone");
      await f.expectConfirmationMail(number, REPRESENTATIVE.email!);
    });

    test('exits: each leads to its page saying where to go, and "Ik heb een verkeerd antwoord gegeven" returns to the question', async ({
      page,
    }) => {
      // Axe on the exit pages with JavaScript; without it the server sends the same markup.
      await walkAllExits(page, "nl", js, { axe: js });
    });

    test("too early: the date from which they may come, and no way on to the details", async ({ page }) => {
      const f = new IntakeForm(page, { js, axe: false });
      const { receivedOn, term } = receiptWithPlainTerm(10);
      await f.start();
      await f.answerCheck({ ...ELIGIBLE_START, receivedOn, answer: "none" });
      await f.at("uitkomst", "U bent nog te vroeg", js);
      await expect(page.getByRole("main")).toContainText(
        `De gemeente heeft nog tot en met ${longDate(term, "nl", true)} de tijd om op uw klacht te reageren. ` +
          `Heeft u dan nog geen antwoord? Dan kunt u vanaf ${longDate(addDays(term, 1), "nl", true)} bij ons terecht.`,
      );
      await expect(f.button("Verder")).toHaveCount(0);
      for (const path of ["/klacht/voor-wie", "/klacht/gegevens", "/klacht/controleren"]) {
        await page.goto(path);
        await expect(page).toHaveURL(/\/klacht\/uitkomst$/);
        await expect(f.heading()).toHaveText("U bent nog te vroeg");
      }
      await page.getByRole("link", { name: "Mijn antwoorden aanpassen" }).click();
      await expect(page).toHaveURL(/\/klacht\/ontvangen$/);
    });

    test("window expired: the year is over, with the phone number for exceptional cases", async ({ page }) => {
      const f = new IntakeForm(page, { js, axe: false });
      const answeredOn = daysAgo(400);
      await f.start();
      await f.answerCheck({ ...ELIGIBLE_START, receivedOn: daysAgo(450), answer: { answeredOn } });
      await f.at("uitkomst", "De termijn om te klagen is voorbij", js);
      const main = page.getByRole("main");
      await expect(main).toContainText(
        `Een klacht moet binnen een jaar bij de ombudsman worden ingediend. Voor u eindigde dat jaar op ${longDate(addOneYear(answeredOn), "nl", true)}.`,
      );
      await expect(main).toContainText(
        `Is er een bijzondere reden waarom u niet eerder kon klagen? Bel ons op ${OMBUDSMAN_PHONE}.`,
      );
      await expect(f.button("Verder")).toHaveCount(0);
      await page.goto("/klacht/gegevens");
      await expect(page).toHaveURL(/\/klacht\/uitkomst$/);
      await expect(f.heading()).toHaveText("De termijn om te klagen is voorbij");
    });

    test("postponed answer: a date not after the term is refused; the announced date replaces the term", async ({
      page,
    }) => {
      const f = new IntakeForm(page, { js, axe: false });
      const { receivedOn, term } = receiptWithPlainTerm(30);
      const postponedUntil = addDays(today(), 21);
      await f.start();
      await f.answerCheck({ ...ELIGIBLE_START, receivedOn });
      await f.at("antwoord", f.t.answer.title);
      await f.choose("Nee, maar de gemeente heeft laten weten dat het antwoord later komt");
      await f.continue();
      await f.at("uitstel", "Welke nieuwe datum heeft de gemeente genoemd?", js);
      await f.fillDate(term);
      await f.continue();
      await expectErrors(f, [
        {
          field: page.getByRole("group", { name: "Welke nieuwe datum heeft de gemeente genoemd?" }),
          message: `Deze datum ligt niet na de normale termijn van de gemeente (${longDate(term)}). Controleer de datum, of kies bij de vorige vraag dat u nog geen antwoord heeft.`,
        },
      ]);
      await f.fillDate(postponedUntil);
      await f.continue();
      await f.at("uitkomst", "U bent nog te vroeg", js);
      const main = page.getByRole("main");
      await expect(main).toContainText(
        `De gemeente heeft laten weten dat u uiterlijk op ${longDate(postponedUntil, "nl", true)} antwoord krijgt.`,
      );
      await expect(main).toContainText(
        `Dan kunt u vanaf ${longDate(addDays(postponedUntil, 1), "nl", true)} bij ons terecht.`,
      );
    });

    test("skipping ahead by URL in a fresh browser sends the resident to the first step", async ({ page }) => {
      for (const path of [
        "/klacht/controleren",
        "/klacht/bijlagen",
        "/klacht/uitkomst",
        "/klacht/doorverwijzing/bezwaar",
        "/klacht/verzonden",
      ]) {
        await page.goto(path);
        await expect(page, `${path} redirects to the first step`).toHaveURL(/\/klacht\/gemeente$/);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Over welke gemeente gaat uw klacht?");
      }
    });

    test("error states: summaries, field messages, kept input, uploads, and change links on the check page", async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const f = new IntakeForm(page, { js, axe: false });
      const receivedOn = daysAgo(80);
      await f.start();

      // A radio question left empty.
      await f.continue();
      await expectErrors(f, [
        {
          field: page.getByRole("group", { name: "Over welke gemeente gaat uw klacht?" }),
          message: "Kies de gemeente waarover u klaagt.",
        },
      ]);
      await f.answerCheck({ ...ELIGIBLE_START });

      // A date step: empty, then in the future.
      await f.at("ontvangen", "Wanneer heeft de gemeente uw klacht ontvangen?");
      const receivedGroup = page.getByRole("group", { name: "Wanneer heeft de gemeente uw klacht ontvangen?" });
      await f.continue();
      await expectErrors(f, [{ field: receivedGroup, message: "Vul de datum in." }], { axe: true });
      await f.fillDate(addDays(today(), 1));
      await f.continue();
      await expectErrors(f, [{ field: receivedGroup, message: "De datum mag niet na vandaag liggen." }]);
      await f.fillDate(receivedOn);
      await f.continue();
      await f.at("antwoord", f.t.answer.title);
      await f.choose("Ja, ik heb een antwoord gekregen");
      await f.continue();

      // An answer before the receipt date.
      await f.at("antwoorddatum", "Op welke datum heeft de gemeente uw klacht beantwoord?");
      const before = daysAgo(90);
      await f.fillDate(before);
      await f.continue();
      await expectErrors(
        f,
        [
          {
            field: page.getByRole("group", { name: "Op welke datum heeft de gemeente uw klacht beantwoord?" }),
            message: `De datum van het antwoord kan niet vóór de datum liggen waarop de gemeente uw klacht ontving (${longDate(receivedOn)}).`,
          },
        ],
        { axe: true },
      );
      await expect(page.getByRole("textbox", { name: "Dag", exact: true })).toHaveValue(
        String(Number(before.slice(8))),
      );
      await expect(page.getByRole("textbox", { name: "Jaar", exact: true })).toHaveValue(before.slice(0, 4));
      await f.fillDate(daysAgo(20));
      await f.continue();
      await f.acceptOutcome();
      await f.chooseForWhom("self");

      // No skipping ahead in the middle of the journey either: back to the step that is next.
      await page.goto("/klacht/controleren");
      await f.at("gegevens", "Uw gegevens");

      // The contact step: everything empty, then a wrong postcode.
      await f.continue();
      await expectErrors(
        f,
        [
          { field: f.textbox("Voor- en achternaam"), message: "Vul uw voor- en achternaam in." },
          { field: f.textbox("Straat"), message: "Vul uw straat in." },
          { field: f.textbox("Huisnummer en toevoeging"), message: "Vul uw huisnummer in." },
          { field: f.textbox("Postcode"), message: "Vul uw postcode in." },
          { field: f.textbox("Woonplaats"), message: "Vul uw woonplaats in." },
          { field: f.textbox("E-mailadres"), message: "Vul een e-mailadres of een telefoonnummer in." },
          {
            field: page.getByRole("group", { name: "Hoe wilt u dat wij contact met u opnemen?" }),
            message: "Kies hoe wij contact met u opnemen.",
          },
        ],
        { axe: true },
      );
      await f.fillContact({ ...RESIDENT, postcode: "1234" }, { submit: false });
      await f.continue();
      const postcodeError = "Vul een Nederlandse postcode in: 4 cijfers en 2 letters, bijvoorbeeld 1012 JS.";
      await expectErrors(f, [{ field: f.textbox("Postcode"), message: postcodeError }]);
      // The summary's link leads to the field, and the errors stay on the page.
      await f.errorSummary().getByRole("link", { name: postcodeError }).click();
      await expect(f.textbox("Postcode")).toBeFocused();
      await expect
        .soft(f.errorSummary(), "the error summary is still there after following its link")
        .toBeVisible({ timeout: 500 });
      await expect
        .soft(f.textbox("Postcode"), "the field keeps its message after following the summary link")
        .toHaveAccessibleDescription(new RegExp(`Invoerfout: ${escapeRegExp(postcodeError)}`), { timeout: 500 });
      // Nothing typed is lost.
      await expect(f.textbox("Voor- en achternaam")).toHaveValue(RESIDENT.name);
      await expect(f.textbox("Postcode")).toHaveValue("1234");
      await expect(f.textbox("E-mailadres")).toHaveValue(RESIDENT.email!);
      await expect(f.radio("Per e-mail")).toBeChecked();
      await f.textbox("Postcode").fill("1012 JS");
      await f.continue();

      // The complaint step: empty, then 2001 characters (a line break counts as one).
      await f.at("uw-klacht", "Uw klacht");
      const text = f.textbox("Wat is er gebeurd?");
      await f.continue();
      await expectErrors(
        f,
        [
          { field: text, message: "Beschrijf wat er is gebeurd." },
          { field: f.textbox("Waar gebeurde het?"), message: "Vul in waar het gebeurde." },
          { field: page.getByRole("group", { name: "Wanneer gebeurde het?" }), message: "Vul de datum in." },
        ],
        { axe: true },
      );
      const paragraph = "Ik heb drie keer gebeld en niemand belde terug. ";
      const tooLong = `${paragraph.repeat(40)}\n${paragraph.repeat(2)}`.slice(0, 2000) + ".";
      expect([...tooLong].length).toBe(2001);
      // 2000 characters in at once, the 2001st typed.
      await text.fill(tooLong.slice(0, 2000));
      // The counter under the field is part of its description; with JavaScript it follows the typing.
      if (js) await expect(text).toHaveAccessibleDescription(/ 2000 van 2000 tekens$/);
      await text.press("Control+End");
      await text.pressSequentially(tooLong.slice(2000));
      if (js) await expect(text).toHaveAccessibleDescription(/ 2001 van 2000 tekens: 1 teken te veel$/);
      await f.textbox("Waar gebeurde het?").fill("Aan de telefoon");
      await f.fillDate(daysAgo(100));
      await f.continue();
      await expectErrors(
        f,
        [{ field: text, message: "Uw beschrijving is 2001 tekens. Maak die korter: maximaal 2000 tekens." }],
        { axe: true },
      );
      await expect(text).toHaveValue(tooLong);
      await expect(f.textbox("Waar gebeurde het?")).toHaveValue("Aan de telefoon");
      await expect(text).toHaveAccessibleDescription(/2001 van 2000 tekens: 1 teken te veel$/);
      await expect(page.getByText("2001 van 2000 tekens: 1 teken te veel", { exact: true }).first()).toBeVisible();
      const exactly = tooLong.slice(0, 2000);
      await text.fill(exactly);
      if (js) await expect(text).toHaveAccessibleDescription(/ 2000 van 2000 tekens$/);
      await f.continue();

      // Attachments: the answer is required; an .exe is refused; a file can be removed again.
      const answerLabel = "Het antwoord van de gemeente op uw klacht";
      const evidenceLabel = "Andere stukken";
      await f.atUploadStep("bijlagen", "Bijlagen", [answerLabel, evidenceLabel]);
      await f.continue();
      const answerRequired = "Voeg het antwoord van de gemeente op uw klacht toe.";
      await expectErrors(f, [{ field: f.fileField(answerLabel), message: answerRequired }]);
      // The summary's link leads to where the file is chosen.
      await f.errorSummary().getByRole("link", { name: answerRequired }).click();
      await expect
        .soft(f.fileControl(answerLabel), "the summary link moves the focus to the file control")
        .toBeFocused({ timeout: 500 });

      const badType = "Het bestand programma.exe is geen PDF, afbeelding of document.";
      await f.chooseFiles(evidenceLabel, [FIXTURES.executable], { expectListed: false });
      if (js) {
        // The uploader refuses it at once; the message is an alert.
        await expect
          .soft(
            page.getByRole("alert").filter({ hasText: badType }).first(),
            "the refusal names the file in the form's words",
          )
          .toBeVisible({ timeout: 3000 });
      } else {
        await f.press(f.button("Bestanden toevoegen"));
        await expectErrors(f, [{ field: f.fileField(evidenceLabel), message: badType }]);
      }
      await expect(f.removeButton("programma.exe")).toHaveCount(0);

      await f.chooseFiles(answerLabel, [FIXTURES.municipalityAnswer]);
      await f.chooseFiles(evidenceLabel, [FIXTURES.evidence]);
      if (!js) {
        await f.press(f.button("Bestanden toevoegen"));
        await expect(page.getByRole("status").filter({ hasText: "2 bestanden toegevoegd." })).toBeVisible();
      }
      await expect(f.removeButton("telefoonnotitie.txt")).toBeVisible();
      await expect(f.removeButton("antwoord-gemeente.pdf")).toBeVisible();
      await f.press(f.removeButton("telefoonnotitie.txt"));
      await expect(
        page.getByRole("status").filter({ hasText: "Het bestand telefoonnotitie.txt is verwijderd." }),
      ).toBeVisible();
      // Each file once: the removed one is gone and nothing was added again.
      await expect
        .soft(f.removeButton("telefoonnotitie.txt"), "the removed file is no longer listed")
        .toHaveCount(0, { timeout: 500 });
      await expect
        .soft(f.removeButton("antwoord-gemeente.pdf"), "the kept file is listed once")
        .toHaveCount(1, { timeout: 500 });
      await f.continue();

      // The check page: "Wijzig" goes to the step and saving returns to the check page.
      await f.at("controleren", "Controleer uw antwoorden");
      const main = page.getByRole("main");
      const files = main.getByRole("listitem");
      await expect
        .soft(files.filter({ hasText: "telefoonnotitie.txt" }), "the removed file is not sent")
        .toHaveCount(0, { timeout: 500 });
      await expect
        .soft(files.filter({ hasText: "antwoord-gemeente.pdf" }), "the answer is sent once")
        .toHaveCount(1, { timeout: 500 });

      /** A step opened from the check page says so, and its back link returns to the check page. */
      const expectChanging = async () => {
        const settled = { timeout: 500 };
        await expect
          .soft(page, "the change link carries ?terug=controleren")
          .toHaveURL(/\?terug=controleren$/, settled);
        await expect
          .soft(main, "the step says the resident is changing an answer")
          .toContainText("U past een antwoord aan. Daarna gaat u terug naar het overzicht.", settled);
        await expect
          .soft(page.getByRole("link", { name: "Vorige stap" }), "back goes to the check page")
          .toHaveAttribute("href", "/klacht/controleren", settled);
      };

      await page.getByRole("link", { name: "Wijzig Naam", exact: true }).click();
      await f.at("gegevens", "Uw gegevens");
      await expectChanging();
      await expect(f.textbox("Voor- en achternaam")).toHaveValue(RESIDENT.name);
      await f.textbox("Voor- en achternaam").fill("Fatima de Wit");
      await f.continue();
      await f.at("controleren", "Controleer uw antwoorden");
      await expect(main).toContainText("Fatima de Wit");

      await page.getByRole("link", { name: "Wijzig Gemeente ontving uw klacht", exact: true }).click();
      await f.at("ontvangen", "Wanneer heeft de gemeente uw klacht ontvangen?");
      await expectChanging();
      await f.fillDate(daysAgo(81));
      await f.continue();
      await f.at("controleren", "Controleer uw antwoorden");
      await expect(main).toContainText(longDate(daysAgo(81)));

      await page.getByRole("link", { name: "Wijzig Wat is er gebeurd?", exact: true }).click();
      await f.at("uw-klacht", "Uw klacht");
      await expectChanging();
      await expect(text).toHaveValue(exactly);
      await text.fill("Niemand belde mij terug.");
      await f.continue();
      await f.at("controleren", "Controleer uw antwoorden");
      await expect(main).toContainText("Niemand belde mij terug.");

      await page.getByRole("link", { name: "Wijzig Het antwoord van de gemeente op uw klacht", exact: true }).click();
      await f.at("bijlagen", "Bijlagen");
      await expectChanging();
      await f.continue();
      await f.at("controleren", "Controleer uw antwoorden");

      // Sending without the consent.
      await f.press(f.button("Klacht versturen"));
      await expectErrors(f, [
        {
          field: page.getByRole("checkbox", { name: "Ik heb dit gelezen en ga ermee akkoord" }),
          message: "Geef aan dat u hebt gelezen wat er met uw klacht gebeurt.",
        },
      ]);
      const number = await f.submit();
      expect(number).toMatch(/^OMA-\d{4}-\d{5}$/);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Keyboard alone
// ---------------------------------------------------------------------------------------------

test("answered case by keyboard alone (Tab, Shift+Tab, arrows, Space, Enter, typing)", async ({ page }) => {
  const f = new IntakeForm(page, { axe: false });
  const keys = page.keyboard;
  const submitStep = async (label = "Verder") => {
    await tabTo(page, f.button(label));
    await keys.press("Enter");
  };
  const typeDate = async (iso: string) => {
    const [year, month, day] = iso.split("-") as [string, string, string];
    await tabTo(page, page.getByRole("textbox", { name: "Dag", exact: true }));
    await keys.type(String(Number(day)));
    await keys.press("Tab");
    await typeInto(page, page.getByRole("textbox", { name: "Maand", exact: true }), String(Number(month)));
    await keys.press("Tab");
    await typeInto(page, page.getByRole("textbox", { name: "Jaar", exact: true }), year);
  };
  const main = page.getByRole("main");

  await page.goto("/");
  await tabTo(page, page.getByRole("link", { name: "Start uw klacht" }));
  await keys.press("Enter");
  await f.at("gemeente", "Over welke gemeente gaat uw klacht?");

  // Enter on an empty question: the error summary takes the focus, its link leads to the field.
  await submitStep();
  await expect(f.errorSummary()).toBeFocused();
  await keys.press("Tab");
  await expect(f.errorSummary().getByRole("link", { name: "Kies de gemeente waarover u klaagt." })).toBeFocused();
  await keys.press("Enter");
  await expect(main.getByRole("radio").first()).toBeFocused();
  // (That the summary should stay after following its link is checked in "error states".)
  await chooseRadioByKeyboard(page, main, "Almere");
  await chooseRadioByKeyboard(page, main, "Amsterdam");
  await submitStep();

  await f.at("onderwerp", "Waar gaat uw klacht over?");
  await chooseRadioByKeyboard(page, main, "Hoe de gemeente of een medewerker mij heeft behandeld");
  await submitStep();
  await f.at("rechter", f.t.court.title);
  await chooseRadioByKeyboard(page, main, "Nee");
  await submitStep();
  await f.at("eerst-geklaagd", "Heeft u eerst bij de gemeente geklaagd?");
  await chooseRadioByKeyboard(page, main, "Ja");
  await submitStep();
  await f.at("ontvangen", "Wanneer heeft de gemeente uw klacht ontvangen?");
  await typeDate(daysAgo(80));
  await submitStep();
  await f.at("antwoord", "Heeft de gemeente al op uw klacht gereageerd?");
  await chooseRadioByKeyboard(page, main, "Ja, ik heb een antwoord gekregen");
  await submitStep();
  await f.at("antwoorddatum", "Op welke datum heeft de gemeente uw klacht beantwoord?");
  await typeDate(daysAgo(20));
  await submitStep();
  await f.at("uitkomst", "U kunt uw klacht bij de ombudsman indienen");
  await submitStep();
  await f.at("voor-wie", "Dient u de klacht in voor uzelf of voor iemand anders?");
  await chooseRadioByKeyboard(page, main, "Voor mijzelf");
  await submitStep();

  // Contact details: the Tab order follows the visual order.
  await f.at("gegevens", "Uw gegevens");
  await tabTo(page, f.textbox("Voor- en achternaam"));
  const fields: [string, string][] = [
    ["Voor- en achternaam", RESIDENT.name],
    ["Straat", RESIDENT.street],
    ["Huisnummer en toevoeging", RESIDENT.houseNumber],
    ["Postcode", RESIDENT.postcode],
    ["Woonplaats", RESIDENT.city],
    ["E-mailadres", RESIDENT.email!],
  ];
  for (const [i, [label, value]] of fields.entries()) {
    if (i > 0) await keys.press("Tab");
    await typeInto(page, f.textbox(label), value);
  }
  await keys.press("Shift+Tab");
  await expect(f.textbox("Woonplaats")).toBeFocused();
  await keys.press("Tab");
  await keys.press("Tab");
  await expect(f.textbox("Telefoonnummer")).toBeFocused();
  await chooseRadioByKeyboard(page, main, "Per e-mail");
  await submitStep();

  await f.at("uw-klacht", "Uw klacht");
  await tabTo(page, f.textbox("Wat is er gebeurd?"));
  await keys.type("Ik werd drie keer niet teruggebeld.");
  await keys.press("Enter");
  await keys.type("Ook niet na mijn klacht.");
  await expect(page.getByText("60 van 2000 tekens", { exact: true })).toBeVisible();
  await keys.press("Tab");
  await typeInto(page, f.textbox("Waar gebeurde het?"), "Aan de telefoon");
  await typeDate(daysAgo(100));
  await keys.press("Tab");
  await typeInto(page, f.textbox("Wie waren erbij betrokken?"), "Afdeling Parkeren");
  await submitStep();

  await f.atUploadStep("bijlagen", "Bijlagen", ["Het antwoord van de gemeente op uw klacht"]);
  await tabTo(page, f.fileControl("Het antwoord van de gemeente op uw klacht"));
  // Enter on the focused control opens the browser's file chooser. The one exception to
  // "keyboard only": Playwright cannot operate the native chooser dialog, so the file is handed
  // to the chooser that the keyboard opened (instead of typing a path into the dialog).
  await f.chooseFiles("Het antwoord van de gemeente op uw klacht", [FIXTURES.municipalityAnswer], {
    viaKeyboard: true,
  });
  await submitStep();

  await f.at("controleren", "Controleer uw antwoorden");
  await expect(main).toContainText("antwoord-gemeente.pdf");
  await tabTo(page, page.getByRole("checkbox", { name: "Ik heb dit gelezen en ga ermee akkoord" }));
  await keys.press("Space");
  await expect(page.getByRole("checkbox", { name: "Ik heb dit gelezen en ga ermee akkoord" })).toBeChecked();
  await submitStep("Klacht versturen");
  await f.expectConfirmation();
  await f.expectContactDate("email");
});

// ---------------------------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------------------------

test.describe("in English", () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await useLanguage(context, baseURL!, "en");
  });

  test("answered case via a representative: every step in English, dossier, contact date and mail", async ({
    page,
  }) => {
    const f = new IntakeForm(page, { lang: "en" });
    const answeredOn = daysAgo(20);
    await f.start();
    await expect(f.heading()).toHaveText("Which municipality is your complaint about?");
    await f.answerCheck({ ...ELIGIBLE_START, receivedOn: daysAgo(80), answer: { answeredOn } });
    await f.at("uitkomst", "You can submit your complaint to the ombudsman");
    await expect(page.getByRole("main")).toContainText(
      `You can submit a complaint to us up to and including ${longDate(addOneYear(answeredOn), "en", true)}.`,
    );
    await f.continue();
    await f.chooseForWhom("other");
    await f.fillContact(REPRESENTATIVE, { representative: true });
    await f.fillRepresented(REPRESENTED);
    await f.atUploadStep("machtiging", "Mandate form", ["Signed mandate form"]);
    await f.continue();
    await expectErrors(f, [{ field: f.fileField("Signed mandate form"), message: "Add the signed mandate form." }], {
      axe: true,
      associated: false,
    });
    await f.chooseFiles("Signed mandate form", [FIXTURES.mandate]);
    await f.continue();
    await f.fillComplaint({ text: "Nobody called me back.", place: "On the phone", date: daysAgo(100) });
    await f.addAttachments([
      { label: "The municipality's answer to your complaint", paths: [FIXTURES.municipalityAnswer] },
    ]);
    await f.at("controleren", "Check your answers");
    const number = await f.submit();
    await expect(f.heading()).toHaveText("Your complaint has been sent");
    await f.expectContactDate("phone");
    await f.expectConfirmationMail(number, REPRESENTATIVE.email!);
    await expect(page.getByRole("article", { name: `Confirmation of your complaint ${number}` })).toBeVisible();
  });

  test('exits in English: each leads to its page, and "I gave a wrong answer" returns to the question', async ({
    page,
  }) => {
    await walkAllExits(page, "en", true);
  });

  test("too early, in English", async ({ page }) => {
    const f = new IntakeForm(page, { lang: "en", axe: false });
    const { receivedOn, term } = receiptWithPlainTerm(10);
    await f.start();
    await f.answerCheck({ ...ELIGIBLE_START, receivedOn, answer: "none" });
    await f.at("uitkomst", "It is too early", true);
    await expect(page.getByRole("main")).toContainText(
      `Then you can come to us from ${longDate(addDays(term, 1), "en", true)}.`,
    );
  });

  test("postponed answer, in English: the new-date step and the outcome", async ({ page }) => {
    const f = new IntakeForm(page, { lang: "en", axe: false });
    const postponedUntil = addDays(today(), 21);
    await f.start();
    await f.answerCheck({ ...ELIGIBLE_START, receivedOn: daysAgo(30) });
    await f.at("antwoord", "Has the municipality responded to your complaint?");
    await f.choose("No, but the municipality said the answer will come later");
    await f.continue();
    await f.at("uitstel", "What new date did the municipality give?", true);
    await f.fillDate(postponedUntil);
    await f.continue();
    await f.at("uitkomst", "It is too early", true);
    await expect(page.getByRole("main")).toContainText(
      `The municipality said you will receive an answer by ${longDate(postponedUntil, "en", true)} at the latest.`,
    );
  });

  test("window expired, in English", async ({ page }) => {
    const f = new IntakeForm(page, { lang: "en", axe: false });
    await f.start();
    await f.answerCheck({ ...ELIGIBLE_START, receivedOn: daysAgo(450), answer: { answeredOn: daysAgo(400) } });
    await f.at("uitkomst", "The time limit for complaining has passed", true);
    await expect(page.getByRole("main")).toContainText(`Call us on ${OMBUDSMAN_PHONE}.`);
  });
});
