import { describe, expect, it } from "vitest";
import { OMBUDSMAN_PHONE } from "#app/config/contact";
import type { QuestionLetterFacts } from "#app/residents/questions.server";
import type { PdfBlock } from "#app/utils/tagged-pdf.server";
import { questionLetter } from "./question-letter.server";

type Question = QuestionLetterFacts["question"];
const facts = (over: { locale?: string; email?: string | null; question?: Partial<Question> } = {}) =>
  ({
    question: {
      id: "6f0c2f4e-9d1e-4a57-8f7a-0d6f4f3b9a11",
      questions: "Welke datum staat op de brief van de gemeente?\n\nWilt u ook een kopie meesturen?",
      // A Friday: two weeks later is New Year's Day, so the term runs to Monday.
      sentOn: "2026-12-18",
      termWeeks: 2,
      nominalDueOn: "2027-01-01",
      skippedDays: [
        { day: "2027-01-01", reason: "holiday", name: "Nieuwjaarsdag" },
        { day: "2027-01-02", reason: "saturday" },
        { day: "2027-01-03", reason: "sunday" },
      ],
      dueOn: "2027-01-04",
      status: "open",
      ...over.question,
    },
    dossier: {
      id: "0b7e3f52-1c9a-4b8e-9f43-5a2d7c1e8b60",
      number: "OMA-2026-00042",
      locale: over.locale ?? "nl",
      byRepresentative: false,
      municipalityName: "Zaanstad",
    },
    askedBy: "Sanne de Behandelaar",
    to: {
      name: "Piet Post",
      street: "Dorpsstraat",
      houseNumber: "12a",
      postcode: "1501 AB",
      city: "Zaandam",
      email: over.email ?? null,
    },
  }) as QuestionLetterFacts;

const OMBUDSMAN_POSTAL_ADDRESS = ["Postbus 202", "1000 AE Amsterdam"];
const context = {
  statusUrl: "https://klacht.example.test/mijn-klacht",
  createdAt: new Date("2026-12-18T10:00:00Z"),
  postalAddress: OMBUDSMAN_POSTAL_ADDRESS,
};
const textOf = (blocks: readonly PdfBlock[]) =>
  blocks
    .map((b) => (b.type === "L" ? b.items.map((i) => i.map((l) => l.text).join(" ")).join("\n") : b.text))
    .join("\n");

describe("the letter with a question to the resident", () => {
  it("in Dutch: sender, addressee, the facts, the question, the rolled due date, how to answer and what if not", () => {
    const letter = questionLetter(facts(), context);
    expect(letter).toMatchObject({ lang: "nl-NL", title: "Een vraag over uw klacht OMA-2026-00042" });
    expect(letter.footer(1, 2)).toBe("Ombudsman Metropool Amsterdam · dossier OMA-2026-00042 · pagina 1 van 2");
    const [sender, addressee, date, number, about] = letter.blocks;
    expect(sender).toEqual({
      type: "P",
      text: ["Ombudsman Metropool Amsterdam", ...OMBUDSMAN_POSTAL_ADDRESS, `Telefoon: ${OMBUDSMAN_PHONE}`].join("\n"),
    });
    expect(addressee).toEqual({ type: "P", text: "Piet Post\nDorpsstraat 12a\n1501 AB Zaandam" });
    expect(date).toEqual({ type: "P", label: "Datum", text: "18 december 2026" });
    expect(number).toEqual({ type: "P", label: "Dossiernummer", text: "OMA-2026-00042" });
    expect(about).toMatchObject({ label: "Onderwerp", text: expect.stringContaining("gemeente Zaanstad") });
    expect(letter.blocks.filter((b) => b.type === "H1")).toHaveLength(1);
    // The question's paragraphs stay paragraphs.
    expect(letter.blocks).toContainEqual({ type: "P", text: "Wilt u ook een kopie meesturen?" });

    const text = textOf(letter.blocks);
    expect(text).toContain("Beste Piet Post,");
    expect(text).toContain("Wilt u uiterlijk maandag 4 januari 2027 antwoorden?");
    expect(text).toContain(
      "2 weken na vrijdag 18 december 2026 is vrijdag 1 januari 2027. Dat is Nieuwjaarsdag, een zaterdag, een zondag, dus de termijn loopt tot en met maandag 4 januari 2027 (Algemene termijnenwet).",
    );
    expect(text).toContain(
      `Per post: stuur uw antwoord naar Ombudsman Metropool Amsterdam, ${OMBUDSMAN_POSTAL_ADDRESS.join(", ")}.`,
    );
    expect(text).toContain(`bel ons op werkdagen op ${OMBUDSMAN_PHONE}`);
    // Without an e-mail address the status page is out of reach by itself: the letter says so.
    expect(text).toContain("Wij hebben geen e-mailadres van u.");
    expect(text).toContain("https://klacht.example.test/mijn-klacht");
    expect(text).toContain("kan de ombudsman besluiten uw klacht niet verder te behandelen");
    expect(text).toContain("artikel 9:23, onder a");
    expect(text).toContain("Sanne de Behandelaar\nBehandelaar, Ombudsman Metropool Amsterdam");
  });

  it("in English for an English dossier, the plain term when nothing rolled, the status page with the e-mail on file", () => {
    const letter = questionLetter(
      facts({
        locale: "en",
        email: "piet@example.test",
        question: {
          sentOn: "2026-12-22",
          termWeeks: 1,
          nominalDueOn: "2026-12-29",
          skippedDays: [],
          dueOn: "2026-12-29",
        },
      }),
      context,
    );
    expect(letter).toMatchObject({ lang: "en-GB", title: "A question about your complaint OMA-2026-00042" });
    const text = textOf(letter.blocks);
    expect(text).toContain("Dear Piet Post,");
    expect(text).toContain("Please answer by Tuesday 29 December 2026.");
    expect(text).toContain("That is 1 week after the date of this letter.");
    expect(text).not.toContain("General Time Limits Act");
    expect(text).toContain("ask for a link with your case number and the email address you gave us");
    expect(text).toContain("article 9:23, under a");
    expect(text).not.toMatch(/\b(Beste|uiterlijk|dossier)\b/);
  });
});
