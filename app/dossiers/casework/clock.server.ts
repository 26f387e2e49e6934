import { and, desc, eq, isNull } from "drizzle-orm";
import { amsterdamDateOf, type IsoDate } from "#app/utils/calendar-date";
import { dossierPauses, dossiers, type pauseReason } from "#db/schema/index";
import { pauseDays, pausedHandlingTarget } from "../deadlines";
import {
  closed,
  issue,
  OK,
  pastDateIssue,
  runCommand,
  type CommandRun,
  type CommandScope,
  type LockScope,
} from "./command.server";

export type PauseInput = {
  pauseReason: (typeof pauseReason.enumValues)[number];
  pauseExplanation: string;
  pauseStart: IsoDate;
};
export type ResumeInput = { resumeEnd: IsoDate };

/** The handling target with every pause of the dossier, the running one counted up to today. */
async function handlingTargetOf(run: CommandRun<LockScope>): Promise<IsoDate> {
  const pauses = await run.tx
    .select({ startedOn: dossierPauses.startedOn, endedOn: dossierPauses.endedOn })
    .from(dossierPauses)
    .where(eq(dossierPauses.dossierId, run.dossier.id));
  const weeks = run.scope.ctx.services.env.handlingTargetWeeks;
  return pausedHandlingTarget(amsterdamDateOf(run.dossier.submittedAt), weeks, pauses, run.today).target;
}

export async function runningPause(run: CommandRun<LockScope>) {
  const [pause] = await run.tx
    .select()
    .from(dossierPauses)
    .where(and(eq(dossierPauses.dossierId, run.dossier.id), isNull(dossierPauses.endedOn)));
  return pause ?? null;
}

async function storeHandlingTarget(run: CommandRun<LockScope>): Promise<IsoDate> {
  const handlingDueOn = await handlingTargetOf(run);
  await run.tx.update(dossiers).set({ handlingDueOn }).where(eq(dossiers.id, run.dossier.id));
  return handlingDueOn;
}

/** Ends the running pause (if any) on `endedOn`, stores the new target and records it. */
export async function endRunningPause(
  run: CommandRun<LockScope>,
  endedOn: IsoDate,
  trigger: "resumed" | "closed" | "answered",
) {
  const pause = await runningPause(run);
  if (!pause) return null;
  const end = endedOn < pause.startedOn ? pause.startedOn : endedOn;
  await run.tx.update(dossierPauses).set({ endedOn: end }).where(eq(dossierPauses.id, pause.id));
  const handlingDueOn = await storeHandlingTarget(run);
  const days = pauseDays({ startedOn: pause.startedOn, endedOn: end }, run.today);
  const facts = {
    pauseId: pause.id,
    reason: pause.reason,
    startedOn: pause.startedOn,
    endedOn: end,
    days,
    handlingDueOn,
    trigger,
  };
  await run.record("clock_resumed", facts, facts);
  return { handlingDueOn };
}

/** Stops the clock (MOJ stop-the-clock); only one pause runs at a time and a closed dossier has no clock. */
export function pauseClock(scope: CommandScope, input: PauseInput) {
  return runCommand(scope, async (run) => {
    const { tx, dossier } = run;
    if (dossier.status === "closed") return closed("pauseReason");
    if (await runningPause(run)) return issue("pauseReason", "pause-running");
    const dateIssue = pastDateIssue(run, "pauseStart", input.pauseStart);
    if (dateIssue) return dateIssue;
    const [last] = await tx
      .select({ endedOn: dossierPauses.endedOn })
      .from(dossierPauses)
      .where(eq(dossierPauses.dossierId, dossier.id))
      .orderBy(desc(dossierPauses.endedOn))
      .limit(1);
    if (last?.endedOn && input.pauseStart < last.endedOn)
      return issue("pauseStart", "pause-overlaps", { date: last.endedOn });
    await startPause(run, input);
    return OK;
  });
}

/** Inserts a pause (the caller checked none runs), stores the moved target and records it. */
export async function startPause(run: CommandRun, input: PauseInput): Promise<string> {
  const [pause] = await run.tx
    .insert(dossierPauses)
    .values({
      dossierId: run.dossier.id,
      reason: input.pauseReason,
      explanation: input.pauseExplanation,
      startedOn: input.pauseStart,
      createdBy: run.scope.actor.id,
    })
    .returning({ id: dossierPauses.id });
  if (!pause) throw new Error("pause insert returned nothing");
  const handlingDueOn = await storeHandlingTarget(run);
  const facts = { pauseId: pause.id, reason: input.pauseReason, startedOn: input.pauseStart, handlingDueOn };
  await run.record("clock_paused", facts, facts);
  return pause.id;
}

/** Lets the clock run again from `resumeEnd`; the handling target moves by the days it stood still. */
export function resumeClock(scope: CommandScope, input: ResumeInput) {
  return runCommand(scope, async (run) => {
    if (run.dossier.status === "closed") return closed("resumeEnd");
    const pause = await runningPause(run);
    if (!pause) return issue("resumeEnd", "resume-not-running");
    if (input.resumeEnd > run.today) return issue("resumeEnd", "date-in-future");
    if (input.resumeEnd < pause.startedOn) return issue("resumeEnd", "resume-before-start", { date: pause.startedOn });
    await endRunningPause(run, input.resumeEnd, "resumed");
    return OK;
  });
}
