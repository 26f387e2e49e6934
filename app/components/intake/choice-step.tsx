import type { ReactNode } from "react";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { Choice } from "#app/components/forms";
import type { StepId } from "#app/intake/journey";
import type { ChoiceStepData } from "#app/intake/choice-step.server";
import type { StepActionData } from "#app/intake/step.server";
import { RadioQuestion, StepPage } from "./ui";

/** A step that asks one question with fixed choices (yes/no, for whom, which topic): its whole page. */
export function ChoiceStep({
  step,
  name,
  question,
  hint,
  choices,
}: {
  step: StepId;
  name: string;
  question: string;
  hint?: ReactNode;
  choices: Choice[];
}) {
  const { value, backPath, changing, errors: pending } = useLoaderData<ChoiceStepData>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  return (
    <StepPage step={step} backPath={backPath} errors={errors} changing={changing}>
      <RadioQuestion
        name={name}
        question={question}
        hint={hint}
        value={(result?.values[name] as string | undefined) ?? value}
        error={errors?.[name]}
        choices={choices}
      />
    </StepPage>
  );
}
