import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FiguresView } from "#app/components/municipality-figures";
import { loadFigures } from "#app/http/figures.server";
import { Link, PageTitle, Paragraph } from "#app/components/ui";
import { interpolate, useI18n } from "#app/i18n/i18n";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["portal", "figures", "casework.outcomes"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.figures.title);

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** The officer's own municipality's figures for a year; no other municipality's. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadFigures(request, context, "municipality_officer", "figures.viewed");
}

export default function MunicipalityFiguresPage() {
  const { messages } = useI18n();
  const t = messages.figures;
  const { rows, year, years } = useLoaderData<typeof loader>();
  return (
    <>
      <Paragraph>
        <Link to="/gemeente">{messages.portal.backToList}</Link>
      </Paragraph>
      <PageTitle preHeading={interpolate(messages.portal.preHeading, { municipality: rows[0]?.municipality ?? "" })}>
        {t.title}
      </PageTitle>
      <Paragraph>{t.intro}</Paragraph>
      <FiguresView
        rows={rows}
        year={year}
        years={years}
        action="/gemeente/cijfers"
        csvHref={`/gemeente/cijfers.csv?jaar=${year}`}
      />
    </>
  );
}
