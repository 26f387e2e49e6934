import type { Digest, DigestItem, DigestRenderer } from "#app/dossiers/digest.server";
import { daysUntil } from "#app/dossiers/deadlines";
import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate, interpolate } from "#app/i18n/format";
import { relativeDays } from "#app/i18n/relative-days";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The digest in plain text and simple HTML; `items` sorted by deadline, `total` counts the ones not listed too. */
export function digestMail(
  { name, items, total, followUps, approvals, today, publicUrl }: Digest,
  locale: "nl" | "en" = "nl",
): ReturnType<DigestRenderer> {
  const t = messagesFor(locale).overview.digest;
  const linkTo = (number: string) => `${publicUrl}/behandelaar/dossiers/${encodeURIComponent(number)}`;
  const queueUrl = `${publicUrl}/behandelaar?weergave=mine`;
  const describe = (item: DigestItem) => {
    const days = daysUntil(item.dueOn, today);
    const due = interpolate(item.kind === "contact" ? t.contactDue : t.handlingDue, {
      date: formatDate(item.dueOn, locale, true),
    });
    return {
      days,
      line: `${item.number}, ${item.complainant}`,
      due: `${due} (${relativeDays(t, days)})`,
      url: linkTo(item.number),
    };
  };
  const described = items.map(describe);
  const groups = [
    { heading: t.overdueHeading, rows: described.filter((d) => d.days < 0) },
    { heading: t.soonHeading, rows: described.filter((d) => d.days >= 0) },
    {
      heading: t.followUpHeading,
      rows: followUps.map((f) => ({
        days: 0,
        line: `${f.number}: ${f.note}`,
        due: interpolate(t.followUpOn, { date: formatDate(f.dueOn, locale, true) }),
        url: linkTo(f.number),
      })),
    },
  ].filter((g) => g.rows.length > 0);
  const more = total - items.length;
  const date = formatDate(today, locale, true);
  const approvalsUrl = `${publicUrl}/behandelaar/goedkeuringen`;
  const approvalsLine =
    approvals === 0 ? null : interpolate(approvals === 1 ? t.approvalsOne : t.approvalsMany, { count: approvals });
  const subject =
    total === 0 && followUps.length === 0
      ? interpolate(approvals === 1 ? t.subjectApprovalsOne : t.subjectApprovalsMany, { date, count: approvals })
      : total === 0
        ? interpolate(t.subjectFollowUps, { date, count: followUps.length })
        : total === 1
          ? interpolate(t.subjectOne, { date })
          : interpolate(t.subjectMany, { date, count: total });

  const text = [
    interpolate(t.greeting, { name }),
    t.intro,
    ...groups.map((g) => [g.heading, ...g.rows.map((r) => `- ${r.line}\n  ${r.due}\n  ${r.url}`)].join("\n\n")),
    ...(more > 0 ? [interpolate(t.more, { count: more })] : []),
    ...(approvalsLine ? [`${approvalsLine}\n${approvalsUrl}`] : []),
    interpolate(t.queue, { url: queueUrl }),
    t.footer,
  ].join("\n\n");

  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a2e;">',
    `<p>${escapeHtml(interpolate(t.greeting, { name }))}</p>`,
    `<p>${escapeHtml(t.intro)}</p>`,
    ...groups.flatMap((g) => [
      `<h2 style="font-size: 18px;">${escapeHtml(g.heading)}</h2>`,
      "<ul>",
      ...g.rows.map((r) => `<li><a href="${escapeHtml(r.url)}">${escapeHtml(r.line)}</a><br>${escapeHtml(r.due)}</li>`),
      "</ul>",
    ]),
    ...(more > 0 ? [`<p>${escapeHtml(interpolate(t.more, { count: more }))}</p>`] : []),
    ...(approvalsLine ? [`<p><a href="${escapeHtml(approvalsUrl)}">${escapeHtml(approvalsLine)}</a></p>`] : []),
    `<p><a href="${escapeHtml(queueUrl)}">${escapeHtml(interpolate(t.queue, { url: queueUrl }))}</a></p>`,
    `<p style="color: #4a5560;">${escapeHtml(t.footer)}</p>`,
    "</body></html>",
  ].join("\n");

  return { subject, text: `${text}\n`, html };
}
