import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RadioGroup, TextField } from "#app/components/forms";
import { Heading, Paragraph } from "#app/components/ui";
import { useT } from "#app/i18n/i18n";
import { AddressFields } from "#app/components/intake/address-fields";
import { ContactSchema } from "#app/intake/schemas.server";
import { handleStepPost, loadStep, type StepActionData } from "#app/intake/step.server";
import { StepPage } from "#app/components/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.contact"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.contact.titleSelf);

const ORDER = ["name", "street", "houseNumber", "postcode", "city", "email", "phone", "preferredChannel"];

export async function loader(args: LoaderFunctionArgs) {
  const s = await loadStep("contact", args);
  const c = s.answers.contact;
  return {
    values: {
      name: c?.name ?? "",
      street: c?.street ?? "",
      houseNumber: c?.houseNumber ?? "",
      postcode: c?.postcode ?? "",
      city: c?.city ?? "",
      email: c?.email ?? "",
      phone: c?.phone ?? "",
      preferredChannel: c?.preferredChannel ?? "",
    },
    representative: s.answers.forWhom === "other",
    backPath: s.backPath,
    changing: s.changing,
    errors: s.pendingErrors,
  };
}

export async function action(args: ActionFunctionArgs) {
  return handleStepPost("contact", args, (s) => ContactSchema(s.t));
}

export default function ContactStep() {
  const t = useT().intake.contact;
  const { values: stored, representative, backPath, changing, errors: pending } = useLoaderData<typeof loader>();
  const result = useActionData<StepActionData>();
  const errors = result?.errors ?? pending;
  const values = (result?.values as Partial<typeof stored> | undefined) ?? stored;
  return (
    <StepPage step="contact" backPath={backPath} errors={errors} errorOrder={ORDER} changing={changing}>
      <Heading level={1}>{representative ? t.titleRepresentative : t.titleSelf}</Heading>
      <Paragraph>{t.intro}</Paragraph>
      <AddressFields values={values} errors={errors} nameLabel={t.name} own />
      <Paragraph className="oma-hint" id="bereikbaar">
        {t.reachHint}
      </Paragraph>
      <TextField
        name="email"
        type="email"
        label={t.email}
        optional
        autoComplete="email"
        spellCheck={false}
        defaultValue={values.email}
        error={errors?.email}
        aria-describedby={errors?.email ? "veld-email-fout bereikbaar" : "bereikbaar"}
      />
      <TextField
        name="phone"
        type="tel"
        label={t.phone}
        description={t.phoneHint}
        optional
        autoComplete="tel"
        width="medium"
        defaultValue={values.phone}
        error={errors?.phone}
      />
      <RadioGroup
        name="preferredChannel"
        legend={t.preferred}
        value={values.preferredChannel}
        error={errors?.preferredChannel}
        choices={[
          { value: "email", label: t.byEmail },
          { value: "phone", label: t.byPhone },
        ]}
      />
    </StepPage>
  );
}
