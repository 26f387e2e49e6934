import { interpolate, type Messages } from "#app/i18n/i18n";
import type { AuditSubject } from "#app/dossiers/audit-filter";

type T = Messages["overview"]["audit"];

/** A known code's label; a code the table does not know yet is shown as it is. */
export const codeLabel = (table: Record<string, string>, code: string): string => table[code] ?? code;

/**
 * An audit entry in words, for the pages and the CSV file alike: the action, the document it was
 * about (its file name, or its id once it is gone) and, for a refused attempt, what was asked.
 */
export function auditWords(t: T, entry: AuditSubject & { action: string }) {
  const document =
    entry.fileName ?? (entry.attachmentId ? interpolate(t.documentGone, { id: entry.attachmentId }) : "");
  const route = entry.deniedRoute ? codeLabel(t.deniedRoutes, entry.deniedRoute) : null;
  const attempted = route
    ? interpolate(t.attempted, {
        route: entry.number ? interpolate(t.attemptedNumber, { route, number: entry.number }) : route,
      })
    : "";
  return { action: codeLabel(t.actions, entry.action), document, attempted };
}

export function AuditWho({ name, role, t }: { name: string | null; role: string | null; t: T }) {
  if (!name && !role) return <>{t.unknownActor}</>;
  return (
    <>
      {name ?? t.unknown}
      {role ? (
        <>
          <br />
          <span className="oma-hint">{codeLabel(t.roles, role)}</span>
        </>
      ) : null}
    </>
  );
}

/** The "what" cell: the action, then the document or the refused request on a line of its own. */
export function AuditWhat({ entry, t }: { entry: AuditSubject & { action: string }; t: T }) {
  const words = auditWords(t, entry);
  const known = entry.action in t.actions;
  return (
    <>
      {known ? words.action : <code>{entry.action}</code>}
      {words.document ? (
        <>
          <br />
          <span className="oma-hint">{words.document}</span>
        </>
      ) : null}
      {words.attempted ? (
        <>
          <br />
          <span className="oma-hint">{words.attempted}</span>
        </>
      ) : null}
    </>
  );
}
