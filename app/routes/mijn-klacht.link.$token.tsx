import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm } from "#app/components/forms";
import { Alert, Button, PageTitle, Paragraph } from "#app/components/ui";
import { useT } from "#app/i18n/i18n";
import { inspectLink, redeemLink } from "#app/residents/access.server";
import { audit } from "#app/utils/audit.server";
import { readForm } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import { LinkRequestForm } from "./mijn-klacht._index";

export const handle: PageHandle = { i18n: ["resident"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.resident.linkTitle);

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The link from the mail. Opening it shows a button; only pressing it uses the link, so a mail
 * program that fetches links to check them does not use it up.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  if (!TOKEN.test(token)) return { state: "unknown" as const };
  const link = await inspectLink(context.services.db, token, context.services.now());
  return { state: link.state };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const token = params.token ?? "";
  const used = TOKEN.test(token) ? await redeemLink(context, token) : ({ state: "unknown" } as const);
  if (used.state !== "opened") return { state: used.state };
  await audit(
    context.services.db,
    context,
    { id: null, role: "resident" },
    {
      action: "resident.link_used",
      subjectType: "dossier",
      subjectId: used.dossierId,
    },
  );
  return redirect("/mijn-klacht/dossier", { headers: { "Set-Cookie": used.cookie } });
}

export default function ResidentLink() {
  const r = useT().resident;
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const state = posted?.state ?? loaded.state;
  if (state === "valid")
    return (
      <>
        <PageTitle>{r.linkTitle}</PageTitle>
        <AppForm>
          <Button>{r.linkOpen}</Button>
        </AppForm>
      </>
    );
  const message = state === "used" ? r.linkUsed : state === "expired" ? r.linkExpired : r.linkUnknown;
  return (
    <>
      <PageTitle>{r.linkTitle}</PageTitle>
      <Alert type="warning" role="status">
        <Paragraph>{message}</Paragraph>
      </Alert>
      <LinkRequestForm />
    </>
  );
}
