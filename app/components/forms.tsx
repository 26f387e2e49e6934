import { Form, useRouteLoaderData, type FormProps } from "@remix-run/react";
import {
  forwardRef,
  useEffect,
  useRef,
  type InputHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type TextareaHTMLAttributes,
} from "react";
import { useT } from "#app/i18n/i18n";

/**
 * Form building blocks following NL Design System markup and the GOV.UK error pattern:
 * an error summary at the top that links to each field, and a message at the field
 * prefixed for screen readers with "Invoerfout:".
 */

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(" ");

export const fieldId = (name: string) => `veld-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

export function CsrfField() {
  const data = useRouteLoaderData<{ csrfToken: string }>("root");
  return <input type="hidden" name="_csrf" value={data?.csrfToken ?? ""} />;
}

/** A Remix form that always carries the CSRF token. */
export const AppForm = forwardRef<HTMLFormElement, FormProps>(function AppForm(
  { children, method = "post", ...rest },
  ref,
) {
  return (
    <Form method={method} noValidate ref={ref} {...rest}>
      {method !== "get" ? <CsrfField /> : null}
      {children}
    </Form>
  );
});

export function ErrorSummary({ errors, order }: { errors?: Record<string, string> | null; order?: string[] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = errors ? Object.entries(errors) : [];
  if (order) entries.sort(([a], [b]) => rank(order, a) - rank(order, b));
  // One message for several fields (the boxes of one date) is listed once, linking to the first.
  const shown = entries.filter(([, message], i) => entries.findIndex(([, m]) => m === message) === i);
  // Every new set of errors (each failed submit, also with the same errors again) takes focus.
  useEffect(() => {
    if (errors && Object.keys(errors).length > 0) ref.current?.focus();
  }, [errors]);
  if (entries.length === 0) return null;
  return (
    <div
      className="utrecht-alert utrecht-alert--error oma-error-summary"
      ref={ref}
      id="fouten"
      tabIndex={-1}
      // Without JavaScript the browser moves focus here as the page loads.
      autoFocus
      aria-labelledby="error-summary-title"
      role="alert"
    >
      <div className="utrecht-alert__content">
        <h2 className="utrecht-heading-2" id="error-summary-title">
          {t.form.errorSummaryHeading}
        </h2>
        <ul className="utrecht-unordered-list">
          {shown.map(([name, message]) => (
            <li key={name}>
              <a className="utrecht-link" href={`#${fieldId(name)}`} onClick={focusField}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * With JavaScript, a summary link moves focus to its field itself (as GOV.UK's error summary
 * does): a hash navigation would make Remix drop the action's errors from the page.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>) {
  const id = event.currentTarget.hash.slice(1);
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  const fieldset = field.closest("fieldset");
  (fieldset?.querySelector("legend") ?? field.closest(".utrecht-form-field") ?? field).scrollIntoView();
  // A group (the uploader) takes focus on its first control, so a keyboard user can act at once.
  const visible = [...field.querySelectorAll<HTMLElement>("button, input, select, textarea")].find(
    (el) => el.offsetParent !== null,
  );
  const control = field.matches("input, select, textarea, button") ? field : (visible ?? field);
  control.focus({ preventScroll: true });
}

function rank(order: string[], key: string): number {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}

function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  const t = useT();
  return (
    <p className="utrecht-form-field-error-message" id={id}>
      <span className="oma-visually-hidden">{t.form.errorPrefix} </span>
      {children}
    </p>
  );
}

function Description({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div className="utrecht-form-field-description" id={id}>
      {children}
    </div>
  );
}

type FieldBase = {
  name: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  optional?: boolean;
};

function describedBy(id: string, description?: ReactNode, error?: string, extra?: string) {
  return (
    [description ? `${id}-beschrijving` : null, error ? `${id}-fout` : null, extra ?? null].filter(Boolean).join(" ") ||
    undefined
  );
}

function Label({ htmlFor, children, optional }: { htmlFor: string; children: ReactNode; optional?: boolean }) {
  const t = useT();
  return (
    <label className="utrecht-form-label" htmlFor={htmlFor}>
      {children}
      {optional ? <span className="oma-optional"> {t.form.optional}</span> : null}
    </label>
  );
}

export function TextField({
  name,
  label,
  description,
  error,
  optional,
  className,
  width,
  ...input
}: FieldBase & { width?: "short" | "medium" } & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const id = fieldId(name);
  return (
    <div className={cx("utrecht-form-field", "utrecht-form-field--text", error && "utrecht-form-field--invalid")}>
      <div className="utrecht-form-field__label">
        <Label htmlFor={id} optional={optional}>
          {label}
        </Label>
      </div>
      {description ? <Description id={`${id}-beschrijving`}>{description}</Description> : null}
      {error ? <ErrorMessage id={`${id}-fout`}>{error}</ErrorMessage> : null}
      <div className="utrecht-form-field__input">
        <input
          id={id}
          name={name}
          type="text"
          className={cx(
            "utrecht-textbox",
            "utrecht-textbox--html-input",
            error && "utrecht-textbox--invalid",
            width && `oma-width-${width}`,
            className,
          )}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          required={!optional}
          {...input}
        />
      </div>
    </div>
  );
}

/** A native select: the most robust choice list for keyboards, screen readers and phones. */
export function SelectField({
  name,
  label,
  description,
  error,
  options,
  value,
  placeholder,
}: Omit<FieldBase, "optional"> & {
  options: { value: string; label: string }[];
  value?: string;
  /** An empty first option, for a choice that has not been made yet. */
  placeholder?: string;
}) {
  const id = fieldId(name);
  return (
    <div className={cx("utrecht-form-field", "utrecht-form-field--select", error && "utrecht-form-field--invalid")}>
      <div className="utrecht-form-field__label">
        <Label htmlFor={id}>{label}</Label>
      </div>
      {description ? <Description id={`${id}-beschrijving`}>{description}</Description> : null}
      {error ? <ErrorMessage id={`${id}-fout`}>{error}</ErrorMessage> : null}
      <div className="utrecht-form-field__input">
        <select
          id={id}
          name={name}
          defaultValue={value ?? ""}
          className={cx("utrecht-select", "utrecht-select--html-select", error && "utrecht-select--invalid")}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function TextArea({
  name,
  label,
  description,
  error,
  optional,
  children,
  describedByExtra,
  ...textarea
}: FieldBase & { describedByExtra?: string; children?: ReactNode } & Omit<
    TextareaHTMLAttributes<HTMLTextAreaElement>,
    "name" | "children"
  >) {
  const id = fieldId(name);
  return (
    <div className={cx("utrecht-form-field", "utrecht-form-field--text", error && "utrecht-form-field--invalid")}>
      <div className="utrecht-form-field__label">
        <Label htmlFor={id} optional={optional}>
          {label}
        </Label>
      </div>
      {description ? <Description id={`${id}-beschrijving`}>{description}</Description> : null}
      {error ? <ErrorMessage id={`${id}-fout`}>{error}</ErrorMessage> : null}
      <div className="utrecht-form-field__input">
        <textarea
          id={id}
          name={name}
          className={cx("utrecht-textarea", "utrecht-textarea--html-textarea", error && "utrecht-textarea--invalid")}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error, describedByExtra)}
          required={!optional}
          {...textarea}
        />
      </div>
      {children}
    </div>
  );
}

export type Choice = { value: string; label: ReactNode; hint?: ReactNode };

/** The Utrecht classes of a choice input, per kind (whole names, so the CSS purge finds them). */
const CHOICE_CLASSES = {
  radio: {
    field: "utrecht-form-field--radio",
    input: "utrecht-radio-button utrecht-radio-button--html-input",
    labelBox: "utrecht-form-field__label--radio",
    label: "utrecht-form-label--radio",
  },
  checkbox: {
    field: "utrecht-form-field--checkbox",
    input: "utrecht-checkbox utrecht-checkbox--html-input",
    labelBox: "utrecht-form-field__label--checkbox",
    label: "utrecht-form-label--checkbox",
  },
} as const;

/**
 * Radio buttons or checkboxes of one name in a fieldset; the first carries the id the error
 * summary links to. `notes` are lines for items that cannot be chosen, shown in place.
 */
function ChoiceGroup({
  kind,
  name,
  legend,
  description,
  error,
  choices,
  isChecked,
  legendAsHeading,
  notes,
}: {
  kind: keyof typeof CHOICE_CLASSES;
  name: string;
  legend: ReactNode;
  description?: ReactNode;
  error?: string;
  choices: readonly Choice[];
  isChecked: (value: string) => boolean;
  legendAsHeading?: boolean;
  notes?: ReactNode;
}) {
  const id = fieldId(name);
  const c = CHOICE_CLASSES[kind];
  return (
    <fieldset
      className={cx(
        "utrecht-form-fieldset",
        "utrecht-form-fieldset--html-fieldset",
        error && "utrecht-form-fieldset--invalid",
      )}
      aria-describedby={describedBy(id, description, error)}
    >
      <legend
        className={cx(
          "utrecht-form-fieldset__legend",
          "utrecht-form-fieldset__legend--html-legend",
          legendAsHeading && "oma-legend-heading",
        )}
      >
        {legendAsHeading ? <h1 className="utrecht-heading-1">{legend}</h1> : legend}
      </legend>
      {description ? <Description id={`${id}-beschrijving`}>{description}</Description> : null}
      {error ? <ErrorMessage id={`${id}-fout`}>{error}</ErrorMessage> : null}
      {choices.map((choice, i) => {
        const choiceId = i === 0 ? id : `${id}-${i}`;
        return (
          <div className={cx("utrecht-form-field", c.field)} key={choice.value}>
            <div className="utrecht-form-field__input">
              <input
                type={kind}
                className={c.input}
                id={choiceId}
                name={name}
                value={choice.value}
                defaultChecked={isChecked(choice.value)}
                aria-describedby={choice.hint ? `${choiceId}-hint` : undefined}
                aria-invalid={error ? true : undefined}
              />
            </div>
            <div className={cx("utrecht-form-field__label", c.labelBox)}>
              <label className={cx("utrecht-form-label", c.label)} htmlFor={choiceId}>
                {choice.label}
              </label>
            </div>
            {choice.hint ? (
              <div className="utrecht-form-field-description oma-choice-hint" id={`${choiceId}-hint`}>
                {choice.hint}
              </div>
            ) : null}
          </div>
        );
      })}
      {notes}
    </fieldset>
  );
}

/** Radio buttons in a fieldset; the first radio carries the id the error summary links to. */
export function RadioGroup({
  value,
  ...group
}: {
  name: string;
  legend: ReactNode;
  description?: ReactNode;
  error?: string;
  choices: Choice[];
  value?: string;
  legendAsHeading?: boolean;
}) {
  return <ChoiceGroup kind="radio" isChecked={(v) => v === value} {...group} />;
}

/** Checkboxes of one name in a fieldset (several values may be ticked). */
export function CheckboxGroup({
  checked = [],
  ...group
}: {
  name: string;
  legend: ReactNode;
  description?: ReactNode;
  error?: string;
  choices: Choice[];
  checked?: readonly string[];
  notes?: ReactNode;
}) {
  return <ChoiceGroup kind="checkbox" isChecked={(v) => checked.includes(v)} {...group} />;
}

export function CheckboxField({
  name,
  label,
  error,
  defaultChecked,
  value = "ja",
}: {
  name: string;
  label: ReactNode;
  error?: string;
  defaultChecked?: boolean;
  value?: string;
}) {
  const id = fieldId(name);
  return (
    <div className={cx("utrecht-form-field", "utrecht-form-field--checkbox", error && "utrecht-form-field--invalid")}>
      {error ? <ErrorMessage id={`${id}-fout`}>{error}</ErrorMessage> : null}
      <div className="utrecht-form-field__input">
        <input
          type="checkbox"
          className="utrecht-checkbox utrecht-checkbox--html-input"
          id={id}
          name={name}
          value={value}
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-fout` : undefined}
        />
      </div>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  );
}
