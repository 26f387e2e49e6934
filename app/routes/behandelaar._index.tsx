import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { PageTitle, Paragraph } from "#app/components/ui";
import { interpolate, useT } from "#app/i18n/i18n";
import { pageMeta } from "#app/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.staffHome.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, ["case_handler", "coordinator"]);
  return { name: user.name, role: user.role };
}

export default function CaseHandlerHome() {
  const t = useT().staffHome;
  const { name, role } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Paragraph>{interpolate(t.welcome, { name })}</Paragraph>
      <Paragraph>{interpolate(t.yourRole, { role: role === "coordinator" ? t.roleCoordinator : t.roleCaseHandler })}</Paragraph>
      <Paragraph>{t.comingSoon}</Paragraph>
    </>
  );
}
