import { useLoaderData } from "@remix-run/react";
import { Button, Heading, Paragraph } from "#app/components/ui";
import { interpolate, useI18n } from "#app/i18n/i18n";
import { displayFileName } from "#app/utils/text";
import { ActionForm, type FormState } from "./action-form";
import type { loader } from "./route";

/**
 * Sharing the dossier with its municipality: the complaint and facts, and the documents ticked
 * here. An ombudsman-only document is listed but cannot be ticked (the command refuses it too).
 */
export function ShareSection({ form, formKey }: { form: FormState; formKey: string }) {
  const { messages } = useI18n();
  const tc = messages.casework;
  const { dossier, sharedAttachmentIds } = useLoaderData<typeof loader>();
  const shared = new Set(sharedAttachmentIds);
  const chosen = form?.values.documents;
  return (
    <section aria-labelledby="delen-kop" id="delen">
      <Heading level={2} id="delen-kop">
        {tc.shareHeading}
      </Heading>
      <Paragraph>{tc.shareIntro}</Paragraph>
      <ActionForm intent="share" section="delen" errors={form?.errors}>
        <div key={formKey}>
          {dossier.attachments.length > 0 ? (
            <fieldset className="utrecht-form-fieldset" id="veld-documents">
              <legend className="utrecht-form-fieldset__legend">{tc.shareDocumentsLegend}</legend>
              {dossier.attachments.map((a) =>
                a.visibility === "internal" ? (
                  <p key={a.id} className="utrecht-paragraph">
                    {interpolate(tc.shareOmbudsmanOnly, { name: displayFileName(a.fileName) })}
                  </p>
                ) : (
                  <div key={a.id} className="utrecht-form-field utrecht-form-field--checkbox">
                    <div className="utrecht-form-field__input">
                      <input
                        type="checkbox"
                        className="utrecht-checkbox utrecht-checkbox--html-input"
                        id={`delen-${a.id}`}
                        name="documents"
                        value={a.id}
                        defaultChecked={chosen === a.id}
                      />
                    </div>
                    <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
                      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`delen-${a.id}`}>
                        {displayFileName(a.fileName)}
                        {shared.has(a.id) ? ` (${tc.shareAlready})` : null}
                      </label>
                    </div>
                  </div>
                ),
              )}
            </fieldset>
          ) : null}
          <Button type="submit">{tc.shareButton}</Button>
        </div>
      </ActionForm>
    </section>
  );
}
