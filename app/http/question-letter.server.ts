import { OMBUDSMAN_PHONE } from "#app/config/contact";
import { statusPageUrl } from "#app/residents/paths";
import { contentDisposition } from "#app/dossiers/download";
import { messagesFor, type Locale } from "#app/i18n/catalogue.server";
import { dueExplanationLines } from "#app/i18n/due-explanation";
import { countMessage, formatDate, interpolate } from "#app/i18n/format";
import type { QuestionLetterFacts } from "#app/residents/questions.server";
import { audit, type AuditActor } from "#app/utils/audit.server";
import type { RequestContext } from "#app/utils/services.server";
import { taggedPdf, type PdfBlock, type TaggedPdfInput } from "#app/utils/tagged-pdf.server";

const LANGUAGE_TAGS: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

/** The resident's language, as their mails use it. */
export const letterLocale = (facts: Pick<QuestionLetterFacts, "dossier">): Locale =>
  facts.dossier.locale === "en" ? "en" : "nl";

const paragraphs = (text: string): PdfBlock[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ type: "P", text: p }));

/**
 * The letter with a handler's question, for a resident the handler writes to by post: sender and
 * addressee, date (the day it was asked, from which the term runs), dossier number and subject,
 * the question, the due date and why it is that date, the three ways to answer, and what may
 * happen without an answer. In the resident's language.
 */
export function questionLetter(
  facts: QuestionLetterFacts,
  { statusUrl, createdAt, postalAddress }: { statusUrl: string; createdAt: Date; postalAddress: readonly string[] },
): TaggedPdfInput {
  const locale = letterLocale(facts);
  const messages = messagesFor(locale);
  const t = messages.questionLetter;
  const { question, dossier, to } = facts;
  const number = dossier.number;
  const municipality = dossier.municipalityName;
  const due = formatDate(question.dueOn, locale, true);
  const explained = dueExplanationLines(question, messages.requests, locale);
  const postal = [t.sender, ...postalAddress];

  const blocks: PdfBlock[] = [
    { type: "P", text: [...postal, interpolate(t.senderPhone, { phone: OMBUDSMAN_PHONE })].join("\n") },
    { type: "P", text: [to.name, `${to.street} ${to.houseNumber}`, `${to.postcode} ${to.city}`].join("\n") },
    { type: "P", label: t.date, text: formatDate(question.sentOn, locale) },
    { type: "P", label: t.number, text: number },
    { type: "P", label: t.about, text: interpolate(t.aboutText, { municipality }) },

    { type: "H1", text: t.heading },
    { type: "P", text: interpolate(t.greeting, { name: to.name }) },
    { type: "P", text: interpolate(t.intro, { municipality }) },

    { type: "H2", text: t.questionHeading },
    ...paragraphs(question.questions),

    { type: "H2", text: t.dueHeading },
    { type: "P", text: interpolate(t.dueLine, { date: due }) },
    ...(explained.length > 0
      ? explained.map((text): PdfBlock => ({ type: "P", text }))
      : [{ type: "P", text: countMessage(question.termWeeks, t.termOne, t.termOther) } as const]),

    { type: "H2", text: t.answerHeading },
    { type: "P", text: interpolate(t.answerIntro, { number }) },
    {
      type: "L",
      items: [
        [{ text: interpolate(t.byPost, { address: postal.join(", ") }) }],
        [{ text: interpolate(t.byPhone, { phone: OMBUDSMAN_PHONE }) }],
        [{ text: interpolate(to.email ? t.online : t.onlineNoEmail, { url: statusUrl }) }],
      ],
    },

    { type: "H2", text: t.noAnswerHeading },
    { type: "P", text: t.noAnswer },
    { type: "P", text: interpolate(t.moreTime, { date: due, phone: OMBUDSMAN_PHONE }) },

    { type: "P", text: t.closing },
    { type: "P", text: interpolate(t.signature, { name: facts.askedBy }) },
  ];
  return {
    title: interpolate(t.title, { number }),
    lang: LANGUAGE_TAGS[locale],
    author: t.author,
    subject: interpolate(t.subject, { number }),
    createdAt,
    blocks,
    footer: (page, pages) => interpolate(t.footer, { number, page, pages }),
  };
}

/** The letter as a PDF download, after its audit row: no audit row, no letter. */
export async function questionLetterDownload(
  context: RequestContext,
  actor: AuditActor,
  facts: QuestionLetterFacts,
): Promise<Response> {
  const { db, env, now } = context.services;
  const letter = questionLetter(facts, {
    statusUrl: statusPageUrl(env.publicUrl, facts.dossier.number),
    createdAt: now(),
    postalAddress: env.postalAddress,
  });
  // A copy over a plain ArrayBuffer, as a Response body takes it.
  const pdf = (await taggedPdf(letter)).slice();
  await audit(db, context, actor, {
    action: "dossier.question_letter_downloaded",
    subjectType: "dossier",
    subjectId: facts.dossier.id,
    details: { number: facts.dossier.number, questionId: facts.question.id },
  });
  return new Response(pdf, {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(`brief-vraag-${facts.dossier.number}-${facts.question.sentOn}.pdf`),
      "Content-Length": String(pdf.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
