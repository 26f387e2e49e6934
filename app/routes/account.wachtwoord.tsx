import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { changePassword, PASSWORD_MIN_LENGTH, PasswordChangeSchema } from "#app/auth/password-change.server";
import { homeFor, requireUser } from "#app/auth/session.server";
import { AppForm, ErrorSummary, TextField } from "#app/components/forms";
import { Alert, Button, Link, PageTitle, Paragraph } from "#app/components/ui";
import { messagesFor } from "#app/i18n/catalogue.server";
import { countMessage, interpolate, useT } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["account"] };

const PATH = "/account/wachtwoord";
const ALL_ROLES = ["case_handler", "coordinator", "municipality_officer"] as const;
const ORDER = ["current", "next", "repeat"];

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.account.password.title);

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, ALL_ROLES);
  // The minimum comes from the server module (not in the browser bundle), so the page gets it as data.
  return {
    home: homeFor(user.role),
    changed: new URL(request.url).searchParams.get("gewijzigd") === "1",
    min: PASSWORD_MIN_LENGTH,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context, ALL_ROLES);
  const t = messagesFor(getLocale(request)).account.password;
  const parsed = parseForm(PasswordChangeSchema(t), formData);
  // Passwords are never sent back to the page, not even after an error.
  if (!parsed.success) return data({ errors: parsed.errors as FieldErrors }, { status: 400 });
  const outcome = await changePassword(context, user, parsed.data);
  if (!outcome.ok) {
    const errors: FieldErrors =
      outcome.reason === "throttled"
        ? { current: countMessage(outcome.retryAfterMinutes, t.throttledOneMinute, t.throttled, "minutes") }
        : { current: t.wrongCurrent };
    return data({ errors }, { status: outcome.reason === "throttled" ? 429 : 400 });
  }
  return redirect(`${PATH}?gewijzigd=1`);
}

export default function ChangePassword() {
  const messages = useT();
  const t = messages.account.password;
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  return (
    <>
      <ErrorSummary errors={errors} order={ORDER} />
      <PageTitle>{t.title}</PageTitle>
      {page.changed && !errors ? (
        <Alert type="ok" role="status">
          <Paragraph>{t.changed}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{interpolate(t.intro, { min: page.min })}</Paragraph>
      {/* A new form after every post, so no password stays in a field. */}
      <AppForm key={errors ? JSON.stringify(errors) : "form"}>
        <TextField
          name="current"
          type="password"
          label={t.current}
          autoComplete="current-password"
          error={errors?.current}
        />
        <TextField
          name="next"
          type="password"
          label={t.next}
          description={interpolate(t.nextHint, { min: page.min })}
          autoComplete="new-password"
          error={errors?.next}
        />
        <TextField name="repeat" type="password" label={t.repeat} autoComplete="new-password" error={errors?.repeat} />
        <Button type="submit">{t.submit}</Button>
      </AppForm>
      <Paragraph>
        <Link to={page.home}>{messages.account.toHome}</Link>
      </Paragraph>
    </>
  );
}
