import type { Answers, StepId } from "./journey";
import { dateValues } from "./schemas.server";
import { loadStep, type StepArgs } from "./step.server";

type DateField = { [K in keyof Answers]-?: Answers[K] extends string | undefined ? K : never }[keyof Answers];

export type DateStepData = {
  values: ReturnType<typeof dateValues>;
  backPath: string;
  changing: boolean;
  errors: Record<string, string> | null;
};

/** The loader of a step that asks one calendar date (received, answered, postponed until): the saved date as its three fields. */
export async function loadDateStep(step: StepId, field: DateField, args: StepArgs): Promise<DateStepData> {
  const s = await loadStep(step, args);
  const value = s.answers[field];
  return {
    values: dateValues(typeof value === "string" ? value : undefined),
    backPath: s.backPath,
    changing: s.changing,
    errors: s.pendingErrors,
  };
}
