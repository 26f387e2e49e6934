import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { getMunicipalityName } from "#app/portal/municipalities.server";
import { PageTitle, Paragraph } from "#app/components/ui";
import { interpolate, useT } from "#app/i18n/i18n";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["staffHome"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.staffHome.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, ["municipality_officer"]);
  const municipality = await getMunicipalityName(context.services.db, user.municipalityId ?? "");
  return { name: user.name, municipality: municipality ?? "" };
}

export default function MunicipalityHome() {
  const t = useT().staffHome;
  const { name, municipality } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Paragraph>{interpolate(t.welcome, { name })}</Paragraph>
      <Paragraph>
        {interpolate(t.yourRole, { role: interpolate(t.roleMunicipalityOfficer, { municipality }) })}
      </Paragraph>
      <Paragraph>{t.comingSoon}</Paragraph>
    </>
  );
}
