import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "#app/auth/session.server";
import { Link, ListItem, PageTitle, Paragraph, UnorderedList } from "#app/components/ui";
import { useI18n } from "#app/i18n/i18n";
import { REFERENCE_ROLES } from "#app/reference/actor.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["reference.home"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.reference.home.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, REFERENCE_ROLES);
  return null;
}

export default function ReferenceData() {
  const t = useI18n().messages.reference.home;
  return (
    <>
      <Paragraph>
        <Link to="/behandelaar">{t.backHome}</Link>
      </Paragraph>
      <PageTitle preHeading={t.preHeading}>{t.title}</PageTitle>
      <Paragraph>{t.intro}</Paragraph>
      <UnorderedList>
        <ListItem>
          <Link to="/behandelaar/referentiegegevens/gemeenten">{t.municipalities}</Link>
        </ListItem>
        <ListItem>
          <Link to="/behandelaar/referentiegegevens/feestdagen">{t.holidays}</Link>
        </ListItem>
        <ListItem>
          <Link to="/behandelaar/referentiegegevens/standaardteksten">{t.texts}</Link>
        </ListItem>
      </UnorderedList>
    </>
  );
}
