import { Link } from "#app/components/ui";

export type PaginationWords = {
  label: string;
  previous: string;
  next: string;
  /** "Pagina {page}": with it, the page numbers around the current one are listed too. */
  page?: (page: number) => string;
};

/** Page numbers around the current one, with the first and last always there; null marks a gap. */
export function pageList(current: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return shown.flatMap((p, i) => (i > 0 && p - shown[i - 1]! > 1 ? [null, p] : [p]));
}

/** Previous, (page numbers,) next: links, so each page has its own URL and works without JavaScript. */
export function Pagination({
  current,
  pages,
  href,
  words,
}: {
  current: number;
  pages: number;
  href: (page: number) => string;
  words: PaginationWords;
}) {
  const pageLabel = words.page;
  return (
    <nav aria-label={words.label} className="oma-pagination">
      <ul>
        {current > 1 ? (
          <li>
            <Link to={href(current - 1)} rel="prev">
              {words.previous}
            </Link>
          </li>
        ) : null}
        {pageLabel
          ? pageList(current, pages).map((p, i) =>
              p === null ? (
                <li key={`gap-${i}`} className="oma-pagination__gap">
                  …
                </li>
              ) : (
                <li key={p}>
                  <Link to={href(p)} aria-label={pageLabel(p)} aria-current={p === current ? "page" : undefined}>
                    {p}
                  </Link>
                </li>
              ),
            )
          : null}
        {current < pages ? (
          <li>
            <Link to={href(current + 1)} rel="next">
              {words.next}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
