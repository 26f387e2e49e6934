import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate, interpolate, type Locale } from "#app/i18n/format";
import { OMBUDSMAN_PHONE } from "#app/config/contact";
import type { ComplaintDetails } from "./journey";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

type Block = { heading: string } | { paragraph: string } | { list: string[] };

export type ConfirmationFacts = {
  name: string;
  number: string;
  municipality: string;
  submittedOn: string;
  contactDueOn: string;
  complaint: ComplaintDetails;
  /** The names of the files sent along; null when the complaint did not come through the form (staff intake). */
  attachments: readonly string[] | null;
  /**
   * For a representative: the name of the person the complaint was made for. Only the name: the
   * represented person's address never goes into a mail to someone else.
   */
  representedName?: string | null;
  /** The status page, where the resident asks for a link with the number and this address. */
  statusUrl: string;
};

/**
 * The confirmation after submit: plain language, a text part for every mail client, and a simple
 * HTML part. It repeats what was sent, so the resident keeps a copy of their own complaint.
 */
export function confirmationMail(
  locale: Locale,
  v: ConfirmationFacts,
): { subject: string; text: string; html: string } {
  const m = messagesFor(locale).intake.mail;
  const due = formatDate(v.contactDueOn, locale, true);
  const c = v.complaint;
  const blocks: Block[] = [
    { paragraph: interpolate(m.greeting, { name: v.name }) },
    {
      paragraph: interpolate(m.received, {
        municipality: v.municipality,
        date: formatDate(v.submittedOn, locale),
        number: v.number,
      }),
    },
    ...(v.representedName ? [{ paragraph: interpolate(m.onBehalfOf, { name: v.representedName }) }] : []),
    { paragraph: interpolate(m.next, { date: due }) },
    { paragraph: interpolate(m.noContact, { date: due, phone: OMBUDSMAN_PHONE }) },
    { heading: m.complaintHeading },
    { paragraph: c.text },
    {
      list: [
        `${m.place}: ${c.place}`,
        `${m.date}: ${formatDate(c.date, locale)}`,
        ...(c.people ? [`${m.people}: ${c.people}`] : []),
        ...(c.desiredOutcome ? [`${m.desiredOutcome}: ${c.desiredOutcome}`] : []),
      ],
    },
    ...(v.attachments
      ? [
          { heading: m.attachmentsHeading },
          v.attachments.length > 0 ? { list: [...v.attachments] } : { paragraph: m.noAttachments },
        ]
      : []),
    { paragraph: m.share },
    { paragraph: interpolate(m.follow, { url: v.statusUrl }) },
    { paragraph: `${m.closing}\n${m.signature}` },
  ];
  const text = blocks
    .map((b) => ("heading" in b ? b.heading : "paragraph" in b ? b.paragraph : b.list.map((i) => `- ${i}`).join("\n")))
    .join("\n\n");
  const subject = interpolate(m.subject, { number: v.number });
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a2e;">',
    ...blocks.map((b) =>
      "heading" in b
        ? `<h2 style="font-size: 18px;">${escapeHtml(b.heading)}</h2>`
        : "paragraph" in b
          ? `<p>${escapeHtml(b.paragraph).replace(/\n/g, "<br>")}</p>`
          : `<ul>${b.list.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`,
    ),
    "</body></html>",
  ].join("\n");
  return { subject, text: text + "\n", html };
}
