import { useActionData, useLoaderData } from "@remix-run/react";
import type { DateStepData } from "#app/intake/date-step.server";
import type { StepId } from "#app/intake/journey";
import type { StepActionData } from "#app/intake/step.server";
import { DateInput, StepPage } from "./ui";

/** A step that asks one calendar date, as day, month and year fields: its whole page. */
export function DateStep({ step, legend, hint }: { step: StepId; legend: string; hint?: string }) {
  const { values, backPath, changing, errors: pending } = useLoaderData<DateStepData>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  return (
    <StepPage step={step} backPath={backPath} errors={errors} changing={changing}>
      <DateInput
        legend={legend}
        asHeading
        hint={hint}
        errors={errors}
        values={(result?.values as DateStepData["values"] | undefined) ?? values}
      />
    </StepPage>
  );
}
