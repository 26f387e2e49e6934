import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { attemptLogin, LoginSchema } from "#app/auth/login.server";
import { createSession, getUser, homeFor, safeRedirectPath } from "#app/auth/session.server";
import { AppForm, ErrorSummary, TextField } from "#app/components/forms";
import { Alert, Button, PageTitle, Paragraph } from "#app/components/ui";
import { messagesFor } from "#app/i18n/catalogue.server";
import { interpolate, useT } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.login.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await getUser(request, context);
  if (user) throw redirect(safeRedirectPath(url.searchParams.get("terug"), homeFor(user.role)));
  return {
    terug: url.searchParams.get("terug") ?? "",
    expired: url.searchParams.get("verlopen") === "1",
    signedOut: url.searchParams.get("uitgelogd") === "1",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const t = messagesFor(getLocale(request)).login;
  const parsed = parseForm(LoginSchema(t), formData);
  if (!parsed.success) {
    const errors: FieldErrors = parsed.errors;
    return data({ errors, email: String(parsed.values.email ?? "") }, { status: 400 });
  }
  const { email, password, terug } = parsed.data;
  const outcome = await attemptLogin(context, email, password);
  if (!outcome.ok) {
    const message =
      outcome.reason === "throttled" ? interpolate(t.throttled, { minutes: outcome.retryAfterMinutes }) : t.invalid;
    const errors: FieldErrors = { email: message };
    return data({ errors, email }, { status: outcome.reason === "throttled" ? 429 : 400 });
  }
  const session = await createSession(context, outcome.userId, request);
  return redirect(safeRedirectPath(terug, homeFor(outcome.role)), { headers: { "Set-Cookie": session.cookie } });
}

export default function Login() {
  const t = useT().login;
  const { terug, expired, signedOut } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={result?.errors} order={["email", "password"]} />
      <PageTitle>{t.title}</PageTitle>
      {expired ? (
        <Alert type="warning" role="status">
          <Paragraph>{t.sessionExpired}</Paragraph>
        </Alert>
      ) : null}
      {signedOut ? (
        <Alert type="ok" role="status">
          <Paragraph>{t.signedOut}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t.intro}</Paragraph>
      <AppForm>
        <input type="hidden" name="terug" value={terug} />
        <TextField
          name="email"
          type="email"
          label={t.email}
          autoComplete="username"
          spellCheck={false}
          defaultValue={result?.email ?? ""}
          error={result?.errors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t.password}
          autoComplete="current-password"
          error={result?.errors.password}
        />
        <Button>{t.submit}</Button>
      </AppForm>
    </>
  );
}
