import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { clearSessionCookie, destroySession, getUser } from "#app/auth/session.server";
import { AppForm } from "#app/components/forms";
import { Button, PageTitle, Paragraph } from "#app/components/ui";
import { useT } from "#app/i18n/i18n";
import { audit } from "#app/utils/audit.server";
import { readForm } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["logout"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.logout.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  if (!user) throw redirect("/inloggen");
  return null;
}

/** Signing out is a POST (with CSRF token), so a link on another site cannot sign anyone out. */
export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const user = await getUser(request, context);
  if (user) {
    await destroySession(context, user.sessionId);
    await audit(
      context.services.db,
      context,
      { id: user.id, role: user.role },
      { action: "logout", subjectType: "user", subjectId: user.id },
    );
  }
  return redirect("/inloggen?uitgelogd=1", { headers: { "Set-Cookie": clearSessionCookie(context) } });
}

export default function Logout() {
  const t = useT().logout;
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Paragraph>{t.confirm}</Paragraph>
      <AppForm>
        <Button>{t.submit}</Button>
      </AppForm>
    </>
  );
}
