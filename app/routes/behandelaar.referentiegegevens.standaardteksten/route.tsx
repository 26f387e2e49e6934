import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { AppForm, ErrorSummary, TextArea, TextField } from "#app/components/forms";
import { Alert, Button, Heading, Link, PageTitle, Paragraph, VisuallyHidden } from "#app/components/ui";
import { MAIL_BODY_MAX, MAIL_TEMPLATES, SUBJECT_MAX } from "#app/dossiers/casework/mail.server";
import { messagesFor, type Locale } from "#app/i18n/catalogue.server";
import { interpolate, useI18n } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { REFERENCE_ROLES } from "#app/reference/actor.server";
import { mailTexts, saveStandardText } from "#app/reference/standard-texts.server";
import { parseForm, readForm, type FieldErrors, type FormValues } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import { TextSchema } from "./form.server";

export const handle: PageHandle = { i18n: ["reference.home", "reference.texts", "casework.mailTemplates"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.reference.texts.title);

const PATH = "/behandelaar/referentiegegevens/standaardteksten";
const LANGUAGES = ["nl", "en"] as const satisfies readonly Locale[];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, REFERENCE_ROLES);
  const { db } = context.services;
  const texts = {
    nl: await mailTexts(db, "nl", messagesFor("nl")),
    en: await mailTexts(db, "en", messagesFor("en")),
  };
  const done = new URL(request.url).searchParams.get("gedaan");
  // The limits and the list of templates live in a server module: the page gets them from here.
  const limits = { subject: SUBJECT_MAX, body: MAIL_BODY_MAX };
  const templates = [...MAIL_TEMPLATES];
  return { texts, templates, limits, done: done === "opgeslagen" || done === "ongewijzigd" ? done : null };
}

type ActionData = { key: string; errors: FieldErrors; values: FormValues };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, REFERENCE_ROLES);
  const posted = await readForm(request, context);
  const t = messagesFor(getLocale(request)).reference.texts;
  // Each text's fields carry its template and language in their names (unique ids on one page).
  const key = `${String(posted.get("template"))}-${String(posted.get("locale"))}`;
  const formData = new FormData();
  for (const name of ["intent", "template", "locale"]) formData.set(name, String(posted.get(name) ?? ""));
  for (const name of ["subject", "body"]) formData.set(name, String(posted.get(`${name}-${key}`) ?? ""));
  const parsed = parseForm(TextSchema(t), formData);
  if (!parsed.success) {
    const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [`${k}-${key}`, v]));
    return data<ActionData>({ key, errors, values: parsed.values }, { status: 400 });
  }
  const input = parsed.data;
  const catalogue = messagesFor(input.locale).casework.mailTemplates[input.template];
  const result = await saveStandardText(
    context,
    user,
    catalogue,
    input.intent === "reset"
      ? { template: input.template, locale: input.locale, reset: true }
      : { template: input.template, locale: input.locale, reset: false, subject: input.subject, body: input.body },
  );
  if (!result.ok) throw new Response("Forbidden", { status: 403 });
  const anchor = `#tekst-${input.template}-${input.locale}`;
  return redirect(`${PATH}?gedaan=${result.changed ? "opgeslagen" : "ongewijzigd"}${anchor}`);
}

export default function StandardTexts() {
  const { messages } = useI18n();
  const t = messages.reference.texts;
  const { texts, templates, limits, done } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <Paragraph>
        <Link to="/behandelaar/referentiegegevens">{t.backToReference}</Link>
      </Paragraph>
      <ErrorSummary errors={failed?.errors} />
      <PageTitle preHeading={messages.reference.home.title}>{t.title}</PageTitle>
      {done && !failed ? (
        <Alert type="ok" role="status">
          <Paragraph>{done === "opgeslagen" ? t.saved : t.unchanged}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t.intro}</Paragraph>
      {templates.flatMap((template) =>
        LANGUAGES.map((locale) => {
          const key = `${template}-${locale}`;
          const text = texts[locale][template];
          const mine = failed?.key === key ? failed : null;
          const posted = (name: string) =>
            typeof mine?.values[name] === "string" ? String(mine.values[name]) : undefined;
          const label = messages.casework.mailTemplates[template].label;
          const language = t.languages[locale];
          // Every form has a subject and a body: the ids carry the template and the language.
          return (
            <section key={key} id={`tekst-${key}`} aria-labelledby={`kop-${key}`}>
              <Heading level={2} id={`kop-${key}`}>
                {interpolate(t.heading, { label, language })}
              </Heading>
              <Paragraph>{text.overridden ? t.own : t.standard}</Paragraph>
              <AppForm action={PATH}>
                <input type="hidden" name="template" value={template} />
                <input type="hidden" name="locale" value={locale} />
                <TextField
                  name={`subject-${key}`}
                  label={`${t.subject} (${language})`}
                  error={mine?.errors[`subject-${key}`]}
                  maxLength={limits.subject}
                  defaultValue={posted("subject") ?? text.subject}
                />
                <TextArea
                  name={`body-${key}`}
                  label={`${t.body} (${language})`}
                  error={mine?.errors[`body-${key}`]}
                  maxLength={limits.body}
                  rows={10}
                  defaultValue={posted("body") ?? text.body}
                />
                <Button name="intent" value="save">
                  {t.submit}
                  <VisuallyHidden> {interpolate(t.submitFor, { label, language })}</VisuallyHidden>
                </Button>{" "}
                {text.overridden ? (
                  <Button name="intent" value="reset" appearance="secondary">
                    {t.reset}
                    <VisuallyHidden> {interpolate(t.submitFor, { label, language })}</VisuallyHidden>
                  </Button>
                ) : null}
              </AppForm>
            </section>
          );
        }),
      )}
    </>
  );
}
