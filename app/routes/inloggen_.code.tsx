import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { readDevice } from "#app/auth/device.server";
import {
  attemptCode,
  clearPendingLoginCookie,
  CodeSchema,
  finishPendingLogin,
  readPendingLogin,
} from "#app/auth/login.server";
import { getUser, homeFor } from "#app/auth/session.server";
import { AppForm, ErrorSummary, TextField } from "#app/components/forms";
import { Button, Link, PageTitle, Paragraph } from "#app/components/ui";
import { messagesFor } from "#app/i18n/catalogue.server";
import { countMessage, useT } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["login", "account"] };

// "inloggen_" keeps /inloggen/code out of the sign-in page's layout: it is a page of its own.

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.account.code.title);

/** Without a valid pending sign-in there is nothing to confirm: back to the password. */
function restart(context: LoaderFunctionArgs["context"]): Response {
  return redirect("/inloggen?opnieuw=1", { headers: { "Set-Cookie": clearPendingLoginCookie(context) } });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const pending = readPendingLogin(request, context, "code");
  if (!pending) {
    const user = await getUser(request, context);
    if (user) throw redirect(homeFor(user.role));
    throw restart(context);
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const pending = readPendingLogin(request, context, "code");
  if (!pending) throw restart(context);
  const messages = messagesFor(getLocale(request));
  const parsed = parseForm(CodeSchema(messages.account), formData);
  if (!parsed.success) {
    const errors: FieldErrors = parsed.errors;
    return data({ errors }, { status: 400 });
  }
  const outcome = await attemptCode(context, pending.userId, parsed.data.code, readDevice(request, context));
  if (!outcome.ok) {
    if (outcome.reason === "restart") throw restart(context);
    const errors: FieldErrors = {
      code:
        outcome.reason === "throttled"
          ? countMessage(
              outcome.retryAfterMinutes,
              messages.login.throttledOneMinute,
              messages.login.throttled,
              "minutes",
            )
          : messages.account.code.invalid,
    };
    return data({ errors }, { status: outcome.reason === "throttled" ? 429 : 400 });
  }
  return finishPendingLogin(context, request, {
    userId: outcome.userId,
    role: outcome.role,
    email: outcome.email,
    terug: pending.terug,
  });
}

export default function LoginCode() {
  const messages = useT();
  const t = messages.account;
  const result = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={result?.errors} order={["code"]} />
      <PageTitle>{t.code.title}</PageTitle>
      <Paragraph>{t.code.intro}</Paragraph>
      <AppForm>
        <TextField
          name="code"
          label={t.codeLabel}
          description={t.codeHint}
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          width="short"
          error={result?.errors.code}
        />
        <Button>{t.code.submit}</Button>
      </AppForm>
      <Paragraph>{t.code.noApp}</Paragraph>
      <Paragraph>
        <Link to="/inloggen">{t.code.otherAccount}</Link>
      </Paragraph>
    </>
  );
}
