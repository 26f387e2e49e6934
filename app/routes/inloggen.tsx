import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { deviceCookie, readDevice } from "#app/auth/device.server";
import { attemptLogin, LoginSchema, pendingLoginCookie } from "#app/auth/login.server";
import { createSession, getUser, homeFor, safeRedirectPath } from "#app/auth/session.server";
import { AppForm, ErrorSummary, TextField } from "#app/components/forms";
import { Alert, Button, PageTitle, Paragraph } from "#app/components/ui";
import { messagesFor } from "#app/i18n/catalogue.server";
import { countMessage, useT } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["login", "account"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.login.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await getUser(request, context);
  if (user) throw redirect(safeRedirectPath(url.searchParams.get("terug"), homeFor(user.role)));
  return {
    terug: url.searchParams.get("terug") ?? "",
    expired: url.searchParams.get("verlopen") === "1",
    signedOut: url.searchParams.get("uitgelogd") === "1",
    restart: url.searchParams.get("opnieuw") === "1",
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
  const device = readDevice(request, context);
  const outcome = await attemptLogin(context, { email, password, device });
  if (!outcome.ok) {
    const message =
      outcome.reason === "throttled"
        ? countMessage(outcome.retryAfterMinutes, t.throttledOneMinute, t.throttled, "minutes")
        : t.invalid;
    const errors: FieldErrors = { email: message };
    return data({ errors, email }, { status: outcome.reason === "throttled" ? 429 : 400 });
  }
  const target = safeRedirectPath(terug, homeFor(outcome.role));
  if (outcome.next !== "session") {
    // No session yet: the password only opens the second step, for a few minutes.
    const cookie = pendingLoginCookie(context, { userId: outcome.userId, purpose: outcome.next, terug: target });
    return redirect(outcome.next === "code" ? "/inloggen/code" : "/account/tweede-stap", {
      headers: { "Set-Cookie": cookie },
    });
  }
  const session = await createSession(context, outcome.userId, request);
  const headers = new Headers();
  headers.append("Set-Cookie", session.cookie);
  headers.append("Set-Cookie", deviceCookie(context, outcome.email, device));
  return redirect(target, { headers });
}

export default function Login() {
  const messages = useT();
  const t = messages.login;
  const { terug, expired, signedOut, restart } = useLoaderData<typeof loader>();
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
      {restart ? (
        <Alert type="warning" role="status">
          <Paragraph>{messages.account.pendingExpired}</Paragraph>
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
