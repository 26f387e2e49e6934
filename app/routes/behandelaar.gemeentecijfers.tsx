import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FiguresView } from "#app/components/municipality-figures";
import { loadFigures } from "#app/http/figures.server";
import { Link, PageTitle, Paragraph } from "#app/components/ui";
import { useI18n } from "#app/i18n/i18n";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["queue", "figures", "casework.outcomes"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.figures.coordinatorTitle);

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** The coordinator's view: the same figures, for every municipality. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadFigures(request, context, "coordinator", "figures.viewed");
}

export default function CoordinatorFiguresPage() {
  const { messages } = useI18n();
  const t = messages.figures;
  const { rows, year, years } = useLoaderData<typeof loader>();
  return (
    <>
      <Paragraph>
        <Link to="/behandelaar">{messages.queue.title}</Link>
      </Paragraph>
      <PageTitle>{t.coordinatorTitle}</PageTitle>
      <Paragraph>{t.coordinatorIntro}</Paragraph>
      <FiguresView
        rows={rows}
        year={year}
        years={years}
        action="/behandelaar/gemeentecijfers"
        csvHref={`/behandelaar/gemeentecijfers.csv?jaar=${year}`}
      />
    </>
  );
}
