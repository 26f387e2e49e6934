import type { Answers, StepId } from "./journey";
import { loadStep, type StepArgs } from "./step.server";

export type ChoiceStepData = {
  value: string | undefined;
  backPath: string;
  changing: boolean;
  errors: Record<string, string> | null;
};

/** The loader of a step that asks one question with fixed choices: the saved answer and the page's frame. */
export async function loadChoiceStep(step: StepId, field: keyof Answers, args: StepArgs): Promise<ChoiceStepData> {
  const s = await loadStep(step, args);
  const value = s.answers[field];
  return {
    value: typeof value === "string" ? value : undefined,
    backPath: s.backPath,
    changing: s.changing,
    errors: s.pendingErrors,
  };
}
