import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  clearPendingLoginCookie,
  CodeSchema,
  completeLogin,
  finishPendingLogin,
  disableTotp,
  enableTotp,
  getTotpAccount,
  openSetupSecret,
  PENDING_LOGIN_COOKIE,
  readPendingLogin,
  signSetupSecret,
  type PendingLogin,
  type TotpAccount,
} from "#app/auth/login.server";
import { getUser, homeFor } from "#app/auth/session.server";
import { formatSecret, generateSecret, otpauthQrDataUri, otpauthUri } from "#app/auth/totp.server";
import { AppForm, ErrorSummary, TextField } from "#app/components/forms";
import { Alert, Button, Heading, Link, PageTitle, Paragraph } from "#app/components/ui";
import { messagesFor, type Messages } from "#app/i18n/catalogue.server";
import { formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { readCookie } from "#app/utils/cookies.server";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["account"] };

const PATH = "/account/tweede-stap";

const IntentSchema = z.object({ intent: z.enum(["aanzetten", "uitzetten"]) });

function EnableSchema(t: Messages["account"]) {
  return CodeSchema(t).extend({ token: z.string().default("") });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.account.setup.title);

// The page shows a fresh secret: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

type Visitor = { account: TotpAccount; pending: PendingLogin | null };

/**
 * A signed-in user, or one whose password was accepted in production but who must set up
 * TOTP before a session exists (the pending "setup" cookie). Anyone else signs in first.
 */
async function requireVisitor(request: Request, context: LoaderFunctionArgs["context"]): Promise<Visitor> {
  const user = await getUser(request, context);
  const pending = user ? null : readPendingLogin(request, context, "setup");
  const account = user || pending ? await getTotpAccount(context, user?.id ?? pending!.userId) : null;
  if (account && account.active && (user || !account.totpEnabled)) return { account, pending };
  if (readCookie(request.headers.get("cookie"), PENDING_LOGIN_COOKIE)) {
    throw redirect("/inloggen?opnieuw=1", { headers: { "Set-Cookie": clearPendingLoginCookie(context) } });
  }
  throw redirect(`/inloggen?${new URLSearchParams({ terug: PATH })}`);
}

async function setupView(context: LoaderFunctionArgs["context"], account: TotpAccount, secret: string) {
  const uri = otpauthUri({ secret, account: account.email });
  return {
    key: formatSecret(secret),
    uri,
    qr: await otpauthQrDataUri(uri),
    token: signSetupSecret(context, account.id, secret),
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { account, pending } = await requireVisitor(request, context);
  const url = new URL(request.url);
  const common = { home: homeFor(account.role), justEnabled: url.searchParams.get("aan") === "1" };
  if (account.totpEnabled) {
    return {
      ...common,
      state: "enabled" as const,
      enabledAt: account.totpEnabledAt?.toISOString() ?? null,
      canDisable: !context.services.env.isProduction,
    };
  }
  return {
    ...common,
    state: "setup" as const,
    required: pending !== null,
    justDisabled: url.searchParams.get("uit") === "1",
    setup: await setupView(context, account, generateSecret()),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const { account, pending } = await requireVisitor(request, context);
  const actor = { id: account.id, role: account.role };
  const intent = parseForm(IntentSchema, formData);
  if (!intent.success) throw new Response("Bad Request", { status: 400 });

  if (intent.data.intent === "uitzetten") {
    if (pending || context.services.env.isProduction) throw new Response("Forbidden", { status: 403 });
    await disableTotp(context, actor);
    return redirect(`${PATH}?uit=1`);
  }

  if (account.totpEnabled) return redirect(PATH);
  const t = messagesFor(getLocale(request)).account;
  const parsed = parseForm(EnableSchema(t), formData);
  const token = parsed.success ? parsed.data.token : String(parsed.values.token ?? "");
  const secret = openSetupSecret(context, account.id, token);
  if (!secret) {
    // An old or altered page: start over with a new secret rather than trust the posted one.
    const errors: FieldErrors = { code: t.setup.expired };
    return data({ errors, setup: await setupView(context, account, generateSecret()) }, { status: 400 });
  }
  if (!parsed.success) {
    const errors: FieldErrors = parsed.errors;
    return data({ errors, setup: await setupView(context, account, secret) }, { status: 400 });
  }
  if (!(await enableTotp(context, actor, secret, parsed.data.code))) {
    const errors: FieldErrors = { code: t.setup.invalid };
    return data({ errors, setup: await setupView(context, account, secret) }, { status: 400 });
  }
  if (!pending) return redirect(`${PATH}?aan=1`);

  await completeLogin(context, actor, true);
  return finishPendingLogin(context, request, {
    userId: account.id,
    role: account.role,
    email: account.email,
    terug: pending.terug,
  });
}

export default function SecondStep() {
  const { messages, locale } = useI18n();
  const t = messages.account;
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={result && "errors" in result ? result.errors : null} order={["code"]} />
      <PageTitle>{t.setup.title}</PageTitle>
      {page.state === "enabled" ? (
        <>
          {page.justEnabled ? (
            <Alert type="ok" role="status">
              <Paragraph>{t.enabled.justEnabled}</Paragraph>
            </Alert>
          ) : null}
          <Paragraph>
            {page.enabledAt
              ? interpolate(t.enabled.status, { date: formatDateTime(page.enabledAt, locale) })
              : t.enabled.statusNoDate}
          </Paragraph>
          <Paragraph>{t.enabled.lostPhone}</Paragraph>
          <Paragraph>
            <Link to={page.home}>{t.toHome}</Link>
          </Paragraph>
          {page.canDisable ? (
            <>
              <Heading level={2}>{t.enabled.disableHeading}</Heading>
              <Paragraph>{t.enabled.disableText}</Paragraph>
              <AppForm>
                <input type="hidden" name="intent" value="uitzetten" />
                <Button appearance="secondary">{t.enabled.disableSubmit}</Button>
              </AppForm>
            </>
          ) : null}
        </>
      ) : (
        <SetupForm
          t={t}
          setup={result && "setup" in result ? result.setup : page.setup}
          error={result && "errors" in result ? result.errors.code : undefined}
          required={page.required}
          justDisabled={page.justDisabled}
        />
      )}
    </>
  );
}

function SetupForm({
  t,
  setup,
  error,
  required,
  justDisabled,
}: {
  t: Messages["account"];
  setup: { key: string; uri: string; qr: string; token: string };
  error?: string;
  required: boolean;
  justDisabled: boolean;
}) {
  return (
    <>
      {justDisabled ? (
        <Alert type="ok" role="status">
          <Paragraph>{t.disabled.justDisabled}</Paragraph>
        </Alert>
      ) : null}
      {required ? (
        <Alert type="warning">
          <Paragraph>{t.setup.required}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t.setup.intro}</Paragraph>

      <Heading level={2}>{t.setup.step1Heading}</Heading>
      <Paragraph>{t.setup.step1}</Paragraph>

      <Heading level={2}>{t.setup.step2Heading}</Heading>
      <Paragraph>{t.setup.step2}</Paragraph>
      <Paragraph>
        <img src={setup.qr} alt={t.setup.qrAlt} width={200} height={200} />
      </Paragraph>
      <Paragraph>{t.setup.manualKey}</Paragraph>
      <Paragraph>
        {t.setup.keyLabel}: <code>{setup.key}</code>
      </Paragraph>
      <Paragraph>
        <a className="utrecht-link" href={setup.uri}>
          {t.setup.openInApp}
        </a>
      </Paragraph>

      <Heading level={2}>{t.setup.step3Heading}</Heading>
      <Paragraph>{t.setup.step3}</Paragraph>
      <AppForm>
        <input type="hidden" name="intent" value="aanzetten" />
        <input type="hidden" name="token" value={setup.token} />
        <TextField
          name="code"
          label={t.codeLabel}
          description={t.codeHint}
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          width="short"
          error={error}
        />
        <Button>{t.setup.submit}</Button>
      </AppForm>
    </>
  );
}
