import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageTitle, Paragraph } from "#app/components/ui";
import { formatDateTime, useI18n } from "#app/i18n/i18n";
import { pageMeta } from "#app/utils/meta";
import { latestMail } from "#app/mail/mailbox.server";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["mailbox"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.mailbox.title);

/** Development only: what the app would have sent. In production this page does not exist. */
export async function loader({ context }: LoaderFunctionArgs) {
  if (context.services.env.isProduction) throw new Response("Not Found", { status: 404 });
  const messages = await latestMail(context.services.db);
  return { messages };
}

export default function DevMailbox() {
  const { messages: t, locale } = useI18n();
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t.mailbox.title}</PageTitle>
      <Paragraph>{t.mailbox.intro}</Paragraph>
      {messages.length === 0 ? <Paragraph>{t.mailbox.empty}</Paragraph> : null}
      {messages.map((m) => (
        <article key={m.id} aria-labelledby={`mail-${m.id}`} className="oma-mail">
          <h2 className="utrecht-heading-2" id={`mail-${m.id}`}>
            {m.subject}
          </h2>
          <dl className="oma-mail-meta">
            <dt>{t.mailbox.to}</dt>
            <dd>{m.to}</dd>
            <dt>{t.mailbox.status}</dt>
            <dd>{m.status}</dd>
            <dt>{t.mailbox.createdAt}</dt>
            <dd>{formatDateTime(m.createdAt, locale)}</dd>
          </dl>
          <pre className="oma-mail-body">{m.text}</pre>
        </article>
      ))}
    </>
  );
}
