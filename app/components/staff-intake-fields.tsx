import type { ReactNode } from "react";
import { fieldId, RadioGroup, TextField } from "#app/components/forms";
import { Paragraph } from "#app/components/ui";
import { useT } from "#app/i18n/i18n";
import { DateInput } from "#app/components/intake/ui";
import type { FieldErrors } from "#app/utils/forms.server";

/** The parts of the staff intake page (app/routes/behandelaar.nieuw.tsx). */

/** A section of the page: a fieldset whose legend reads as a heading. */
export function Section({
  legend,
  hint,
  id,
  children,
}: {
  legend: string;
  hint?: ReactNode;
  id: string;
  children: ReactNode;
}) {
  return (
    <fieldset
      className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset oma-staff-intake__section"
      aria-describedby={hint ? `${id}-beschrijving` : undefined}
    >
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend oma-staff-intake__legend">
        {legend}
      </legend>
      {hint ? (
        <div className="utrecht-form-field-description" id={`${id}-beschrijving`}>
          {hint}
        </div>
      ) : null}
      {children}
    </fieldset>
  );
}

/** The resident form's date input, with field names under `prefix`. */
export function DateParts({
  prefix,
  values,
  ...rest
}: {
  prefix: string;
  legend: string;
  hint?: ReactNode;
  error?: string;
  /** The form's errors: only the boxes of this date named there are marked. */
  errors?: Record<string, string> | null;
  values: (name: string) => string;
}) {
  return (
    <DateInput
      {...rest}
      prefix={prefix}
      values={{ day: values(`${prefix}.day`), month: values(`${prefix}.month`), year: values(`${prefix}.year`) }}
    />
  );
}

/** Name, Dutch postal address, e-mail, phone and preferred channel of one party, under `prefix`. */
export function PartyFields({
  prefix,
  values,
  errors,
  reachHint,
  preferredLegend,
  conditional,
}: {
  prefix: "complainant" | "representative";
  values: (name: string) => string;
  errors?: FieldErrors;
  reachHint: string;
  preferredLegend: string;
  conditional?: boolean;
}) {
  const t = useT().intake.contact;
  const f = (name: string) => `${prefix}.${name}`;
  // Only asked when there is a representative: not marked required for assistive technology.
  const required = conditional ? { required: false } : {};
  const reachId = `${prefix}-bereikbaar`;
  return (
    <>
      <TextField
        name={f("name")}
        label={t.name}
        autoComplete="off"
        defaultValue={values(f("name"))}
        error={errors?.[f("name")]}
        {...required}
      />
      <TextField
        name={f("street")}
        label={t.street}
        autoComplete="off"
        defaultValue={values(f("street"))}
        error={errors?.[f("street")]}
        {...required}
      />
      <TextField
        name={f("houseNumber")}
        label={t.houseNumber}
        width="short"
        autoComplete="off"
        defaultValue={values(f("houseNumber"))}
        error={errors?.[f("houseNumber")]}
        {...required}
      />
      <TextField
        name={f("postcode")}
        label={t.postcode}
        description={t.postcodeHint}
        width="short"
        autoComplete="off"
        spellCheck={false}
        defaultValue={values(f("postcode"))}
        error={errors?.[f("postcode")]}
        {...required}
      />
      <TextField
        name={f("city")}
        label={t.city}
        width="medium"
        autoComplete="off"
        defaultValue={values(f("city"))}
        error={errors?.[f("city")]}
        {...required}
      />
      <Paragraph className="oma-hint" id={reachId}>
        {reachHint}
      </Paragraph>
      <TextField
        name={f("email")}
        type="email"
        label={t.email}
        optional
        autoComplete="off"
        spellCheck={false}
        defaultValue={values(f("email"))}
        error={errors?.[f("email")]}
        aria-describedby={errors?.[f("email")] ? `${fieldId(f("email"))}-fout ${reachId}` : reachId}
      />
      <TextField
        name={f("phone")}
        type="tel"
        label={t.phone}
        description={t.phoneHint}
        optional
        autoComplete="off"
        width="medium"
        defaultValue={values(f("phone"))}
        error={errors?.[f("phone")]}
      />
      <RadioGroup
        name={f("preferredChannel")}
        legend={preferredLegend}
        value={values(f("preferredChannel"))}
        error={errors?.[f("preferredChannel")]}
        choices={[
          { value: "email", label: t.byEmail },
          { value: "phone", label: t.byPhone },
        ]}
      />
    </>
  );
}
