import { useMemo } from "react";
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
import { AppForm, ErrorSummary, fieldId, RadioGroup, TextArea, TextField } from "#app/components/forms";
import { Button, Link, PageTitle, Paragraph } from "#app/components/ui";
import { DateParts, PartyFields, Section } from "#app/components/staff-intake-fields";
import { STAFF_ROLES } from "#app/dossiers/scope.server";
import {
  loadStaffIntakeReference,
  newFormId,
  OVERRIDE_REASON_MIN,
  registerStaffComplaint,
} from "#app/dossiers/staff-intake.server";
import { StaffIntakeSchema } from "#app/dossiers/staff-intake-form.server";
import { messagesFor } from "#app/i18n/catalogue.server";
import { interpolate, useT, type Messages } from "#app/i18n/i18n";
import { getLocale } from "#app/i18n/locale.server";
import { CharacterCount } from "#app/components/character-count";
import { COMPLAINT_MAX } from "#app/intake/schemas.server";
import { parseForm, readForm, type FieldErrors, type FormValues } from "#app/utils/forms.server";
import { pageMeta } from "#app/utils/meta";
import type { PageHandle } from "#app/utils/page-handle";

export const handle: PageHandle = { i18n: ["staffIntake", "intake"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t.staffIntake.title);

// The page posts back personal data: never kept by a browser or a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, STAFF_ROLES);
  const reference = await loadStaffIntakeReference(context.services);
  return {
    municipalities: reference.municipalities.map(({ id, name }) => ({ id, name })),
    formId: newFormId(),
    overrideMin: OVERRIDE_REASON_MIN,
    complaintMax: COMPLAINT_MAX,
  };
}

export type StaffIntakeActionData = { errors: FieldErrors; values: FormValues };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, STAFF_ROLES);
  const formData = await readForm(request, context);
  const locale = getLocale(request);
  const reference = await loadStaffIntakeReference(context.services);
  const parsed = parseForm(StaffIntakeSchema(messagesFor(locale), locale, reference), formData);
  if (!parsed.success)
    return data<StaffIntakeActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await registerStaffComplaint(context, user, parsed.data, locale);
  if (!result.ok) throw new Response("Forbidden", { status: 403 });
  return redirect(`/behandelaar/dossiers/${result.number}`);
}

/** The page's fields in page order: the order of the error summary. */
const FIELD_ORDER = [
  "channel",
  "municipalityId",
  "topic",
  "courtCase",
  "complainedFirst",
  "receivedOn.day",
  "answerStatus",
  "answeredOn.day",
  "postponedUntil.day",
  ...["name", "street", "houseNumber", "postcode", "city", "email", "phone", "preferredChannel"].map(
    (f) => `complainant.${f}`,
  ),
  "hasRepresentative",
  ...["name", "street", "houseNumber", "postcode", "city", "email", "phone", "preferredChannel"].map(
    (f) => `representative.${f}`,
  ),
  ...["text", "place", "day", "people", "desiredOutcome"].map((f) => `complaint.${f}`),
  "overrideReason",
];

type Parts = Messages["staffIntake"]["parts"];

/** Several parts of the page ask the same (a name, a date): the summary says which part a message is about. */
function summaryOf(errors: FieldErrors | undefined, t: Messages["staffIntake"]): FieldErrors | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(
    Object.entries(errors).map(([key, message]) => {
      const part = key.includes(".") ? t.parts[key.slice(0, key.indexOf(".")) as keyof Parts] : undefined;
      return [key, part ? interpolate(t.summaryItem, { part, message }) : message];
    }),
  );
}

export default function StaffIntakePage() {
  const messages = useT();
  const s = messages.staffIntake;
  const ti = messages.intake;
  const { municipalities, formId, overrideMin, complaintMax } = useLoaderData<typeof loader>();
  const result = useActionData<StaffIntakeActionData>();
  const errors = result?.errors;
  // The summary takes focus for every new set of errors: keep it the same object between renders.
  const summary = useMemo(() => summaryOf(errors, s), [errors, s]);
  const value = (name: string) => {
    const v = result?.values[name];
    return typeof v === "string" ? v : "";
  };
  /** A field's name with its posted value and its error, for the radio groups. */
  const bound = (name: string) => ({ name, value: value(name), error: errors?.[name] });
  const yesNo = [
    { value: "yes", label: s.yes },
    { value: "no", label: s.no },
  ];
  return (
    <div className="oma-staff-intake">
      <Link className="oma-back-link" to="/behandelaar">
        {s.back}
      </Link>
      <ErrorSummary errors={summary} order={FIELD_ORDER} />
      <PageTitle preHeading={s.preHeading}>{s.title}</PageTitle>
      <Paragraph>{s.intro}</Paragraph>
      <AppForm>
        <input type="hidden" name="formId" value={formId} />
        <RadioGroup
          {...bound("channel")}
          legend={s.channel.legend}
          choices={[
            { value: "phone", label: s.channel.phone },
            { value: "letter", label: s.channel.letter },
            { value: "email", label: s.channel.email },
            { value: "counter", label: s.channel.counter },
          ]}
        />
        <RadioGroup
          {...bound("municipalityId")}
          legend={s.municipality.legend}
          description={s.municipality.hint}
          choices={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        />
        <RadioGroup
          {...bound("topic")}
          legend={s.topic.legend}
          choices={[
            { value: "conduct", label: s.topic.conduct, hint: s.topic.conductHint },
            { value: "decision", label: s.topic.decision, hint: s.topic.decisionHint },
            { value: "public_space", label: s.topic.publicSpace },
            { value: "damages", label: s.topic.damages },
            { value: "care_provider", label: s.topic.careProvider },
          ]}
        />
        <RadioGroup {...bound("courtCase")} legend={s.court.legend} description={s.court.hint} choices={yesNo} />
        <RadioGroup {...bound("complainedFirst")} legend={s.firstLine.legend} choices={yesNo} />

        <Section id="eerste-lijn" legend={s.firstLineDates.legend} hint={s.firstLineDates.hint}>
          <DateParts
            prefix="receivedOn"
            legend={s.firstLineDates.receivedOn}
            hint={s.firstLineDates.receivedOnHint}
            errors={errors}
            values={value}
          />
          <RadioGroup
            {...bound("answerStatus")}
            legend={s.firstLineDates.answerStatus}
            choices={[
              { value: "answered", label: s.firstLineDates.answered },
              { value: "not_answered", label: s.firstLineDates.notAnswered },
              { value: "postponed", label: s.firstLineDates.postponed },
            ]}
          />
          <DateParts
            prefix="answeredOn"
            legend={s.firstLineDates.answeredOn}
            hint={s.firstLineDates.answeredOnHint}
            errors={errors}
            values={value}
          />
          <DateParts
            prefix="postponedUntil"
            legend={s.firstLineDates.postponedUntil}
            hint={s.firstLineDates.postponedUntilHint}
            errors={errors}
            values={value}
          />
        </Section>

        <Section id="klager" legend={s.complainant.legend} hint={s.complainant.hint}>
          <PartyFields
            prefix="complainant"
            values={value}
            errors={errors}
            reachHint={s.complainant.contactHint}
            preferredLegend={s.complainant.preferred}
          />
        </Section>

        <RadioGroup
          {...bound("hasRepresentative")}
          legend={s.representative.question}
          description={s.representative.hint}
          choices={yesNo}
        />
        <Section id="gemachtigde" legend={s.representative.legend} hint={s.representative.fieldsHint}>
          <PartyFields
            prefix="representative"
            values={value}
            errors={errors}
            reachHint={ti.contact.reachHint}
            preferredLegend={s.representative.preferred}
            conditional
          />
        </Section>

        <Section id="klacht" legend={s.complaint.legend}>
          <TextArea
            name="complaint.text"
            label={ti.complaint.text}
            description={s.complaint.textHint}
            defaultValue={value("complaint.text")}
            error={errors?.["complaint.text"]}
            rows={10}
            describedByExtra="tekens-teller"
          >
            <CharacterCount
              id="tekens-teller"
              initial={value("complaint.text")}
              max={complaintMax}
              fieldId={fieldId("complaint.text")}
            />
          </TextArea>
          <TextField
            name="complaint.place"
            label={ti.complaint.place}
            description={ti.complaint.placeHint}
            defaultValue={value("complaint.place")}
            error={errors?.["complaint.place"]}
          />
          <DateParts
            prefix="complaint"
            legend={ti.complaint.date}
            hint={ti.complaint.dateHint}
            errors={errors}
            values={value}
          />
          <TextField
            name="complaint.people"
            label={ti.complaint.people}
            description={ti.complaint.peopleHint}
            optional
            defaultValue={value("complaint.people")}
            error={errors?.["complaint.people"]}
          />
          <TextArea
            name="complaint.desiredOutcome"
            label={s.complaint.desired}
            description={s.complaint.desiredHint}
            optional
            rows={4}
            defaultValue={value("complaint.desiredOutcome")}
            error={errors?.["complaint.desiredOutcome"]}
          />
        </Section>

        <TextArea
          name="overrideReason"
          label={s.override.label}
          description={interpolate(s.override.hint, { min: overrideMin })}
          required={false}
          rows={4}
          defaultValue={value("overrideReason")}
          error={errors?.overrideReason}
        />
        <div className="oma-actions">
          <Button>{s.submit}</Button>
        </div>
      </AppForm>
    </div>
  );
}
