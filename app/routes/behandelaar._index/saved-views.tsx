import { Form } from "@remix-run/react";
import { CsrfField, fieldId } from "#app/components/forms";
import { Button, Link } from "#app/components/ui";
import { interpolate, type Messages } from "#app/i18n/i18n";

type Words = Messages["queue"];

/** The signed-in person's own saved views, as links, each with a delete button. */
export function SavedViewList({ views, t }: { views: { id: string; name: string; query: string }[]; t: Words }) {
  if (views.length === 0) return null;
  return (
    <nav aria-label={t.savedLabel} className="oma-queue-saved">
      <span className="oma-queue-saved__label" aria-hidden="true">
        {t.savedLabel}:
      </span>
      <ul>
        {views.map((v) => (
          <li key={v.id}>
            <Link to={`/behandelaar${v.query}`}>{v.name}</Link>
            <Form method="post" className="oma-queue-saved__delete">
              <CsrfField />
              <input type="hidden" name="id" value={v.id} />
              <button
                type="submit"
                name="intent"
                value="delete-view"
                className="utrecht-button utrecht-button--subtle oma-queue-saved__remove"
                aria-label={interpolate(t.savedDeleteName, { name: v.name })}
              >
                ×
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Saves the filters of this page (its query string) under a name. */
export function SaveViewForm({ query, t }: { query: string; t: Words }) {
  const id = fieldId("view-name");
  return (
    <Form method="post" className="oma-queue-save">
      <CsrfField />
      <input type="hidden" name="query" value={query} />
      <label className="utrecht-form-label" htmlFor={id}>
        {t.saveName}
      </label>
      <input
        id={id}
        name="name"
        type="text"
        maxLength={60}
        autoComplete="off"
        className="utrecht-textbox utrecht-textbox--html-input"
      />
      <Button appearance="secondary" name="intent" value="save-view">
        {t.saveSubmit}
      </Button>
    </Form>
  );
}
