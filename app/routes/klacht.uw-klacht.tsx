import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { fieldId, TextArea, TextField } from "#app/components/forms";
import { Heading } from "#app/components/ui";
import { useT } from "#app/i18n/i18n";
import { CharacterCount } from "#app/components/character-count";
import { COMPLAINT_MAX, ComplaintSchema, dateValues } from "#app/intake/schemas.server";
import { handleStepPost, loadStep, type StepActionData } from "#app/intake/step.server";
import { DateInput, StepPage } from "#app/components/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.complaint"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.complaint.title);

const ORDER = ["text", "place", "day", "month", "year", "people", "desiredOutcome"];

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("complaint", args);
  const c = s.answers.complaint;
  return {
    values: {
      text: c?.text ?? "",
      place: c?.place ?? "",
      people: c?.people ?? "",
      desiredOutcome: c?.desiredOutcome ?? "",
      ...dateValues(c?.date),
    },
    max: COMPLAINT_MAX,
    backPath: s.backPath,
    changing: s.changing,
    errors: s.pendingErrors,
  };
}

export async function action(args: ActionFunctionArgs) {
  return handleStepPost("complaint", args, (s) => ComplaintSchema(s.t, s.today));
}

export default function ComplaintStep() {
  const t = useT().intake.complaint;
  const { values: stored, max, backPath, changing, errors: pending } = useLoaderData<typeof loader>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  const values = (result?.values as Partial<typeof stored> | undefined) ?? stored;
  return (
    <StepPage step="complaint" backPath={backPath} errors={errors} errorOrder={ORDER} changing={changing}>
      <Heading level={1}>{t.title}</Heading>
      <TextArea
        name="text"
        label={t.text}
        description={t.textHint}
        defaultValue={values.text}
        error={errors?.text}
        rows={12}
        describedByExtra="tekens-teller"
      >
        <CharacterCount id="tekens-teller" initial={values.text ?? ""} max={max} fieldId={fieldId("text")} />
      </TextArea>
      <TextField
        name="place"
        label={t.place}
        description={t.placeHint}
        defaultValue={values.place}
        error={errors?.place}
      />
      <DateInput
        legend={t.date}
        hint={t.dateHint}
        errors={errors}
        values={{ day: values.day ?? "", month: values.month ?? "", year: values.year ?? "" }}
      />
      <TextField
        name="people"
        label={t.people}
        description={t.peopleHint}
        optional
        defaultValue={values.people}
        error={errors?.people}
      />
      <TextArea
        name="desiredOutcome"
        label={t.desired}
        description={t.desiredHint}
        optional
        rows={4}
        defaultValue={values.desiredOutcome}
        error={errors?.desiredOutcome}
      />
    </StepPage>
  );
}
