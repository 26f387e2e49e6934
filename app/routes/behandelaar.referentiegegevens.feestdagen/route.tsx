import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { AppForm, ErrorSummary, SelectField, TextField } from "#app/components/forms";
import { Alert, Button, Heading, Link, ListItem, PageTitle, Paragraph, UnorderedList } from "#app/components/ui";
import { messagesFor } from "#app/i18n/catalogue.server";
import { formatDate, interpolate, useI18n } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { todayIn } from "#app/intake/reference.server";
import { REFERENCE_ROLES } from "#app/reference/actor.server";
import {
  changeHoliday,
  getHolidayChange,
  holidayYears,
  listHolidays,
  recentHolidayChanges,
} from "#app/reference/holidays.server";
import { parseForm, readForm, type FieldErrors, type FormValues } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import { HolidaySchema } from "./form.server";
import { ChangeLog, HolidayTable, MovedTable, PATH } from "./tables";

export const handle: PageHandle = { i18n: ["reference.home", "reference.holidays"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.reference.holidays.title);

// Dossier numbers of what moved: kept by no shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const yearOf = (param: string | null, fallback: number) => (param && /^\d{4}$/.test(param) ? Number(param) : fallback);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, REFERENCE_ROLES);
  const { db } = context.services;
  const url = new URL(request.url);
  const year = yearOf(url.searchParams.get("jaar"), Number(todayIn(context.services).slice(0, 4)));
  const versionParam = url.searchParams.get("versie");
  const change =
    versionParam && /^\d{1,12}$/.test(versionParam) ? await getHolidayChange(db, Number(versionParam)) : null;
  const years = await holidayYears(db);
  return {
    year,
    years: years.includes(year) ? years : [...years, year].sort(),
    holidays: await listHolidays(db, year),
    changes: await recentHolidayChanges(db),
    change,
  };
}

type ActionData = { errors: FieldErrors; values: FormValues };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, REFERENCE_ROLES);
  const formData = await readForm(request, context);
  const t = messagesFor(getLocale(request)).reference.holidays;
  const parsed = parseForm(HolidaySchema(t), formData);
  if (!parsed.success) return data<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const input = parsed.data;
  const result = await changeHoliday(
    context,
    user,
    input.intent === "add"
      ? { change: "added", day: input.day, name: input.name, kind: input.kind }
      : { change: "removed", day: input.day },
  );
  if (!result.ok) {
    if (result.code === "forbidden") throw new Response("Forbidden", { status: 403 });
    const values: FormValues = input.intent === "add" ? { ...input } : {};
    return data<ActionData>({ errors: { day: t[result.code] }, values }, { status: 409 });
  }
  return redirect(`${PATH}?jaar=${input.day.slice(0, 4)}&versie=${result.version}`);
}

export default function Holidays() {
  const { messages, locale } = useI18n();
  const t = messages.reference.holidays;
  const { year, years, holidays, changes, change } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const posted = (name: string) => (typeof failed?.values[name] === "string" ? String(failed.values[name]) : "");
  return (
    <>
      <Paragraph>
        <Link to="/behandelaar/referentiegegevens">{t.backToReference}</Link>
      </Paragraph>
      <ErrorSummary errors={failed?.errors} order={["day", "name"]} />
      <PageTitle preHeading={messages.reference.home.title}>{t.title}</PageTitle>
      {change && !failed ? (
        <Alert type="ok" role="status">
          <Paragraph>
            {interpolate(change.change === "added" ? t.added : t.removed, {
              name: change.name,
              date: formatDate(change.day, locale),
              version: change.version,
            })}{" "}
            {change.movedCount === 0 ? t.movedNone : interpolate(t.movedSome, { count: change.movedCount })}
          </Paragraph>
        </Alert>
      ) : null}
      {change && change.moved.length > 0 && !failed ? <MovedTable moved={change.moved} /> : null}
      <Paragraph>{t.intro}</Paragraph>
      <nav aria-label={t.yearNav}>
        <UnorderedList>
          {years.map((y) => (
            <ListItem key={y}>
              <Link to={`${PATH}?jaar=${y}`} aria-current={y === year ? "page" : undefined}>
                {interpolate(t.yearLink, { year: y })}
              </Link>
            </ListItem>
          ))}
        </UnorderedList>
      </nav>
      {holidays.length === 0 ? (
        <Paragraph>{interpolate(t.empty, { year })}</Paragraph>
      ) : (
        <HolidayTable year={year} holidays={holidays} />
      )}
      <Heading level={2}>{t.addHeading}</Heading>
      <AppForm action={`${PATH}?jaar=${year}`}>
        <input type="hidden" name="intent" value="add" />
        <TextField
          name="day"
          label={t.dayLabel}
          description={t.dayHint}
          width="short"
          error={failed?.errors.day}
          defaultValue={posted("day")}
        />
        <TextField name="name" label={t.nameLabel} error={failed?.errors.name} defaultValue={posted("name")} />
        <SelectField
          name="kind"
          label={t.kindLabel}
          value={posted("kind") || "equated"}
          options={[
            { value: "equated", label: t.kinds.equated },
            { value: "statutory", label: t.kinds.statutory },
          ]}
        />
        <Button>{t.add}</Button>
      </AppForm>
      <Heading level={2}>{t.logHeading}</Heading>
      {changes.length === 0 ? <Paragraph>{t.logEmpty}</Paragraph> : <ChangeLog changes={changes} />}
    </>
  );
}
