import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Heading, Link, ListItem, Paragraph, UnorderedList } from "#app/components/ui";
import { OMBUDSMAN_PHONE } from "#app/config/contact";
import { formatDate, interpolate, useI18n } from "#app/i18n/i18n";
import { getConfirmation } from "#app/intake/confirmation.server";
import { getDraft } from "#app/intake/drafts.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["intake.confirmation"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.intake.confirmation.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const draft = await getDraft(request, context.services);
  if (!draft?.dossierId) throw redirect("/klacht");
  const confirmation = await getConfirmation(context.services.db, draft.dossierId);
  if (!confirmation) throw redirect("/klacht");
  return confirmation;
}

export default function Confirmation() {
  const { messages, locale } = useI18n();
  const t = messages.intake.confirmation;
  const d = useLoaderData<typeof loader>();
  const due = formatDate(d.contactDueOn, locale, true);
  return (
    <>
      <div className="oma-panel" role="status">
        <Heading level={1}>{t.title}</Heading>
        <Paragraph>
          {t.number}
          <br />
          <strong className="oma-panel__number">{d.number}</strong>
        </Paragraph>
      </div>
      <Alert type="info">
        <Paragraph>{d.email ? interpolate(t.emailSent, { email: d.email }) : t.noEmail}</Paragraph>
      </Alert>
      <Heading level={2}>{t.nextHeading}</Heading>
      <UnorderedList>
        <ListItem>{t.next1}</ListItem>
        <ListItem>
          {interpolate(t.next2, {
            date: due,
            channel: d.preferredChannel === "phone" ? t.channelPhone : t.channelEmail,
          })}
        </ListItem>
        <ListItem>{interpolate(t.next3, { date: due, phone: OMBUDSMAN_PHONE })}</ListItem>
      </UnorderedList>
      <Paragraph>
        <Link to="/klacht/nieuw">{t.newComplaint}</Link>
      </Paragraph>
    </>
  );
}
