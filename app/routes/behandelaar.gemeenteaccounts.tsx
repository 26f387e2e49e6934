import { useMemo } from "react";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import {
  deactivateOfficerAccount,
  DEACTIVATION_REASON_MAX,
  listOfficerAccounts,
  OFFICER_ACCOUNT_ROLES,
} from "#app/auth/officer-accounts.server";
import { requireUser } from "#app/auth/session.server";
import { DataTable } from "#app/components/data-table";
import { AppForm, ErrorSummary, fieldId } from "#app/components/forms";
import { Alert, Button, Link, PageTitle, Paragraph, VisuallyHidden } from "#app/components/ui";
import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDateTime, interpolate, useI18n, type Messages } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { audit } from "#app/utils/audit.server";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["portalAdmin.officerAccounts"] };

const PATH = "/behandelaar/gemeenteaccounts";

type T = Messages["portalAdmin"]["officerAccounts"];

/** The deactivation form: which account, and why (kept in the audit row). */
const DeactivateSchema = (t: T) =>
  z.object({
    userId: z.string().trim().min(1),
    reason: z.preprocess(
      (v) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n").trim() : ""),
      z
        .string()
        .min(1, t.reasonRequired)
        .max(DEACTIVATION_REASON_MAX, interpolate(t.reasonTooLong, { max: DEACTIVATION_REASON_MAX })),
    ),
  });

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.portalAdmin.officerAccounts.title);

// Names and e-mail addresses: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, OFFICER_ACCOUNT_ROLES);
  const { db } = context.services;
  const accounts = await listOfficerAccounts(db, user);
  if (!accounts) throw new Response("Forbidden", { status: 403 });
  await audit(db, context, user, { action: "officer_accounts.viewed", details: { count: accounts.length } });
  const url = new URL(request.url);
  const done = url.searchParams.get("gedaan");
  const doneFor = accounts.find((a) => a.id === url.searchParams.get("account"));
  return {
    accounts,
    done:
      doneFor && (done === "gedeactiveerd" || done === "al-gedeactiveerd") ? { kind: done, name: doneFor.name } : null,
  };
}

type ActionData = { userId: string; errors: FieldErrors; reason: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, OFFICER_ACCOUNT_ROLES);
  const formData = await readForm(request, context);
  const t = messagesFor(getLocale(request)).portalAdmin.officerAccounts;
  const parsed = parseForm(DeactivateSchema(t), formData);
  if (!parsed.success) {
    const { userId, reason } = parsed.values;
    return data<ActionData>(
      {
        userId: typeof userId === "string" ? userId : "",
        errors: parsed.errors,
        reason: typeof reason === "string" ? reason : "",
      },
      { status: 400 },
    );
  }
  const result = await deactivateOfficerAccount(context, user, parsed.data);
  if (!result.ok) throw new Response("Not Found", { status: 404 });
  const search = new URLSearchParams({
    gedaan: result.changed ? "gedeactiveerd" : "al-gedeactiveerd",
    account: parsed.data.userId,
  });
  return redirect(`${PATH}?${search.toString()}`);
}

/**
 * The reason field of one row's form. Every row has a field named "reason", so the id (which the
 * label and the error summary point at) carries the account's id.
 */
function ReasonField({
  userId,
  name,
  error,
  value,
  t,
}: {
  userId: string;
  name: string;
  error?: string;
  value?: string;
  t: T;
}) {
  const { messages } = useI18n();
  const id = fieldId(`reason-${userId}`);
  return (
    <div className={`utrecht-form-field utrecht-form-field--text${error ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {t.reason}
          <VisuallyHidden> {interpolate(t.reasonFor, { name })}</VisuallyHidden>
        </label>
      </div>
      {error ? (
        <p className="utrecht-form-field-error-message" id={`${id}-fout`}>
          <span className="oma-visually-hidden">{messages.form.errorPrefix} </span>
          {error}
        </p>
      ) : null}
      <div className="utrecht-form-field__input">
        <input
          id={id}
          name="reason"
          type="text"
          className={`utrecht-textbox utrecht-textbox--html-input${error ? " utrecht-textbox--invalid" : ""}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-fout` : undefined}
          maxLength={DEACTIVATION_REASON_MAX}
          required
          defaultValue={value}
        />
      </div>
    </div>
  );
}

export default function OfficerAccounts() {
  const { messages, locale } = useI18n();
  const t = messages.portalAdmin.officerAccounts;
  const { accounts, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // A successful post redirects here; a new location resets every form.
  const { key: locationKey } = useLocation();
  const failed = result && "errors" in result ? result : null;
  // The summary links to the field of the row that was posted.
  // Kept the same object between renders: the summary takes focus for every new set of errors.
  const summary = useMemo(
    () =>
      failed
        ? Object.fromEntries(
            Object.entries(failed.errors).map(([key, message]) => [
              key === "reason" ? `reason-${failed.userId}` : key,
              message,
            ]),
          )
        : null,
    [failed],
  );

  return (
    <>
      <Paragraph>
        <Link to="/behandelaar">{t.backHome}</Link>
      </Paragraph>
      <ErrorSummary errors={summary} />
      <PageTitle preHeading={t.preHeading}>{t.title}</PageTitle>
      {done && !failed ? (
        <Alert type="ok" role="status">
          <Paragraph>
            {interpolate(done.kind === "gedeactiveerd" ? t.deactivated : t.alreadyInactive, { name: done.name })}
          </Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t.intro}</Paragraph>
      {accounts.length === 0 ? (
        <Paragraph>{t.empty}</Paragraph>
      ) : (
        <DataTable
          caption={t.caption}
          rows={accounts}
          rowKey={(a) => a.id}
          columns={[
            { key: "name", header: t.name, cell: (a) => a.name },
            { key: "email", header: t.email, cell: (a) => a.email },
            { key: "municipality", header: t.municipality, cell: (a) => a.municipalityName },
            { key: "status", header: t.status, cell: (a) => (a.active ? t.active : t.inactive) },
            {
              key: "secondFactor",
              header: t.secondFactor,
              cell: (a) => (a.secondFactor ? t.secondFactorOn : t.secondFactorOff),
            },
            {
              key: "lastSignIn",
              header: t.lastSignIn,
              cell: (a) => (a.lastLoginAt ? formatDateTime(a.lastLoginAt, locale) : t.neverSignedIn),
            },
            {
              key: "action",
              header: t.action,
              cell: (a) => {
                if (!a.active) return t.noAction;
                const mine = failed?.userId === a.id ? failed : null;
                return (
                  <AppForm action={PATH} className="oma-inline-form" key={`${locationKey}-${a.id}`}>
                    <input type="hidden" name="userId" value={a.id} />
                    <ReasonField userId={a.id} name={a.name} error={mine?.errors.reason} value={mine?.reason} t={t} />
                    <Button appearance="secondary" className="oma-small-button">
                      {t.submit}
                      <VisuallyHidden> {interpolate(t.submitFor, { name: a.name })}</VisuallyHidden>
                    </Button>
                  </AppForm>
                );
              },
            },
          ]}
        />
      )}
    </>
  );
}
