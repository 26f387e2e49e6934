import { z } from "zod";
import type { CommandScope } from "#app/dossiers/casework/command.server";
import { askResident, QUESTION_MAX, registerAnswer } from "#app/dossiers/casework/question.server";
import { messagesFor, type Messages } from "#app/i18n/catalogue.server";
import { formatDate, interpolate } from "#app/i18n/format";
import { ANSWER_MAX } from "#app/residents/questions.server";
import { amsterdamDateOf } from "#app/utils/calendar-date";
import { MAX_TERM_WEEKS } from "./action.request.server";
import { longText, text, UUID, type T } from "./fields.server";

type R = Messages["resident"];

export const askResidentSchema = (t: T, r: R) =>
  z.object({
    intent: z.literal("ask_resident"),
    residentQuestions: longText(t, QUESTION_MAX, r.questionRequired),
    questionTermWeeks: text()
      .pipe(z.string().regex(/^\d{1,2}$/, r.questionTermInvalid))
      .transform(Number)
      .pipe(z.number().min(1, r.questionTermInvalid).max(MAX_TERM_WEEKS, r.questionTermInvalid)),
    questionPause: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  });

export const registerAnswerSchema = (t: T, r: R) =>
  z.object({
    intent: z.literal("register_answer"),
    questionId: text().pipe(z.string().regex(UUID, t.documentGone)),
    questionAnswer: longText(t, ANSWER_MAX, r.answerRequired),
  });

export const questionHandlers = {
  ask_resident: (
    scope: CommandScope,
    input: { residentQuestions: string; questionTermWeeks: number; questionPause: boolean },
  ) => {
    const today = amsterdamDateOf(scope.ctx.services.now());
    const explanation = interpolate(messagesFor("nl").resident.questionPauseExplanation, {
      date: formatDate(today, "nl"),
    });
    return askResident(scope, {
      questions: input.residentQuestions,
      termWeeks: input.questionTermWeeks,
      pause: input.questionPause ? { explanation } : null,
    });
  },
  register_answer: (scope: CommandScope, input: { questionId: string; questionAnswer: string }) =>
    registerAnswer(scope, { questionId: input.questionId, answerText: input.questionAnswer }),
};
