import type { LoaderFunctionArgs } from "@remix-run/node";
import { figuresCsv, loadFigures } from "#app/http/figures.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { getLocale } from "#app/i18n/locale.server";

/** Every municipality's figures of a year as CSV, for the coordinator. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { rows, year } = await loadFigures(request, context, "coordinator", "figures.exported");
  return figuresCsv(rows, messagesFor(getLocale(request)), `cijfers-per-gemeente-${year}.csv`);
}
