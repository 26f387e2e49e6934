import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { AppForm, ErrorSummary } from "#app/components/forms";
import { Heading } from "#app/components/ui";
import { useI18n } from "#app/i18n/i18n";
import type { FieldErrors } from "#app/utils/forms.server";
import type { Intent } from "./intents";
import type { ActionData, loader } from "./route";

export const dossierPath = (number: string) => `/behandelaar/dossiers/${encodeURIComponent(number)}`;

/** What a form shows again after a refused post: its errors and the values sent. */
export type FormState = ActionData | null;

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  const { messages } = useI18n();
  return (
    <p className="utrecht-form-field-error-message" id={id}>
      <span className="oma-visually-hidden">{messages.form.errorPrefix} </span>
      {children}
    </p>
  );
}

/** One action: a titled section with its own form, intent and error summary. */
export function ActionSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="oma-action" aria-labelledby={`${id}-kop`} id={id}>
      <Heading level={3} id={`${id}-kop`}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/**
 * A form posting to the page itself, never with the query it was opened with (a stale "gedaan"
 * would show next to an error), and to its own section, so that without JavaScript the answer
 * opens where the error summary is.
 */
export function ActionForm({
  intent,
  section,
  errors,
  order,
  children,
  multipart,
}: {
  intent: Intent;
  section: string;
  errors?: FieldErrors;
  order?: string[];
  children: ReactNode;
  multipart?: boolean;
}) {
  const { dossier } = useLoaderData<typeof loader>();
  return (
    <AppForm
      action={`${dossierPath(dossier.number)}#${section}`}
      encType={multipart ? "multipart/form-data" : undefined}
    >
      <input type="hidden" name="intent" value={intent} />
      <ErrorSummary errors={errors} order={order} />
      {children}
    </AppForm>
  );
}
