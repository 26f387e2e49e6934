import { Heading } from "#app/components/ui";
import type { Messages } from "#app/i18n/i18n";
import { SaveViewForm } from "./saved-views";

/** Below the table: saving the current filters, the keyboard shortcuts and what the views mean. */
export function QueueAside({ query, t }: { query: string; t: Messages["queue"] }) {
  return (
    <div className="oma-queue-aside">
      <SaveViewForm query={query} t={t} />
      <section aria-labelledby="shortcuts-heading" className="oma-queue-shortcuts">
        <Heading level={2} id="shortcuts-heading">
          {t.shortcutsHeading}
        </Heading>
        <dl>
          <dt>
            <kbd>/</kbd>
          </dt>
          <dd>{t.shortcuts.search}</dd>
          <dt>
            <kbd>j</kbd>
          </dt>
          <dd>{t.shortcuts.next}</dd>
          <dt>
            <kbd>k</kbd>
          </dt>
          <dd>{t.shortcuts.previous}</dd>
        </dl>
        <p className="utrecht-paragraph oma-hint">{t.shortcutsNote}</p>
      </section>
      <section aria-labelledby="views-help-heading" className="oma-queue-help">
        <Heading level={2} id="views-help-heading">
          {t.helpHeading}
        </Heading>
        <p className="utrecht-paragraph oma-hint" id="views-help">
          {t.viewsHint}
        </p>
      </section>
    </div>
  );
}
