import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "#app/auth/session.server";
import { AppForm, ErrorSummary, TextField } from "#app/components/forms";
import { Alert, Button, Heading, Link, PageTitle, Paragraph } from "#app/components/ui";
import { messagesFor } from "#app/i18n/catalogue.server";
import { interpolate, useI18n } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { getMunicipality } from "#app/intake/reference.server";
import { REFERENCE_ROLES } from "#app/reference/actor.server";
import { updateMunicipality } from "#app/reference/municipalities.server";
import { parseForm, readForm, type FieldErrors, type FormValues } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";
import { MunicipalitySchema } from "./form.server";

export const handle: PageHandle = { i18n: ["reference.home", "reference.municipality"] };

export const meta: MetaFunction<typeof loader> = ({ matches, data: d }) =>
  pageMeta(matches, (t) => interpolate(t.reference.municipality.title, { name: d?.municipality.name ?? "" }));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context, REFERENCE_ROLES);
  const municipality = await getMunicipality(context.services.db, params.id ?? "");
  if (!municipality) throw new Response("Not Found", { status: 404 });
  const done = new URL(request.url).searchParams.get("gedaan");
  return { municipality, done: done === "opgeslagen" || done === "ongewijzigd" ? done : null };
}

type ActionData = { errors: FieldErrors; values: FormValues };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context, REFERENCE_ROLES);
  const formData = await readForm(request, context);
  const t = messagesFor(getLocale(request)).reference.municipality;
  const parsed = parseForm(MunicipalitySchema(t), formData);
  if (!parsed.success) return data<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const id = params.id ?? "";
  const result = await updateMunicipality(context, user, id, parsed.data);
  if (!result.ok)
    throw new Response(result.code === "forbidden" ? "Forbidden" : "Not Found", {
      status: result.code === "forbidden" ? 403 : 404,
    });
  const done = result.changed.length > 0 ? "opgeslagen" : "ongewijzigd";
  return redirect(`/behandelaar/referentiegegevens/gemeenten/${id}?gedaan=${done}`);
}

const URL_FIELDS = ["website", "complaintsUrl", "objectionUrl", "publicSpaceReportUrl", "damagesUrl"] as const;
const ORDER = ["name", "joinedOn", "leftOn", "handlingWeeks", ...URL_FIELDS];

export default function EditMunicipality() {
  const { messages } = useI18n();
  const t = messages.reference.municipality;
  const { municipality: m, done } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.errors;
  const value = (name: string, stored: string | number | null) => {
    const posted = failed?.values[name];
    return typeof posted === "string" ? posted : String(stored ?? "");
  };
  return (
    <>
      <Paragraph>
        <Link to="/behandelaar/referentiegegevens/gemeenten">{t.backToList}</Link>
      </Paragraph>
      <ErrorSummary errors={errors} order={ORDER} />
      <PageTitle preHeading={messages.reference.home.title}>{interpolate(t.title, { name: m.name })}</PageTitle>
      {done && !failed ? (
        <Alert type="ok" role="status">
          <Paragraph>{done === "opgeslagen" ? interpolate(t.saved, { name: m.name }) : t.unchanged}</Paragraph>
        </Alert>
      ) : null}
      <AppForm action={`/behandelaar/referentiegegevens/gemeenten/${m.id}`}>
        <TextField name="name" label={t.name} error={errors?.name} defaultValue={value("name", m.name)} />
        <TextField
          name="joinedOn"
          label={t.joinedOn}
          description={t.joinedOnHint}
          width="short"
          error={errors?.joinedOn}
          defaultValue={value("joinedOn", m.joinedOn)}
        />
        <TextField
          name="leftOn"
          label={t.leftOn}
          description={t.leftOnHint}
          width="short"
          optional
          error={errors?.leftOn}
          defaultValue={value("leftOn", m.leftOn)}
        />
        <TextField
          name="handlingWeeks"
          label={t.handlingWeeks}
          description={t.handlingWeeksHint}
          inputMode="numeric"
          width="short"
          error={errors?.handlingWeeks}
          defaultValue={value("handlingWeeks", m.handlingWeeks)}
        />
        <Heading level={2}>{t.urlsHeading}</Heading>
        {URL_FIELDS.map((field) => (
          <TextField
            key={field}
            name={field}
            label={t[field]}
            description={t.urlHint}
            type="url"
            error={errors?.[field]}
            defaultValue={value(field, m[field])}
          />
        ))}
        <Button>{t.submit}</Button>
      </AppForm>
    </>
  );
}
