import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Paragraph } from "#app/components/ui";
import { interpolate, useT } from "#app/i18n/i18n";
import { OTHER_ORGANISATION } from "#app/intake/journey";
import { affiliatedMunicipalities } from "#app/intake/reference.server";
import { MunicipalitySchema } from "#app/intake/schemas.server";
import { handleStepPost, loadStep, type StepActionData } from "#app/intake/step.server";
import { RadioQuestion, StepPage } from "#app/components/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.municipality"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.municipality.title);

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("municipality", args);
  const municipalities = await affiliatedMunicipalities(s.services.db, s.today);
  const chosen = s.answers.municipalityId;
  const notAffiliated =
    chosen && chosen !== OTHER_ORGANISATION && !municipalities.some((m) => m.id === chosen) ? chosen : null;
  return {
    municipalities: municipalities.map((m) => ({ id: m.id, name: m.name })),
    value: notAffiliated ? undefined : chosen,
    notAffiliated: notAffiliated ? (s.draft?.municipality?.name ?? notAffiliated) : null,
    expired: new URL(args.request.url).searchParams.get("verlopen") === "1",
    backPath: s.backPath,
    changing: s.changing,
    lifetimeDays: s.services.env.draftLifetimeDays,
  };
}

export async function action(args: ActionFunctionArgs) {
  return handleStepPost("municipality", args, async (s) => {
    const municipalities = await affiliatedMunicipalities(s.services.db, s.today);
    return MunicipalitySchema(
      s.t,
      municipalities.map((m) => m.id),
    );
  });
}

export default function MunicipalityStep() {
  const t = useT().intake;
  const { municipalities, value, expired, backPath, changing, lifetimeDays, notAffiliated } =
    useLoaderData<typeof loader>();
  const result = useActionData<StepActionData>();
  const errors =
    result?.errors ??
    (notAffiliated ? { municipalityId: interpolate(t.municipality.notAffiliated, { name: notAffiliated }) } : null);
  return (
    <StepPage step="municipality" backPath={backPath} errors={errors} changing={changing}>
      {expired ? (
        <Alert type="warning" role="status">
          <Paragraph>{interpolate(t.expiredDraft, { days: lifetimeDays })}</Paragraph>
        </Alert>
      ) : null}
      <RadioQuestion
        name="municipalityId"
        question={t.municipality.title}
        hint={t.municipality.hint}
        value={(result?.values.municipalityId as string | undefined) ?? value}
        error={errors?.municipalityId}
        choices={[
          ...municipalities.map((m) => ({ value: m.id, label: m.name })),
          { value: OTHER_ORGANISATION, label: t.municipality.other, hint: t.municipality.otherHint },
        ]}
      />
    </StepPage>
  );
}
