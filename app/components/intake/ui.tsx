import { Link as RemixLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { AppForm, ErrorSummary, fieldId, RadioGroup, type Choice } from "#app/components/forms";
import { Button, Paragraph } from "#app/components/ui";
import { interpolate, useT } from "#app/i18n/i18n";
import { SECTIONS, sectionOf, type StepId } from "#app/intake/journey";

/** The frame of every step: back link, where you are, the error summary, the form. */
export function StepPage({
  step,
  backPath,
  errors,
  errorOrder,
  changing,
  children,
  submitLabel,
  encType,
  noForm,
}: {
  step: StepId;
  backPath: string;
  errors?: Record<string, string> | null;
  errorOrder?: string[];
  changing?: boolean;
  children: ReactNode;
  submitLabel?: string;
  encType?: "multipart/form-data";
  noForm?: boolean;
}) {
  const t = useT().intake;
  const section = sectionOf(step);
  const index = SECTIONS.findIndex((s) => s.id === section);
  return (
    <>
      <RemixLink className="utrecht-link oma-back-link" to={backPath}>
        {t.back}
      </RemixLink>
      <ErrorSummary errors={errors} order={errorOrder} />
      <p className="utrecht-pre-heading oma-step-caption">
        {t.formTitle}
        <span className="oma-visually-hidden">, </span>
        <span className="oma-step-caption__section">
          {interpolate(t.stepOf, { current: index + 1, total: SECTIONS.length })}: {t.sections[section]}
        </span>
      </p>
      {changing ? <Paragraph className="oma-hint">{t.changing}</Paragraph> : null}
      {noForm ? (
        children
      ) : (
        <AppForm encType={encType}>
          {children}
          <div className="oma-actions">
            <Button>{submitLabel ?? t.continue}</Button>
          </div>
        </AppForm>
      )}
      <Paragraph className="oma-resume-link">
        <RemixLink className="utrecht-link" to="/klacht/later-verder">
          {t.resumeLink}
        </RemixLink>
      </Paragraph>
    </>
  );
}

/** A one-question page with radio buttons; the question is the page's h1 (legend). */
export function RadioQuestion({
  name,
  question,
  hint,
  choices,
  value,
  error,
}: {
  name: string;
  question: string;
  hint?: ReactNode;
  choices: Choice[];
  value?: string;
  error?: string;
}) {
  return (
    <RadioGroup
      name={name}
      legend={question}
      legendAsHeading
      description={hint}
      choices={choices}
      value={value}
      error={error}
    />
  );
}

export function useYesNo(): Choice[] {
  const t = useT().intake;
  return [
    { value: "yes", label: t.yes },
    { value: "no", label: t.no },
  ];
}

/**
 * Day, month and year in three inputs (the GOV.UK date pattern): robust with any keyboard and
 * screen reader. With `prefix`, the fields are named `<prefix>.day` etc., so a page can ask several dates.
 */
export function DateInput({
  legend,
  hint,
  error: wholeError,
  errors,
  values,
  asHeading,
  prefix,
}: {
  legend: string;
  hint?: ReactNode;
  /** A message about the whole date: all three boxes are marked. */
  error?: string;
  /** The form's errors, keyed by field name: only the boxes named there are marked, the first message is shown. */
  errors?: Record<string, string> | null;
  values: { day: string; month: string; year: string };
  asHeading?: boolean;
  prefix?: string;
}) {
  const messages = useT();
  const t = messages.intake.date;
  const nameOf = (part: string) => (prefix ? `${prefix}.${part}` : part);
  const partError = (part: string) => (errors ? errors[nameOf(part)] : undefined);
  const error = wholeError ?? partError("day") ?? partError("month") ?? partError("year");
  const invalid = (part: string) => Boolean(wholeError ?? partError(part));
  const id = fieldId(nameOf("day"));
  const describedBy =
    [hint ? `${id}-beschrijving` : null, error ? `${id}-fout` : null].filter(Boolean).join(" ") || undefined;
  const parts = [
    { name: "day", label: t.day, width: "oma-date__day", autoComplete: undefined },
    { name: "month", label: t.month, width: "oma-date__month", autoComplete: undefined },
    { name: "year", label: t.year, width: "oma-date__year", autoComplete: undefined },
  ] as const;
  return (
    <fieldset
      className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset oma-date${error ? " utrecht-form-fieldset--invalid" : ""}`}
      aria-describedby={describedBy}
    >
      <legend
        className={`utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend${asHeading ? " oma-legend-heading" : ""}`}
      >
        {asHeading ? <h1 className="utrecht-heading-1">{legend}</h1> : legend}
      </legend>
      {hint ? (
        <div className="utrecht-form-field-description" id={`${id}-beschrijving`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="utrecht-form-field-error-message" id={`${id}-fout`}>
          <span className="oma-visually-hidden">{messages.form.errorPrefix} </span>
          {error}
        </p>
      ) : null}
      <div className="oma-date__inputs">
        {parts.map((p) => (
          <div className="oma-date__item" key={p.name}>
            <label className="utrecht-form-label" htmlFor={fieldId(nameOf(p.name))}>
              {p.label}
            </label>
            <input
              id={fieldId(nameOf(p.name))}
              name={nameOf(p.name)}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              className={`utrecht-textbox utrecht-textbox--html-input ${p.width}${invalid(p.name) ? " utrecht-textbox--invalid" : ""}`}
              defaultValue={values[p.name]}
              aria-invalid={invalid(p.name) ? true : undefined}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
