import type { LoaderFunctionArgs } from "@remix-run/node";
import { figuresCsv, loadFigures } from "#app/http/figures.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { getLocale } from "#app/i18n/locale.server";

/** The officer's municipality's figures of a year as CSV. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { rows, year } = await loadFigures(request, context, "municipality_officer", "figures.exported");
  return figuresCsv(
    rows,
    messagesFor(getLocale(request)),
    `cijfers-${rows[0]?.municipalityId ?? "gemeente"}-${year}.csv`,
  );
}
