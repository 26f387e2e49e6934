import type { HTMLAttributes, ReactNode } from "react";

/**
 * One column of a `DataTable`. The first column is the row header (`<th scope="row">`), so a
 * screen reader names each row by it.
 */
export type Column<R> = {
  key: string;
  header: ReactNode;
  cell: (row: R) => ReactNode;
  /** On the header and on every cell of the column. */
  className?: string;
  /** On the cells only, per row (a due date coloured by how late it is). */
  cellClassName?: (row: R) => string | undefined;
  sort?: "ascending" | "descending";
};

type Caption = { text: ReactNode; id?: string; className?: string };

/**
 * The back office's tables: the Utrecht table container (scrolls sideways on a narrow screen)
 * around an `oma-table`. A caption is always there for assistive technology; by default it is
 * visually hidden. `region` makes the container a focusable landmark named by the caption, so a
 * keyboard user can scroll a table wider than the screen.
 */
export function DataTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  foot,
  className,
  containerClassName,
  region,
}: {
  caption: ReactNode | Caption;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  foot?: ReactNode;
  className?: string;
  containerClassName?: string;
  region?: boolean;
}) {
  const c: Caption = isCaption(caption) ? caption : { text: caption };
  const container: HTMLAttributes<HTMLDivElement> =
    region && c.id ? { role: "region", "aria-labelledby": c.id, tabIndex: 0 } : {};
  const [head, ...rest] = columns;
  return (
    <div
      className={cx("utrecht-table-container utrecht-table-container--overflow-inline", containerClassName)}
      {...container}
    >
      <table className={cx("oma-table", className)}>
        <caption id={c.id} className={c.className ?? "oma-visually-hidden"}>
          {c.text}
        </caption>
        <thead>
          <tr>
            {columns.map((col) => (
              <th key={col.key} scope="col" className={col.className} aria-sort={col.sort}>
                {col.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {head ? (
                <th scope="row" className={cellClass(head, row)}>
                  {head.cell(row)}
                </th>
              ) : null}
              {rest.map((col) => (
                <td key={col.key} className={cellClass(col, row)}>
                  {col.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {foot ? <tfoot>{foot}</tfoot> : null}
      </table>
    </div>
  );
}

function isCaption(value: unknown): value is Caption {
  return typeof value === "object" && value !== null && "text" in value;
}

function cellClass<R>(col: Column<R>, row: R): string | undefined {
  return cx(col.className, col.cellClassName?.(row)) || undefined;
}

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(" ");
