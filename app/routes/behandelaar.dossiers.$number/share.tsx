import { useLoaderData } from "@remix-run/react";
import { CheckboxGroup } from "#app/components/forms";
import { Button, Heading, Paragraph } from "#app/components/ui";
import { interpolate, useI18n } from "#app/i18n/i18n";
import { displayFileName } from "#app/utils/text";
import { ActionForm, type FormState } from "./action-form";
import type { loader } from "./route";

/**
 * Sharing the dossier with its municipality: the complaint and facts, and the documents ticked
 * here. An ombudsman-only document is listed but cannot be ticked (the command refuses it too).
 */
/**
 * The dossier's documents to tick for sharing (a share of its own, or sent with a request); an
 * ombudsman-only document is named but cannot be ticked, one shared before says so.
 */
export function DocumentChoices({
  name,
  legend,
  description,
  checked,
  error,
}: {
  name: string;
  legend: string;
  description?: string;
  checked?: readonly string[];
  error?: string;
}) {
  const { messages } = useI18n();
  const tc = messages.casework;
  const { dossier, sharedAttachmentIds } = useLoaderData<typeof loader>();
  if (dossier.attachments.length === 0) return null;
  const shared = new Set(sharedAttachmentIds);
  return (
    <CheckboxGroup
      name={name}
      legend={legend}
      description={description}
      error={error}
      checked={checked}
      choices={dossier.attachments
        .filter((a) => a.visibility !== "internal")
        .map((a) => ({
          value: a.id,
          label: `${displayFileName(a.fileName)}${shared.has(a.id) ? ` (${tc.shareAlready})` : ""}`,
        }))}
      notes={dossier.attachments
        .filter((a) => a.visibility === "internal")
        .map((a) => (
          <p key={a.id} className="utrecht-paragraph">
            {interpolate(tc.shareOmbudsmanOnly, { name: displayFileName(a.fileName) })}
          </p>
        ))}
    />
  );
}

export function ShareSection({ form, formKey }: { form: FormState; formKey: string }) {
  const { messages } = useI18n();
  const tc = messages.casework;
  return (
    <section aria-labelledby="delen-kop" id="delen">
      <Heading level={2} id="delen-kop">
        {tc.shareHeading}
      </Heading>
      <Paragraph>{tc.shareIntro}</Paragraph>
      <ActionForm intent="share" section="delen" errors={form?.errors}>
        <div key={formKey}>
          <DocumentChoices
            name="documents"
            legend={tc.shareDocumentsLegend}
            checked={form?.values.documents?.split("\n")}
            error={form?.errors.documents}
          />
          <Button type="submit">{tc.shareButton}</Button>
        </div>
      </ActionForm>
    </section>
  );
}
