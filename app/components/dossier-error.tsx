import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { ButtonLink, Heading, PageTitle, Paragraph } from "#app/components/ui";
import { OMBUDSMAN_PHONE } from "#app/config/contact";
import { RefusalContent, refusalWordsFrom } from "#app/http/refusal-content";
import { interpolate, useI18n } from "#app/i18n/i18n";

/**
 * A dossier page's error, in the reader's words: a dossier that is not there (or not the reader's
 * to see), a refused act or CSRF token, a request the HTTP layer refused for its body, or a failure.
 * `back` is where the reader goes from here (the queue, the portal's list).
 */
export function DossierErrorPage({ back }: { back: { to: string; label: string } }) {
  const error = useRouteError();
  const { messages } = useI18n();
  const t = messages.errors;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404 || status === 403) {
    const csrf = status === 403 && isRouteErrorResponse(error) && error.statusText === "CSRF";
    return (
      <>
        <PageTitle>{status === 404 ? t.notFoundTitle : csrf ? t.csrfTitle : t.forbiddenTitle}</PageTitle>
        <Paragraph>{status === 404 ? t.notFoundText : csrf ? t.csrfText : t.forbiddenText}</Paragraph>
        <ButtonLink to={back.to}>{back.label}</ButtonLink>
      </>
    );
  }
  const refusal = isRouteErrorResponse(error) ? refusalWordsFrom(error.data) : null;
  if (refusal) return <RefusalContent words={refusal} />;
  return (
    <>
      <Heading level={1}>{t.errorTitle}</Heading>
      <Paragraph>{interpolate(t.errorText, { phone: OMBUDSMAN_PHONE })}</Paragraph>
    </>
  );
}
