import type { ReactNode } from "react";

/** A list of terms and their values, as on the resident's check-your-answers page. */
export function SummaryList({ children }: { children: ReactNode }) {
  return <dl className="oma-summary">{children}</dl>;
}

/** One term and its value; `action` (a "Wijzigen" link, say) goes in a column of its own. */
export function SummaryRow({ term, children, action }: { term: ReactNode; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="oma-summary__row">
      <dt className="oma-summary__key">{term}</dt>
      <dd className="oma-summary__value">{children}</dd>
      {action !== undefined && <dd className="oma-summary__action">{action}</dd>}
    </div>
  );
}
