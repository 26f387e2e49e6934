import { z } from "zod";
import type { CommandResult, CommandScope } from "#app/dossiers/casework/command.server";
import { approvalHandlers, closingLetterSchema, decideApprovalSchema, reopenSchema } from "./action.approval.server";
import { assignHandlers, assignSchema } from "./action.assign.server";
import { clockHandlers, pauseSchema, resumeSchema } from "./action.clock.server";
import { contactHandlers, contactSchema } from "./action.contact.server";
import { addDocumentSchema, documentHandlers, visibilitySchema } from "./action.document.server";
import { mailHandlers, mailSchema } from "./action.mail.server";
import { linkHandlers, linkSchema, unlinkSchema } from "./action.link.server";
import { followUpDoneSchema, followUpHandlers, followUpSchema } from "./action.follow-up.server";
import { newsHandlers, newsSeenSchema } from "./action.news.server";
import { residentShareHandlers, residentShareSchema } from "./action.resident-share.server";
import { noteHandlers, noteSchema } from "./action.note.server";
import { shareHandlers, shareSchema } from "./action.share.server";
import { statusHandlers, statusSchema } from "./action.status.server";
import type { Messages } from "#app/i18n/catalogue.server";
import {
  confidentialityDecisionSchema,
  extensionDecisionSchema,
  requestHandlers,
  sendRequestSchema,
} from "./action.request.server";
import type { Intent } from "./intents";
import { askResidentSchema, questionHandlers, registerAnswerSchema } from "./action.question.server";

/** Every form of the dossier page, told apart by its `intent`: one schema, one member per action. */
export function postedForm(messages: Messages) {
  const t = messages.casework;
  return z.discriminatedUnion("intent", [
    assignSchema(t),
    contactSchema(t),
    statusSchema(t),
    noteSchema(t),
    addDocumentSchema(),
    visibilitySchema(t),
    pauseSchema(t),
    resumeSchema(t),
    mailSchema(t),
    shareSchema(t),
    sendRequestSchema(t, messages.requests),
    extensionDecisionSchema(t, messages.requests),
    confidentialityDecisionSchema(t, messages.requests),
    askResidentSchema(t, messages.resident),
    registerAnswerSchema(t, messages.resident),
    newsSeenSchema(),
    residentShareSchema(t),
    linkSchema(t),
    unlinkSchema(t),
    followUpSchema(t),
    followUpDoneSchema(t),
    decideApprovalSchema(t, messages.approvals),
    reopenSchema(t, messages.approvals),
    closingLetterSchema(t),
  ]);
}

export type PostedForm = z.infer<ReturnType<typeof postedForm>>;

type Handlers = {
  [I in Intent]: (scope: CommandScope, input: Extract<PostedForm, { intent: I }>) => Promise<CommandResult>;
};

/** One handler per intent, each checked against its own member of the union. */
const HANDLERS: Handlers = {
  ...assignHandlers,
  ...contactHandlers,
  ...statusHandlers,
  ...noteHandlers,
  ...documentHandlers,
  ...clockHandlers,
  ...mailHandlers,
  ...shareHandlers,
  ...requestHandlers,
  ...questionHandlers,
  ...newsHandlers,
  ...residentShareHandlers,
  ...linkHandlers,
  ...followUpHandlers,
  ...approvalHandlers,
};

/** Runs the command the form asks for. */
export function runPosted(scope: CommandScope, posted: PostedForm): Promise<CommandResult & { awaiting?: "approval" }> {
  // TypeScript cannot follow the pairing of `posted.intent` and `posted` through the lookup; `Handlers` checked it.
  const handler = HANDLERS[posted.intent] as (scope: CommandScope, input: PostedForm) => Promise<CommandResult>;
  return handler(scope, posted);
}
