import { and, eq } from "drizzle-orm";
import { closingLetterText } from "#app/mail/closing-letter.server";
import { mailValues, type MailValues } from "#app/dossiers/casework/mail.server";
import { contentDisposition } from "#app/dossiers/download";
import { backOfficeScope, type UserActor } from "#app/dossiers/scope.server";
import { messagesFor, type Locale } from "#app/i18n/catalogue.server";
import { formatDate, interpolate } from "#app/i18n/format";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { audit } from "#app/utils/audit.server";
import type { RequestContext } from "#app/utils/services.server";
import { taggedPdf, type PdfBlock, type TaggedPdfInput } from "#app/utils/tagged-pdf.server";
import { dossierParties, dossiers, municipalities } from "#db/schema/index";

const LANGUAGE_TAGS: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

type Facts = {
  dossier: { id: string; number: string; outcome: string | null; outcomeDetail: string | null; locale: string };
  municipalityName: string;
  to: { name: string; street: string; houseNumber: string; postcode: string; city: string };
  values: MailValues;
  closedOn: string;
};

/** A closed dossier in the actor's back-office scope, with the addressee (representative or complainant). */
export async function closingLetterFor(
  context: RequestContext,
  { number, actor }: { number: string; actor: UserActor & { name: string } },
): Promise<Facts | null> {
  const { db } = context.services;
  const [dossier] = await db
    .select({ dossier: dossiers, municipalityName: municipalities.name })
    .from(dossiers)
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .where(and(eq(dossiers.number, number), eq(dossiers.status, "closed"), backOfficeScope(actor).dossiers));
  const d = dossier?.dossier;
  if (!dossier || !d?.closedAt) return null;
  const closedAt = d.closedAt;
  const [to] = await db
    .select()
    .from(dossierParties)
    .where(
      and(
        eq(dossierParties.dossierId, d.id),
        eq(dossierParties.role, d.byRepresentative ? "representative" : "complainant"),
        backOfficeScope(actor).caseFile(dossierParties.dossierId),
      ),
    );
  if (!to) return null;
  const { values } = await mailValues(db, d, actor);
  return { dossier: d, municipalityName: dossier.municipalityName, to, values, closedOn: amsterdamDateOf(closedAt) };
}

/** The closing letter for the post: sender, addressee, date, number and subject, then the standard text. */
export function closingLetter(
  facts: Facts,
  { createdAt, postalAddress }: { createdAt: Date; postalAddress: readonly string[] },
): TaggedPdfInput {
  const locale: Locale = facts.dossier.locale === "en" ? "en" : "nl";
  const messages = messagesFor(locale);
  const t = messages.closingLetter;
  const number = facts.dossier.number;
  const { to } = facts;
  const text = closingLetterText(messages, facts.dossier, facts.values);
  const blocks: PdfBlock[] = [
    { type: "P", text: [t.sender, ...postalAddress].join("\n") },
    { type: "P", text: [to.name, `${to.street} ${to.houseNumber}`, `${to.postcode} ${to.city}`].join("\n") },
    { type: "P", label: t.date, text: formatDate(amsterdamDateOf(createdAt), locale) },
    { type: "P", label: t.number, text: number },
    { type: "P", label: t.about, text: interpolate(t.aboutText, { municipality: facts.municipalityName }) },
    { type: "H1", text: t.heading },
    ...text.paragraphs.map((p): PdfBlock => ({ type: "P", text: p })),
  ];
  return {
    title: interpolate(t.title, { dossiernummer: number }),
    lang: LANGUAGE_TAGS[locale],
    author: t.author,
    subject: interpolate(t.pdfSubject, { dossiernummer: number }),
    createdAt,
    blocks,
    footer: (page, pages) => interpolate(t.footer, { dossiernummer: number, page, pages }),
  };
}

/** The letter as a PDF download, after its audit row. */
export async function closingLetterDownload(context: RequestContext, actor: UserActor, facts: Facts) {
  const { db, env, now } = context.services;
  const pdf = (await taggedPdf(closingLetter(facts, { createdAt: now(), postalAddress: env.postalAddress }))).slice();
  await audit(db, context, actor, {
    action: "dossier.closing_letter_downloaded",
    subjectType: "dossier",
    subjectId: facts.dossier.id,
    details: { number: facts.dossier.number },
  });
  return new Response(pdf, {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(`afsluitbrief-${facts.dossier.number}.pdf`),
      "Content-Length": String(pdf.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
