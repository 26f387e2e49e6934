import { z } from "zod";
import type { CommandScope } from "#app/dossiers/casework/command.server";
import type { LinkMail } from "#app/dossiers/casework/officer-mail.server";
import {
  decideConfidentiality,
  decideExtension,
  DECISION_REASON_MAX,
  QUESTIONS_MAX,
  sendRequest,
  type ExtensionDecision,
  type RequestInput,
} from "#app/dossiers/casework/request.server";
import { messagesFor, type Messages } from "#app/i18n/catalogue.server";
import { formatDate, interpolate } from "#app/i18n/format";
import { amsterdamDateOf, type IsoDate } from "#app/utils/calendar-date";
import { REQUEST_KINDS } from "#db/schema/index";
import { choice, documentIds, longText, text, UUID, type T } from "./fields.server";

/** The longest term a handler may set in one go, in weeks (half a year). */
export const MAX_TERM_WEEKS = 26;

type R = Messages["requests"];

export const sendRequestSchema = (t: T, r: R) =>
  z.object({
    intent: z.literal("send_request"),
    requestKind: choice(REQUEST_KINDS, r.kindRequired),
    questions: longText(t, QUESTIONS_MAX, r.questionsRequired),
    documentsWanted: longText(t, QUESTIONS_MAX, null),
    termWeeks: text()
      .pipe(z.string().regex(/^\d{1,2}$/, r.termInvalid))
      .transform(Number)
      .pipe(z.number().min(1, r.termInvalid).max(MAX_TERM_WEEKS, r.termInvalid)),
    pauseClock: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    sendDocuments: documentIds(t),
  });

const decisionFields = (t: T, r: R) => ({
  decision: choice(["granted", "refused"] as const, r.decisionRequired),
  decisionReason: longText(t, DECISION_REASON_MAX, null),
});

export const extensionDecisionSchema = (t: T, r: R) =>
  z.object({
    intent: z.literal("decide_extension"),
    extensionId: text().pipe(z.string().regex(UUID, t.documentGone)),
    ...decisionFields(t, r),
  });

export const confidentialityDecisionSchema = (t: T, r: R) =>
  z.object({
    intent: z.literal("decide_confidentiality"),
    attachmentId: text().pipe(z.string().regex(UUID, t.documentGone)),
    ...decisionFields(t, r),
  });

/** The officers' mails, in the portal's first language: a link and no personal data. */
const officerMail =
  (subject: "officerMailSubject" | "updateMailSubject", body: "officerMailText" | "updateMailText"): LinkMail =>
  (officer, link) => {
    const r = messagesFor("nl").requests;
    return { subject: r[subject], text: interpolate(r[body], { name: officer.name, link }) };
  };

const pauseExplanation = (sentOn: IsoDate) =>
  interpolate(messagesFor("nl").requests.pauseExplanation, { date: formatDate(sentOn, "nl") });

export const requestHandlers = {
  send_request: (
    scope: CommandScope,
    {
      sendDocuments,
      ...input
    }: Omit<RequestInput, "pause" | "attachmentIds"> & {
      pauseClock: boolean;
      sendDocuments: string[];
    },
  ) =>
    sendRequest(
      scope,
      {
        ...input,
        attachmentIds: sendDocuments,
        pause: input.pauseClock ? { explanation: pauseExplanation(amsterdamDateOf(scope.ctx.services.now())) } : null,
      },
      officerMail("officerMailSubject", "officerMailText"),
    ),
  decide_extension: (scope: CommandScope, input: ExtensionDecision) =>
    decideExtension(scope, input, officerMail("updateMailSubject", "updateMailText")),
  decide_confidentiality: decideConfidentiality,
};
