import { z } from "zod";
import { APPROVAL_REASON_MAX, decideOnApproval } from "#app/dossiers/casework/approval.server";
import { sendClosingLetter, MAIL_BODY_MAX, SUBJECT_MAX } from "#app/dossiers/casework/mail.server";
import { reopenDossier, REOPEN_REASON_MAX } from "#app/dossiers/casework/reopen.server";
import type { CommandScope } from "#app/dossiers/casework/command.server";
import type { LinkMail } from "#app/dossiers/casework/officer-mail.server";
import { messagesFor, type Messages } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/i18n";
import { choice, longText, text, type T } from "./fields.server";

/** Four eyes and after closing: a coordinator's decision, reopening, the closing letter by mail. */

export const decideApprovalSchema = (t: T, ta: Messages["approvals"]) =>
  z.object({
    intent: z.literal("decide_approval"),
    approvalId: text(),
    decision: choice(["approve", "send_back"] as const, ta.decisionRequired),
    approvalReason: longText(t, APPROVAL_REASON_MAX, null),
  });

export const reopenSchema = (t: T, ta: Messages["approvals"]) =>
  z.object({ intent: z.literal("reopen"), reopenReason: longText(t, REOPEN_REASON_MAX, ta.reopenReasonRequired) });

export const closingLetterSchema = (t: T) =>
  z.object({
    intent: z.literal("send_closing_letter"),
    mailSubject: longText(t, SUBJECT_MAX, t.mailSubjectRequired).transform((v) => v.replace(/\s+/g, " ")),
    mailBody: longText(t, MAIL_BODY_MAX, t.mailBodyRequired),
  });

/** The handler's mail when a coordinator sent their proposal back: a link, in Dutch as all staff mail. */
const sentBackMail: LinkMail = (to, link) => {
  const t = messagesFor("nl").approvals;
  return { subject: t.sentBackMailSubject, text: interpolate(t.sentBackMailText, { name: to.name, link }) };
};

export const approvalHandlers = {
  decide_approval: (scope: CommandScope, input: Parameters<typeof decideOnApproval>[1]) =>
    decideOnApproval(scope, input, sentBackMail),
  reopen: reopenDossier,
  send_closing_letter: sendClosingLetter,
};
