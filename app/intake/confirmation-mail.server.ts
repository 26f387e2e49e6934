import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate, interpolate, type Locale } from "#app/i18n/format";
import { OMBUDSMAN_PHONE } from "#app/config/contact";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The confirmation after submit: plain language, a text part for every mail client, and a simple HTML part. */
export function confirmationMail(
  locale: Locale,
  v: { name: string; number: string; municipality: string; submittedOn: string; contactDueOn: string },
): { subject: string; text: string; html: string } {
  const m = messagesFor(locale).intake.mail;
  const due = formatDate(v.contactDueOn, locale, true);
  const paragraphs = [
    interpolate(m.greeting, { name: v.name }),
    interpolate(m.received, {
      municipality: v.municipality,
      date: formatDate(v.submittedOn, locale),
      number: v.number,
    }),
    interpolate(m.next, { date: due }),
    interpolate(m.noContact, { date: due, phone: OMBUDSMAN_PHONE }),
    m.share,
    `${m.closing}\n${m.signature}`,
  ];
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(interpolate(m.subject, { number: v.number }))}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a2e;">',
    ...paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`),
    "</body></html>",
  ].join("\n");
  return { subject: interpolate(m.subject, { number: v.number }), text: paragraphs.join("\n\n") + "\n", html };
}
