import { and, eq } from "drizzle-orm";
import { holidayTable } from "#app/intake/reference.server";
import { closeQuestion } from "#app/residents/questions.server";
import { mailResidentUpdate } from "#app/residents/update-mail.server";
import { residentQuestions } from "#db/schema/index";
import { explainRequestDueOn } from "../deadlines";
import { runningPause, startPause } from "./clock.server";
import { closed, issue, OK, runCommand, type CommandScope } from "./command.server";

/**
 * The handler asks the resident what is missing (reactieverzoek, Awb 9:28(3)) with a term: the
 * due date is the term from today rolled to a working day (Algemene termijnenwet), the clock may
 * stand still with the question as its reason, and the resident gets it by mail with the status
 * page (a resident without e-mail by post: the handler sends it and registers the answer).
 */

export const QUESTION_MAX = 5000;
/** The default term of a question to the resident, in weeks. */
export const QUESTION_TERM_WEEKS = 2;

export type QuestionInput = {
  questions: string;
  termWeeks: number;
  /** Set: the handling clock stands still until the answer, with this explanation. */
  pause: { explanation: string } | null;
};

export async function askResident(scope: CommandScope, input: QuestionInput) {
  const holidays = await holidayTable(scope.ctx.services.db);
  return runCommand(scope, async (run) => {
    const { tx, dossier, today } = run;
    if (dossier.status === "closed") return closed("residentQuestions");
    const [open] = await tx
      .select({ id: residentQuestions.id })
      .from(residentQuestions)
      .where(and(eq(residentQuestions.dossierId, dossier.id), eq(residentQuestions.status, "open")))
      .limit(1);
    if (open) return issue("residentQuestions", "question-open");
    if (input.pause && (await runningPause(run))) return issue("questionPause", "pause-running");
    const due = explainRequestDueOn(today, { weeks: input.termWeeks }, holidays);
    const [question] = await tx
      .insert(residentQuestions)
      .values({
        dossierId: dossier.id,
        questions: input.questions,
        sentAt: run.now,
        sentOn: today,
        termWeeks: input.termWeeks,
        nominalDueOn: due.nominal,
        skippedDays: due.skipped,
        dueOn: due.deadline,
        sentBy: scope.actor.id,
      })
      .returning({ id: residentQuestions.id });
    if (!question) throw new Error("question insert returned nothing");
    if (input.pause) {
      const pauseId = await startPause(run, {
        pauseReason: "waiting_for_resident",
        pauseExplanation: input.pause.explanation,
        pauseStart: today,
      });
      await tx.update(residentQuestions).set({ pauseId }).where(eq(residentQuestions.id, question.id));
    }
    const mailed = await mailResidentUpdate(run, { code: "question", questions: input.questions, dueOn: due.deadline });
    const facts = {
      questionId: question.id,
      termWeeks: input.termWeeks,
      dueOn: due.deadline,
      paused: input.pause !== null,
      channel: mailed ? "email" : "post",
    };
    await run.record("question_sent", facts, facts);
    return OK;
  });
}

/** An answer that came by post or phone, typed in by the handler. */
export function registerAnswer(scope: CommandScope, input: { questionId: string; answerText: string }) {
  return runCommand(scope, (run) => closeQuestion(run, input, scope.actor.id));
}
