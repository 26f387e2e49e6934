import type { z } from "zod";
import { parseForm } from "#app/utils/forms.server";
import { hasDateConflict, type Answers, type StepId } from "./journey";
import { dateValues } from "./schemas.server";
import { loadStep, type LoadedStep, type StepArgs } from "./step.server";

type DateField = { [K in keyof Answers]-?: Answers[K] extends string | undefined ? K : never }[keyof Answers];

export type DateStepSchema = (loaded: LoadedStep) => z.ZodType<Partial<Answers>> | Promise<z.ZodType<Partial<Answers>>>;

export type DateStepData = {
  values: ReturnType<typeof dateValues>;
  backPath: string;
  changing: boolean;
  errors: Record<string, string> | null;
};

/**
 * The loader of a step that asks one calendar date (received, answered, postponed until): the saved
 * date as its three fields. When the saved date no longer fits the others (the receipt date was
 * changed to after the answer), the step's own schema judges it again, so the page says what is
 * wrong in the words its form would use.
 */
export async function loadDateStep(
  step: StepId,
  field: DateField,
  args: StepArgs,
  schema: DateStepSchema,
): Promise<DateStepData> {
  const s = await loadStep(step, args);
  const value = s.answers[field];
  const values = dateValues(typeof value === "string" ? value : undefined);
  let errors = s.pendingErrors;
  if (!errors && hasDateConflict(step, s.journeyContext)) {
    const parsed = parseForm(await schema(s), values);
    if (!parsed.success) errors = parsed.errors;
  }
  return { values, backPath: s.backPath, changing: s.changing, errors };
}
