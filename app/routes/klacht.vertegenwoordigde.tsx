import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "#app/components/ui";
import { useT } from "#app/i18n/i18n";
import { AddressFields } from "#app/components/intake/address-fields";
import { RepresentedSchema } from "#app/intake/schemas.server";
import { handleStepPost, loadStep, type StepActionData } from "#app/intake/step.server";
import { StepPage } from "#app/components/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.represented", "intake.contact"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.represented.title);

const ORDER = ["name", "street", "houseNumber", "postcode", "city"];

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("represented", args);
  const r = s.answers.represented;
  return {
    values: {
      name: r?.name ?? "",
      street: r?.street ?? "",
      houseNumber: r?.houseNumber ?? "",
      postcode: r?.postcode ?? "",
      city: r?.city ?? "",
    },
    backPath: s.backPath,
    changing: s.changing,
    errors: s.pendingErrors,
  };
}

export async function action(args: ActionFunctionArgs) {
  return handleStepPost("represented", args, (s) => RepresentedSchema(s.t));
}

export default function RepresentedStep() {
  const t = useT().intake;
  const { values: stored, backPath, changing, errors: pending } = useLoaderData<typeof loader>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  const values = (result?.values as Partial<typeof stored> | undefined) ?? stored;
  return (
    <StepPage step="represented" backPath={backPath} errors={errors} errorOrder={ORDER} changing={changing}>
      <Heading level={1}>{t.represented.title}</Heading>
      <Paragraph>{t.represented.intro}</Paragraph>
      <AddressFields values={values} errors={errors} nameLabel={t.represented.name} own={false} />
    </StepPage>
  );
}
