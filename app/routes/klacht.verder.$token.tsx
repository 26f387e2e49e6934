import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, ErrorSummary, TextField } from "#app/components/forms";
import { Alert, Button, Link, PageTitle, Paragraph } from "#app/components/ui";
import { messagesFor } from "#app/i18n/catalogue.server";
import { useT } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { resumeEmailSchema } from "#app/intake/resume-forms.server";
import { mailResumeLink } from "#app/intake/resume-mail.server";
import { draftsWithAddress, inspectResumeLink, redeemResumeLink, type ResumeState } from "#app/intake/resume.server";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["resume"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.resume.linkTitle);

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

type Result = { state: Exclude<ResumeState, "valid"> | "again"; errors?: FieldErrors; email?: string };

/** The link from the mail: a button moves the draft here (a mail scanner's visit does not). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const state: ResumeState = TOKEN.test(token)
    ? await inspectResumeLink(context.services.db, token, context.services.now())
    : "unknown";
  return { state };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { services } = context;
  const formData = await readForm(request, context);
  const locale = getLocale(request);
  const t = messagesFor(locale).resume;
  if (formData.get("intent") === "again") {
    const parsed = parseForm(resumeEmailSchema(t), formData);
    if (!parsed.success)
      return data<Result>(
        { state: "unknown", errors: parsed.errors, email: String(parsed.values.email ?? "") },
        { status: 400 },
      );
    // The same answer whether or not a draft has this address.
    const now = services.now();
    for (const draft of await draftsWithAddress(services.db, parsed.data.email, now)) {
      await services.db.transaction((tx) => mailResumeLink(tx, services, draft, parsed.data.email, locale));
    }
    services.wakeMailWorker();
    return data<Result>({ state: "again" });
  }
  const token = params.token ?? "";
  const moved = TOKEN.test(token) ? await redeemResumeLink(services, token) : ({ state: "unknown" } as const);
  if (moved.state === "moved") return redirect("/klacht", { headers: { "Set-Cookie": moved.cookie } });
  return data<Result>({ state: moved.state });
}

export default function ResumeLink() {
  const t = useT().resume;
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const state = posted?.state ?? loaded.state;
  if (state === "valid")
    return (
      <>
        <PageTitle>{t.linkTitle}</PageTitle>
        <Paragraph>{t.linkIntro}</Paragraph>
        <AppForm>
          <Button>{t.linkOpen}</Button>
        </AppForm>
      </>
    );
  const message =
    state === "again" ? null : state === "used" ? t.linkUsed : state === "expired" ? t.linkExpired : t.linkUnknown;
  return (
    <>
      <ErrorSummary errors={posted?.errors} order={["email"]} />
      <PageTitle>{t.linkTitle}</PageTitle>
      {state === "again" ? (
        <Alert type="ok" role="status">
          <Paragraph>{t.againSent}</Paragraph>
        </Alert>
      ) : (
        <Alert type="warning" role="status">
          <Paragraph>{message}</Paragraph>
        </Alert>
      )}
      <Paragraph>{t.againIntro}</Paragraph>
      <AppForm>
        <input type="hidden" name="intent" value="again" />
        <TextField
          name="email"
          type="email"
          label={t.email}
          autoComplete="email"
          spellCheck={false}
          defaultValue={posted?.email ?? ""}
          error={posted?.errors?.email}
        />
        <Button>{t.againSend}</Button>
      </AppForm>
      <Paragraph>
        <Link to="/klacht/gemeente">{t.startAgain}</Link>
      </Paragraph>
    </>
  );
}
