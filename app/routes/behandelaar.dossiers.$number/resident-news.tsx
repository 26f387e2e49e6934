import { useLoaderData } from "@remix-run/react";
import { Alert, Button, Paragraph } from "#app/components/ui";
import { formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";
import { ActionForm } from "./action-form";
import type { loader } from "./route";

/**
 * The resident sent something since a handler last looked (a document, an answer): said at the
 * top of the page, with the button that takes the queue's "new from the complainant" marker off.
 */
export function ResidentNews() {
  const { messages, locale } = useI18n();
  const r = messages.resident;
  const { dossier } = useLoaderData<typeof loader>();
  if (!dossier.residentNewsAt) return null;
  return (
    <Alert type="info">
      <Paragraph>{interpolate(r.newsText, { date: formatDateTime(dossier.residentNewsAt, locale) })}</Paragraph>
      <ActionForm intent="mark_news_seen" section="inhoud">
        <Button appearance="secondary">{r.newsSeen}</Button>
      </ActionForm>
    </Alert>
  );
}
