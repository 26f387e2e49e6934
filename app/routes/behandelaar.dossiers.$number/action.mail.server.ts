import { z } from "zod";
import {
  MAIL_BODY_MAX,
  MAIL_TEMPLATES,
  sendMail,
  SUBJECT_MAX,
  type MailValues,
} from "#app/dossiers/casework/mail.server";
import { interpolate } from "#app/i18n/i18n";
import { longText, type T } from "./fields.server";

export const mailSchema = (t: T) =>
  z.object({
    intent: z.literal("send_mail"),
    mailTemplate: z.preprocess((v) => (v === "" ? undefined : v), z.enum(MAIL_TEMPLATES).optional()).catch(undefined),
    mailSubject: longText(t, SUBJECT_MAX, t.mailSubjectRequired).transform((v) => v.replace(/\s+/g, " ")),
    mailBody: longText(t, MAIL_BODY_MAX, t.mailBodyRequired),
    mailCountsAsContact: z
      .literal("on")
      .optional()
      .catch(undefined)
      .transform((v) => v === "on"),
  });

export const mailHandlers = { send_mail: sendMail };

/** A standard text in the resident's language, placeholders filled. */
export function standardText(
  text: { subject: string; body: string },
  values: MailValues,
): { subject: string; body: string } {
  return { subject: interpolate(text.subject, values), body: interpolate(text.body, values) };
}
