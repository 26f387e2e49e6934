import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, ErrorSummary, TextField } from "#app/components/forms";
import { Alert, Button, Link, PageTitle, Paragraph } from "#app/components/ui";
import { messagesFor } from "#app/i18n/catalogue.server";
import { useT } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { getDraft } from "#app/intake/drafts.server";
import { resumeEmailSchema } from "#app/intake/resume-forms.server";
import { mailResumeLink } from "#app/intake/resume-mail.server";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["resume"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.resume.title);

/** From any step: a link by e-mail to go on later, here or on another device. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const draft = await getDraft(request, context.services);
  if (!draft || draft.submittedAt) throw redirect("/klacht");
  const sent = new URL(request.url).searchParams.get("verstuurd");
  return { email: draft.answers.contact?.email ?? "", sent: sent === "1" ? "sent" : sent === "0" ? "tooMany" : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const formData = await readForm(request, context);
  const draft = await getDraft(request, services);
  if (!draft || draft.submittedAt) throw redirect("/klacht");
  const locale = getLocale(request);
  const t = messagesFor(locale).resume;
  const parsed = parseForm(resumeEmailSchema(t), formData);
  if (!parsed.success) {
    const errors: FieldErrors = parsed.errors;
    return data({ errors, email: String(parsed.values.email ?? "") }, { status: 400 });
  }
  const sent = await services.db.transaction((tx) => mailResumeLink(tx, services, draft, parsed.data.email, locale));
  if (sent) services.wakeMailWorker();
  return redirect(`/klacht/later-verder?verstuurd=${sent ? 1 : 0}#inhoud`);
}

export default function ResumeLater() {
  const t = useT().resume;
  const { email, sent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={result?.errors} order={["email"]} />
      <PageTitle>{t.title}</PageTitle>
      {sent ? (
        <Alert type={sent === "sent" ? "ok" : "warning"} role="status">
          <Paragraph>{sent === "sent" ? t.sent : t.tooMany}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t.intro}</Paragraph>
      <AppForm>
        <TextField
          name="email"
          type="email"
          label={t.email}
          description={t.emailHint}
          autoComplete="email"
          spellCheck={false}
          defaultValue={result?.email ?? email}
          error={result?.errors.email}
        />
        <Button>{t.send}</Button>
      </AppForm>
      <Paragraph>
        <Link to="/klacht">{t.back}</Link>
      </Paragraph>
    </>
  );
}
