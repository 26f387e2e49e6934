import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "#app/components/ui";
import { interpolate, useI18n } from "#app/i18n/i18n";
import { handleUploadStep, loadUploadStep, type UploadActionData } from "#app/intake/upload-step.server";
import { UploadForm, UploadMessages } from "#app/components/intake/upload-ui";
import { StepPage } from "#app/components/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.mandate", "intake.attachments"] };

// Uppy's styles only where Uppy runs; without JavaScript they style nothing.
export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.mandate.title);

export async function loader(args: LoaderFunctionArgs) {
  const { view } = await loadUploadStep("mandate", args, ["mandate"]);
  return view;
}

export async function action(args: ActionFunctionArgs) {
  return handleUploadStep(
    "mandate",
    args,
    ["mandate"],
    () => [{ category: "mandate", message: (t) => t.mandate.required }],
    {
      mandateDone: true,
    },
  );
}

export default function MandateStep() {
  const { messages, locale } = useI18n();
  const t = messages.intake.mandate;
  const d = useLoaderData<typeof loader>();
  const result = useActionData<UploadActionData>();
  const errors = result?.errors ?? d.errors;
  return (
    <StepPage step="mandate" backPath={d.backPath} changing={d.changing} errors={errors} noForm>
      <Heading level={1}>{t.title}</Heading>
      <UploadMessages added={result?.added ?? d.added} removed={result?.removed} />
      <Paragraph>{t.intro}</Paragraph>
      <Paragraph>
        <a className="utrecht-link" href="/klacht/machtigingsformulier.pdf" download>
          {t.download}
        </a>
      </Paragraph>
      <Paragraph>{t.howTo}</Paragraph>
      <Paragraph className="oma-hint">{interpolate(messages.intake.attachments.limits, d.limits)}</Paragraph>
      <UploadForm
        categories={[{ id: "mandate", label: t.uploadLabel }]}
        files={d.files}
        errors={errors}
        settings={d.settings}
        locale={locale}
        continueLabel={messages.intake.continue}
      />
    </StepPage>
  );
}
