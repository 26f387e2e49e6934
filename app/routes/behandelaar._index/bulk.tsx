import { Form } from "@remix-run/react";
import { CsrfField, fieldId } from "#app/components/forms";
import { BULK_FORM_ID } from "#app/components/queue-columns";
import { Alert, Button } from "#app/components/ui";
import { interpolate, type Messages } from "#app/i18n/i18n";
import type { QueueActionData } from "./action.server";

type Words = Messages["queue"];

/**
 * The bulk actions for the rows ticked in the table (their checkboxes belong to this form by its
 * id): a plain POST, so it works without JavaScript. Only a coordinator gives dossiers to others.
 */
export function BulkActions({
  coordinator,
  handlers,
  t,
}: {
  coordinator: boolean;
  handlers: { id: string; name: string }[];
  t: Words;
}) {
  const select = fieldId("bulk-assignee");
  return (
    <Form method="post" id={BULK_FORM_ID} className="oma-queue-bulk" aria-label={t.bulkLabel}>
      <CsrfField />
      {coordinator ? (
        <>
          <label className="utrecht-form-label" htmlFor={select}>
            {t.assignTo}
          </label>
          <select id={select} name="assigneeId" className="utrecht-select utrecht-select--html-select" defaultValue="">
            <option value="">{t.assignToPlaceholder}</option>
            {handlers.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
          <Button appearance="secondary" name="intent" value="assign">
            {t.assignSubmit}
          </Button>
        </>
      ) : null}
      <Button appearance="secondary" name="intent" value="take">
        {t.take}
      </Button>
    </Form>
  );
}

const REASONS: Record<string, keyof Words["bulkReasons"]> = {
  forbidden: "forbidden",
  "not-found": "notFound",
  closed: "closed",
  "assignee-same": "same",
  "assignee-invalid": "invalidAssignee",
};

/** What a post of this page did, in words; null for nothing posted. */
export function ActionMessage({ data, t }: { data: QueueActionData | undefined; t: Words }) {
  if (!data) return null;
  switch (data.kind) {
    case "bulk-empty":
      return (
        <Alert type="warning" role="alert">
          {t.bulkNone}
        </Alert>
      );
    case "bulk-no-assignee":
      return (
        <Alert type="warning" role="alert">
          {t.bulkChooseAssignee}
        </Alert>
      );
    case "save-invalid":
      return (
        <Alert type="warning" role="alert">
          {interpolate(t.saveNameRequired, { max: 60 })}
        </Alert>
      );
    case "deleted":
      return (
        <Alert type="ok" role="status">
          {t.savedDeleted}
        </Alert>
      );
    case "saved":
      return (
        <Alert
          type={data.outcome === "too-many" ? "warning" : "ok"}
          role={data.outcome === "too-many" ? "alert" : "status"}
        >
          {data.outcome === "too-many"
            ? interpolate(t.savedTooMany, { max: 20 })
            : interpolate(data.outcome === "replaced" ? t.savedReplaced : t.savedDone, { name: data.name })}
        </Alert>
      );
    case "bulk": {
      const { assigned, refused } = data.result;
      return (
        <Alert type={refused.length > 0 ? "warning" : "ok"} role="status">
          <p className="utrecht-paragraph">
            {assigned.length === 1 ? t.bulkDoneOne : interpolate(t.bulkDone, { count: assigned.length })}
          </p>
          {refused.length > 0 ? (
            <>
              <p className="utrecht-paragraph">{t.bulkRefused}</p>
              <ul className="utrecht-unordered-list">
                {refused.map((r) => (
                  <li key={r.number} className="utrecht-unordered-list__item">
                    {r.number}: {t.bulkReasons[REASONS[r.code] ?? "other"]}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Alert>
      );
    }
  }
}
