import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, ErrorSummary, TextField } from "#app/components/forms";
import { Alert, Button, PageTitle, Paragraph } from "#app/components/ui";
import { messagesFor } from "#app/i18n/catalogue.server";
import { interpolate, useT } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { enqueueMail } from "#app/mail/outbox.server";
import { createResidentLink, linkTarget, mayMailLink, residentLinkPath } from "#app/residents/access.server";
import { linkRequestSchema } from "#app/residents/forms.server";
import { audit } from "#app/utils/audit.server";
import { parseForm, readForm, type FieldErrors } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import { numberFromQuery } from "#app/residents/paths";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["resident"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.resident.title);

/** Asking for a link to one's dossier: the same answer whether or not the number and address belong together. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return {
    sent: url.searchParams.get("verstuurd") === "1",
    expired: url.searchParams.get("verlopen") === "1",
    signedOut: url.searchParams.get("uitgelogd") === "1",
    number: numberFromQuery(url),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  // The mail speaks the language the resident asked in.
  const locale = getLocale(request);
  const r = messagesFor(locale).resident;
  const parsed = parseForm(linkRequestSchema(r), formData);
  if (!parsed.success) {
    const errors: FieldErrors = parsed.errors;
    const value = (key: string) => (typeof parsed.values[key] === "string" ? (parsed.values[key] as string) : "");
    return data({ errors, number: value("number"), email: value("email") }, { status: 400 });
  }
  const { services } = context;
  const now = services.now();
  const target = await linkTarget(services.db, parsed.data.number, parsed.data.email);
  if (target && (await mayMailLink(services.db, target.dossierId, now))) {
    await services.db.transaction(async (tx) => {
      const token = await createResidentLink(tx, target.dossierId, now);
      const words = r;
      const link = `${services.env.publicUrl}${residentLinkPath(token)}`;
      await enqueueMail(tx, {
        to: target.email,
        subject: interpolate(words.linkMailSubject, { number: target.number }),
        text: interpolate(words.linkMailText, { name: target.name, number: target.number, link }),
        locale,
        kind: "resident_link",
        subjectType: "resident_link",
        subjectId: target.dossierId,
      });
      await audit(
        tx,
        context,
        { id: null, role: "resident" },
        {
          action: "resident.link_requested",
          subjectType: "dossier",
          subjectId: target.dossierId,
          details: { number: target.number },
        },
      );
    });
  }
  // The same answer either way: nobody learns here whether an address has a dossier.
  return redirect("/mijn-klacht?verstuurd=1#inhoud");
}

export default function ResidentLinkRequest() {
  const t = useT();
  const r = t.resident;
  const { sent, expired, signedOut, number } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={result?.errors} order={["number", "email"]} />
      <PageTitle>{r.title}</PageTitle>
      {sent ? (
        <Alert type="ok" role="status">
          <Paragraph>{r.sent}</Paragraph>
        </Alert>
      ) : null}
      {expired ? (
        <Alert type="warning" role="status">
          <Paragraph>{r.expiredSession}</Paragraph>
        </Alert>
      ) : null}
      {signedOut ? (
        <Alert type="ok" role="status">
          <Paragraph>{r.signedOut}</Paragraph>
        </Alert>
      ) : null}
      <LinkRequestForm number={result?.number ?? number} email={result?.email} errors={result?.errors} />
      <Paragraph>{r.noEmail}</Paragraph>
    </>
  );
}

/** The form that asks for a link; also shown under a link that no longer works. */
export function LinkRequestForm({ number, email, errors }: { number?: string; email?: string; errors?: FieldErrors }) {
  const r = useT().resident;
  return (
    <>
      <Paragraph>{r.intro}</Paragraph>
      <AppForm action="/mijn-klacht">
        <TextField
          name="number"
          label={r.number}
          description={r.numberHint}
          autoComplete="off"
          spellCheck={false}
          defaultValue={number ?? ""}
          error={errors?.number}
        />
        <TextField
          name="email"
          type="email"
          label={r.email}
          description={r.emailHint}
          autoComplete="email"
          spellCheck={false}
          defaultValue={email ?? ""}
          error={errors?.email}
        />
        <Button>{r.send}</Button>
      </AppForm>
    </>
  );
}
