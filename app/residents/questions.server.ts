import { and, eq } from "drizzle-orm";
import { backOfficeScope, type Actor } from "#app/dossiers/scope.server";
import { endRunningPause, runningPause } from "#app/dossiers/casework/clock.server";
import { closed, issue, OK, type CommandRun, type LockScope } from "#app/dossiers/casework/command.server";
import { mailAssignee, type LinkMail } from "#app/dossiers/casework/officer-mail.server";
import { dossierPageLink } from "#app/dossiers/casework/request.server";
import { UUID } from "#app/dossiers/scope.server";
import type { Queryable } from "#db/client";
import { DOSSIER_NUMBER } from "#db/dossier-numbers";
import { dossierParties, dossiers, municipalities, residentQuestions, users } from "#db/schema/index";
import { markResidentNews, runResidentCommand, type ResidentCommandScope } from "./command.server";

/**
 * The answer to a handler's question (reactieverzoek): given by the resident on the status page,
 * or registered by the handler when it came by post or phone. Either way the question closes with
 * the day it was answered, the clock pause it caused (and only that one) ends, and it is recorded.
 */

export const ANSWER_MAX = 5000;

/** The open question of this dossier with this id, locked; or why it cannot take an answer. */
async function openQuestion(run: CommandRun<LockScope>, questionId: string) {
  if (!UUID.test(questionId)) return { refusal: issue("questionAnswer", "question-gone") } as const;
  const [question] = await run.tx
    .select()
    .from(residentQuestions)
    .where(and(eq(residentQuestions.id, questionId), eq(residentQuestions.dossierId, run.dossier.id)))
    .for("update");
  if (!question) return { refusal: issue("questionAnswer", "question-gone") } as const;
  if (run.dossier.status === "closed") return { refusal: closed("questionAnswer") } as const;
  if (question.status !== "open") return { refusal: issue("questionAnswer", "question-answered") } as const;
  return { question } as const;
}

/** Closes the question with its answer; `registeredBy` is the handler who typed in an answer from a letter. */
export async function closeQuestion(
  run: CommandRun<LockScope>,
  input: { questionId: string; answerText: string },
  registeredBy: string | null,
) {
  const found = await openQuestion(run, input.questionId);
  if (found.refusal) return found.refusal;
  if (input.answerText === "") return issue("questionAnswer", "text-required");
  const { question } = found;
  await run.tx
    .update(residentQuestions)
    .set({
      status: "answered",
      answerText: input.answerText,
      answeredAt: run.now,
      answeredOn: run.today,
      registeredBy,
    })
    .where(eq(residentQuestions.id, question.id));
  if (question.pauseId && (await runningPause(run))?.id === question.pauseId)
    await endRunningPause(run, run.today, "answered");
  const facts = {
    questionId: question.id,
    dueOn: question.dueOn,
    answeredOn: run.today,
    onTime: run.today <= question.dueOn,
    by: registeredBy ? "handler" : "resident",
  };
  await run.record("question_answered", facts, facts);
  return OK;
}

/** The resident answers on the status page; the handler hears of it by a link. */
export function answerQuestion(
  scope: ResidentCommandScope,
  input: { questionId: string; answerText: string },
  words: LinkMail,
) {
  const { services } = scope.ctx;
  return runResidentCommand(scope, async (run) => {
    const result = await closeQuestion(run, input, null);
    if (!result.ok) return result;
    await markResidentNews(run);
    await mailAssignee(run.tx, run.dossier, {
      kind: "resident_update",
      link: dossierPageLink(services.env.publicUrl, run.dossier.number, "vragen"),
      words,
      subjectType: "resident_question",
      subjectId: input.questionId,
    });
    return OK;
  });
}

/** A question with its term, as the page and the letter show it. */
const questionTerm = {
  id: residentQuestions.id,
  questions: residentQuestions.questions,
  sentOn: residentQuestions.sentOn,
  termWeeks: residentQuestions.termWeeks,
  nominalDueOn: residentQuestions.nominalDueOn,
  skippedDays: residentQuestions.skippedDays,
  dueOn: residentQuestions.dueOn,
  status: residentQuestions.status,
};

/** The questions of a dossier, newest first (the caller has checked the reader may see the dossier). */
export function questionsOf(db: Queryable, dossierId: string) {
  return db
    .select({
      ...questionTerm,
      answerText: residentQuestions.answerText,
      answeredOn: residentQuestions.answeredOn,
      registered: residentQuestions.registeredBy,
    })
    .from(residentQuestions)
    .where(eq(residentQuestions.dossierId, dossierId))
    .orderBy(residentQuestions.sentAt);
}

export type QuestionView = Awaited<ReturnType<typeof questionsOf>>[number];

export type QuestionLetterFacts = NonNullable<Awaited<ReturnType<typeof questionLetterFor>>>;

/**
 * What the letter with one question says (the question, its term, the dossier, who asked it and
 * to whom it goes: the party the dossier reaches, as for mail), found only through the dossier
 * number it belongs to and under the back office's scope; null when absent or not for this actor.
 */
export async function questionLetterFor(
  db: Queryable,
  { number, questionId, actor }: { number: string; questionId: string; actor: Actor },
) {
  if (!DOSSIER_NUMBER.test(number) || !UUID.test(questionId)) return null;
  const scope = backOfficeScope(actor);
  const [row] = await db
    .select({
      question: questionTerm,
      dossier: {
        id: dossiers.id,
        number: dossiers.number,
        locale: dossiers.locale,
        byRepresentative: dossiers.byRepresentative,
        municipalityName: municipalities.name,
      },
      askedBy: users.name,
    })
    .from(residentQuestions)
    .innerJoin(dossiers, eq(dossiers.id, residentQuestions.dossierId))
    .innerJoin(municipalities, eq(municipalities.id, dossiers.municipalityId))
    .innerJoin(users, eq(users.id, residentQuestions.sentBy))
    .where(
      and(
        eq(dossiers.number, number),
        eq(residentQuestions.id, questionId),
        scope.dossiers,
        scope.worksheet(residentQuestions.dossierId),
      ),
    );
  if (!row) return null;
  const [to] = await db
    .select({
      name: dossierParties.name,
      street: dossierParties.street,
      houseNumber: dossierParties.houseNumber,
      postcode: dossierParties.postcode,
      city: dossierParties.city,
      email: dossierParties.email,
    })
    .from(dossierParties)
    .where(
      and(
        eq(dossierParties.dossierId, row.dossier.id),
        eq(dossierParties.role, row.dossier.byRepresentative ? "representative" : "complainant"),
        scope.caseFile(dossierParties.dossierId),
      ),
    );
  return to ? { ...row, to } : null;
}
