import type { Messages } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/format";
import type { Dossier } from "#db/schema/index";
import type { MailValues } from "#app/dossiers/casework/mail.server";

/**
 * The closing letter's standard text for the dossier's outcome (app/i18n/sections/closingLetter.ts),
 * placeholders filled: the mail's subject and body, and the same paragraphs for the PDF.
 */
export function closingLetterText(
  messages: Messages,
  dossier: Pick<Dossier, "outcome" | "outcomeDetail">,
  values: MailValues,
): { subject: string; paragraphs: string[]; body: string } {
  const t = messages.closingLetter;
  const tc = messages.casework;
  const outcome = (dossier.outcome ?? "") as keyof typeof t.outcomes;
  const detail = dossier.outcomeDetail ?? "";
  const detailLabel =
    (tc.findings as Record<string, string>)[detail] ?? (tc.reasons as Record<string, string>)[detail] ?? detail;
  const all = { ...values, uitkomst: detailLabel };
  const fill = (text: string) => interpolate(text, all);
  const paragraphs = [
    fill(t.greeting),
    fill(t.intro),
    ...(t.outcomes[outcome] ? [fill(t.outcomes[outcome])] : []),
    fill(t.disagree),
    `${t.closing}\n\n${fill(t.signature)}`,
  ];
  return { subject: fill(t.subject), paragraphs, body: paragraphs.join("\n\n") };
}
