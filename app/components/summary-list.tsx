import type { ReactNode } from "react";

/** A list of terms and their values, as on the resident's check-your-answers page. */
export function SummaryList({ children }: { children: ReactNode }) {
  return <dl className="oma-summary">{children}</dl>;
}

export function SummaryRow({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <div className="oma-summary__row">
      <dt className="oma-summary__key">{term}</dt>
      <dd className="oma-summary__value">{children}</dd>
    </div>
  );
}
