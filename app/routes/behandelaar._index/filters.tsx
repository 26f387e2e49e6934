import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { SelectField, TextField } from "#app/components/forms";
import { Button, Heading, Link } from "#app/components/ui";
import { QUEUE_SIGNALS, type QueueFilter } from "#app/dossiers/queue-filter";
import type { Status } from "#app/dossiers/workflow";
import type { Messages } from "#app/i18n/i18n";

export const SEARCH_FIELD_ID = "veld-zoek";

/** The GET form of facets and search: one compact row above the table. */
export function QueueFilters({
  filter,
  statuses,
  municipalities,
  handlers,
  cleared,
  messages,
}: {
  filter: QueueFilter;
  statuses: readonly Status[];
  municipalities: { id: string; name: string }[];
  handlers: { id: string; name: string }[];
  cleared: string;
  messages: Messages;
}) {
  const t = messages.queue;
  const formRef = useRef<HTMLFormElement>(null);

  // A link (a quick view, a sort header, "Filters wissen") changes the filter without a new form:
  // show it in the fields. Not by remounting the form, which would drop the focus from its button.
  useEffect(() => {
    const fields = formRef.current?.elements;
    if (!fields) return;
    const values: Record<string, string> = {
      zoek: filter.zoek ?? "",
      status: filter.status ?? "",
      signaal: filter.signaal ?? "",
      gemeente: filter.gemeente ?? "",
      behandelaar: filter.behandelaar ?? "",
      sorteer: filter.sorteer,
      richting: filter.richting,
    };
    for (const [name, value] of Object.entries(values)) {
      const field = fields.namedItem(name);
      if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
    }
  }, [
    filter.zoek,
    filter.status,
    filter.signaal,
    filter.gemeente,
    filter.behandelaar,
    filter.sorteer,
    filter.richting,
  ]);

  return (
    <section className="oma-queue-filters" aria-labelledby="filters-heading">
      <Heading level={2} id="filters-heading" className="oma-visually-hidden">
        {t.filtersHeading}
      </Heading>
      <Form method="get" action="/behandelaar" ref={formRef}>
        {filter.weergave !== "all" ? <input type="hidden" name="weergave" value={filter.weergave} /> : null}
        {/* The sort is chosen in the column headers; a new filter keeps it. */}
        <input type="hidden" name="sorteer" defaultValue={filter.sorteer} />
        <input type="hidden" name="richting" defaultValue={filter.richting} />
        <div className="oma-queue-filters__grid">
          <div className="oma-queue-filters__search">
            <TextField
              name="zoek"
              type="search"
              label={t.search}
              description={t.searchHint}
              required={false}
              autoComplete="off"
              defaultValue={filter.zoek ?? ""}
            />
          </div>
          <SelectField
            name="status"
            label={t.status}
            value={filter.status}
            options={[
              { value: "", label: t.statusAny },
              ...statuses.map((s) => ({ value: s, label: messages.dossier.statuses[s] })),
            ]}
          />
          <SelectField
            name="signaal"
            label={t.signal}
            value={filter.signaal}
            options={[
              { value: "", label: t.signalAny },
              ...QUEUE_SIGNALS.map((s) => ({ value: s, label: t.signals[s] })),
            ]}
          />
          <SelectField
            name="gemeente"
            label={t.municipality}
            value={filter.gemeente}
            options={[
              { value: "", label: t.municipalityAny },
              ...municipalities.map((m) => ({ value: m.id, label: m.name })),
            ]}
          />
          <SelectField
            name="behandelaar"
            label={t.assignee}
            value={filter.behandelaar}
            options={[{ value: "", label: t.assigneeAny }, ...handlers.map((h) => ({ value: h.id, label: h.name }))]}
          />
          <div className="oma-queue-filters__actions">
            <Button>{t.apply}</Button>
            <Link to={cleared}>{t.clear}</Link>
          </div>
        </div>
      </Form>
    </section>
  );
}
