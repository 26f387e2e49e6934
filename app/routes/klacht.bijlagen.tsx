import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Heading, Paragraph } from "#app/components/ui";
import { interpolate, useI18n } from "#app/i18n/i18n";
import { handleUploadStep, loadUploadStep, type UploadActionData } from "#app/intake/upload-step.server";
import { UploadForm, UploadMessages } from "#app/components/intake/upload-ui";
import { StepPage } from "#app/components/intake/ui";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.attachments"] };

// Uppy's styles only where Uppy runs; without JavaScript they style nothing.
export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.attachments.title);

const CATEGORIES = ["municipality_answer", "original_complaint", "evidence"] as const;

export async function loader(args: LoaderFunctionArgs) {
  const { loaded, view } = await loadUploadStep("attachments", args, [...CATEGORIES]);
  return { ...view, answerRequired: loaded.answers.answerStatus === "answered" };
}

export async function action(args: ActionFunctionArgs) {
  return handleUploadStep(
    "attachments",
    args,
    [...CATEGORIES],
    (answers) =>
      answers.answerStatus === "answered"
        ? [{ category: "municipality_answer", message: (t) => t.attachments.answerRequired }]
        : [],
    { attachmentsDone: true },
  );
}

export default function AttachmentsStep() {
  const { messages, locale } = useI18n();
  const t = messages.intake.attachments;
  const d = useLoaderData<typeof loader>();
  const result = useActionData<UploadActionData>();
  const errors = result?.errors ?? d.errors;
  const categories = [
    {
      id: "municipality_answer",
      label: t.categoryMunicipalityAnswer,
      hint: t.categoryMunicipalityAnswerHint,
      optional: !d.answerRequired,
    },
    {
      id: "original_complaint",
      label: t.categoryOriginalComplaint,
      hint: t.categoryOriginalComplaintHint,
      optional: true,
    },
    { id: "evidence", label: t.categoryEvidence, hint: t.categoryEvidenceHint, optional: true },
  ];
  return (
    <StepPage step="attachments" backPath={d.backPath} changing={d.changing} errors={errors} noForm>
      <Heading level={1}>{t.title}</Heading>
      <UploadMessages added={result?.added ?? d.added} removed={result?.removed} />
      <Paragraph>{t.intro}</Paragraph>
      <Paragraph className="oma-hint">{interpolate(t.limits, d.limits)}</Paragraph>
      <UploadForm
        categories={categories}
        files={d.files}
        errors={errors}
        settings={d.settings}
        locale={locale}
        continueLabel={messages.intake.continue}
      />
    </StepPage>
  );
}
