import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link as RemixLink, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "#app/auth/session.server";
import { DataTable } from "#app/components/data-table";
import { ErrorSummary, TextField } from "#app/components/forms";
import { Pagination } from "#app/components/pagination";
import { Button, Heading, Link, PageTitle, Paragraph } from "#app/components/ui";
import { formatDateTime, interpolate, useI18n, type Messages } from "#app/i18n/i18n";
import { isDossierNumber, listAccessLog, type AccessLogEntry } from "#app/portal/access-log.server";
import { getMunicipalityName } from "#app/portal/municipalities.server";
import { audit } from "#app/utils/audit.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import { displayFileName } from "#app/utils/text";

export const handle: PageHandle = { i18n: ["portalAdmin.accessLog"] };

const PATH = "/gemeente/toegangslog";
const dossierPath = (number: string) => `/gemeente/dossiers/${encodeURIComponent(number)}`;

/** The filter as the GET form sends it: a dossier number (any case, spaces around it), and a page. */
const FilterSchema = z.object({
  nummer: z
    .string()
    .trim()
    .toUpperCase()
    .max(100)
    .catch("")
    .transform((v) => v || null),
  pagina: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.portalAdmin.accessLog.title);

// Names of the municipality's staff: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, ["municipality_officer"]);
  const params = new URL(request.url).searchParams;
  const { nummer: number, pagina: page } = FilterSchema.parse({
    nummer: params.get("nummer") ?? undefined,
    pagina: params.get("pagina") ?? undefined,
  });
  const { db } = context.services;
  const [municipality, log] = await Promise.all([
    getMunicipalityName(db, user.municipalityId ?? ""),
    listAccessLog(db, user, { page, number }),
  ]);
  if (!log) throw new Response("Forbidden", { status: 403 });
  // Not about a dossier, so it does not show up in the log it reads.
  await audit(db, context, user, {
    action: "portal.access_log_viewed",
    subjectType: "municipality",
    subjectId: user.municipalityId ?? undefined,
    details: { number, page },
  });
  return {
    municipality: municipality ?? "",
    number,
    numberInvalid: number !== null && !isDossierNumber(number),
    page,
    ...log,
  };
}

type T = Messages["portalAdmin"]["accessLog"];

function what(t: T, entry: AccessLogEntry): string {
  switch (entry.action) {
    case "dossier.viewed":
      return t.viewed;
    case "dossier.attachment_downloaded":
      return entry.fileName
        ? interpolate(t.downloaded, { fileName: displayFileName(entry.fileName) })
        : t.downloadedUnnamed;
    default:
      return interpolate(t.other, { action: entry.action });
  }
}

export default function AccessLog() {
  const { messages, locale } = useI18n();
  const t = messages.portalAdmin.accessLog;
  const { municipality, number, numberInvalid, page, pages, total, entries } = useLoaderData<typeof loader>();
  const pageUrl = (p: number) => {
    const search = new URLSearchParams();
    if (number) search.set("nummer", number);
    if (p > 1) search.set("pagina", String(p));
    const query = search.toString();
    return query ? `${PATH}?${query}` : PATH;
  };
  const errors = numberInvalid ? { nummer: t.numberInvalid } : null;
  const filtered = number !== null && !numberInvalid;

  return (
    <>
      <Paragraph>
        <Link to="/gemeente">{t.backToList}</Link>
      </Paragraph>
      <ErrorSummary errors={errors} />
      <PageTitle preHeading={interpolate(t.preHeading, { municipality })}>{t.title}</PageTitle>
      <Paragraph>{t.intro}</Paragraph>

      <section aria-labelledby="filter-kop">
        <Heading level={2} id="filter-kop">
          {t.filterHeading}
        </Heading>
        <Form method="get" action={PATH}>
          <TextField
            name="nummer"
            type="search"
            label={t.numberLabel}
            description={t.numberHint}
            error={errors?.nummer}
            required={false}
            autoComplete="off"
            spellCheck={false}
            width="medium"
            defaultValue={number ?? ""}
          />
          <Button>{t.apply}</Button>
        </Form>
        {number !== null ? (
          <Paragraph>
            <Link to={PATH}>{t.clear}</Link>
          </Paragraph>
        ) : null}
      </section>

      {numberInvalid ? null : total === 0 ? (
        <Paragraph>{filtered ? interpolate(t.emptyFiltered, { number }) : t.empty}</Paragraph>
      ) : entries.length === 0 ? (
        <Paragraph>
          {t.emptyPage} <Link to={pageUrl(1)}>{t.firstPage}</Link>
        </Paragraph>
      ) : (
        <>
          <Paragraph>
            {filtered
              ? interpolate(t.summaryFiltered, { number, total, page, pages })
              : interpolate(t.summary, { total, page, pages })}
          </Paragraph>
          <DataTable
            caption={interpolate(t.caption, { municipality, page, pages })}
            rows={entries}
            rowKey={(e) => String(e.id)}
            columns={[
              {
                key: "when",
                header: t.when,
                cell: (e) => <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, locale)}</time>,
              },
              { key: "who", header: t.who, cell: (e) => e.officerName },
              { key: "what", header: t.what, cell: (e) => what(t, e) },
              {
                key: "dossier",
                header: t.dossier,
                cell: (e) => (
                  <RemixLink className="utrecht-link" to={dossierPath(e.number)}>
                    {e.number}
                  </RemixLink>
                ),
              },
            ]}
          />
        </>
      )}

      {pages > 1 ? (
        <Pagination
          current={page}
          pages={pages}
          href={pageUrl}
          words={{
            label: t.pagination,
            previous: t.previous,
            next: t.next,
            page: (p) => interpolate(t.page, { page: p }),
          }}
        />
      ) : null}
    </>
  );
}
