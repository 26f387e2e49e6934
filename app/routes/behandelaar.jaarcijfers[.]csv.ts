import type { LoaderFunctionArgs } from "@remix-run/node";
import { CSV_BOM, csvLine } from "#app/dossiers/csv";
import { loadAnnualFigures } from "#app/http/annual-figures.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { getLocale } from "#app/i18n/locale.server";
import { FIGURE_TABLES, figureTable, type FigureTable } from "./behandelaar.jaarcijfers/tables";

/** One table of the annual figures (?tabel=…) as a CSV file for Dutch Excel; the export is audited. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const asked = new URL(request.url).searchParams.get("tabel") ?? "";
  if (!(FIGURE_TABLES as readonly string[]).includes(asked)) throw new Response("Not Found", { status: 404 });
  const table = asked as FigureTable;
  const data = await loadAnnualFigures(request, context, "annual_figures.exported", { table });
  const { header, rows, total } = figureTable(table, data, messagesFor(getLocale(request)), getLocale(request));
  const name = `jaarcijfers-${table}-${data.period.from}-${data.period.to}${data.municipalityId ? `-${data.municipalityId}` : ""}.csv`;
  return new Response(
    CSV_BOM + csvLine(header) + [...rows, ...(total ? [total] : [])].map((r) => csvLine(r)).join(""),
    {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    },
  );
}
