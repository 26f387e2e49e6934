import { DataTable } from "#app/components/data-table";
import { AppForm } from "#app/components/forms";
import { Button, Link, VisuallyHidden } from "#app/components/ui";
import { formatDate, formatDateTime, interpolate, useI18n } from "#app/i18n/i18n";

type Holiday = { day: string; name: string; kind: "statutory" | "equated" };
type Change = {
  version: number;
  change: "added" | "removed";
  day: string;
  name: string;
  changedAt: string | Date;
  movedCount: number;
};
type Moved = { id: string; dossierNumber: string; subject: "request" | "question"; from: string; to: string };

export const PATH = "/behandelaar/referentiegegevens/feestdagen";

export function HolidayTable({ year, holidays }: { year: number; holidays: readonly Holiday[] }) {
  const { messages, locale } = useI18n();
  const t = messages.reference.holidays;
  return (
    <DataTable
      caption={interpolate(t.caption, { year })}
      rows={holidays}
      rowKey={(h) => h.day}
      columns={[
        { key: "day", header: t.day, cell: (h) => formatDate(h.day, locale, true) },
        { key: "name", header: t.name, cell: (h) => h.name },
        { key: "kind", header: t.kind, cell: (h) => t.kinds[h.kind] },
        {
          key: "action",
          header: t.action,
          cell: (h) => (
            <AppForm action={`${PATH}?jaar=${year}`} className="oma-inline-form">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="day" value={h.day} />
              <Button appearance="secondary" className="oma-small-button">
                {t.remove}
                <VisuallyHidden>
                  {" "}
                  {interpolate(t.removeFor, { name: h.name, date: formatDate(h.day, locale) })}
                </VisuallyHidden>
              </Button>
            </AppForm>
          ),
        },
      ]}
    />
  );
}

export function MovedTable({ moved }: { moved: readonly Moved[] }) {
  const { messages, locale } = useI18n();
  const t = messages.reference.holidays;
  return (
    <DataTable
      caption={t.movedCaption}
      rows={moved}
      rowKey={(m) => m.id}
      columns={[
        {
          key: "dossier",
          header: t.dossier,
          cell: (m) => <Link to={`/behandelaar/dossiers/${m.dossierNumber}`}>{m.dossierNumber}</Link>,
        },
        { key: "subject", header: t.subject, cell: (m) => t.subjects[m.subject] },
        { key: "from", header: t.from, cell: (m) => formatDate(m.from, locale, true) },
        { key: "to", header: t.to, cell: (m) => formatDate(m.to, locale, true) },
      ]}
    />
  );
}

export function ChangeLog({ changes }: { changes: readonly Change[] }) {
  const { messages, locale } = useI18n();
  const t = messages.reference.holidays;
  return (
    <DataTable
      caption={t.logCaption}
      rows={changes}
      rowKey={(c) => String(c.version)}
      columns={[
        { key: "version", header: t.version, cell: (c) => c.version },
        { key: "when", header: t.when, cell: (c) => formatDateTime(c.changedAt, locale) },
        { key: "change", header: t.change, cell: (c) => t.changes[c.change] },
        { key: "day", header: t.day, cell: (c) => `${formatDate(c.day, locale)} (${c.name})` },
        { key: "moved", header: t.movedCount, cell: (c) => c.movedCount },
        {
          key: "show",
          header: t.action,
          cell: (c) => (
            <Link to={`${PATH}?jaar=${c.day.slice(0, 4)}&versie=${c.version}`}>
              {t.show}
              <VisuallyHidden> {interpolate(t.showFor, { version: c.version })}</VisuallyHidden>
            </Link>
          ),
        },
      ]}
    />
  );
}
