import { Column, getTableColumns, getTableName, is, sql, Table, type SQL, type SQLChunk } from "drizzle-orm";

/**
 * A small tagged template for the few hot-path statements written in plain SQL (see the
 * README decision on the submit statement): values become $n parameters, nested fragments
 * are inlined, and a Drizzle table or column becomes its quoted name, so the statement's names
 * come from the schema and a renamed column fails the type check. It skips the query builder's
 * per-call work; the statements still go through `DatabaseHandle.query`, so they run the same on
 * PGlite and on a PostgreSQL server.
 */

export type Fragment = { readonly strings: readonly string[]; readonly values: readonly unknown[] };

const isFragment = (v: unknown): v is Fragment =>
  typeof v === "object" && v !== null && "strings" in v && "values" in v && Array.isArray((v as Fragment).strings);

export function q(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  return { strings, values };
}

/** SQL text taken as it is: only for text the code itself writes, never for input. */
export function raw(text: string): Fragment {
  return { strings: [text], values: [] };
}

export function join(fragments: Fragment[], separator: string): Fragment {
  const strings: string[] = [""];
  const values: unknown[] = [];
  fragments.forEach((f, i) => {
    if (i > 0) strings[strings.length - 1] += separator;
    values.push(f);
    strings.push("");
  });
  return { strings, values };
}

const quoted = (name: string) => (name.includes('"') ? `"${name.replace(/"/g, '""')}"` : `"${name}"`);

export function compile(fragment: Fragment): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const walk = (f: Fragment): string => {
    let text = f.strings[0] ?? "";
    f.values.forEach((value, i) => {
      if (
        typeof value !== "object" ||
        value === null ||
        !(isFragment(value) || is(value, Column) || is(value, Table))
      ) {
        params.push(value === undefined ? null : value);
        text += `$${params.length}`;
      } else if (isFragment(value)) text += walk(value);
      else if (is(value, Column)) text += quoted(value.name);
      else text += quoted(getTableName(value as Table));
      text += f.strings[i + 1] ?? "";
    });
    return text;
  };
  return { text: walk(fragment), params };
}

/** The same statement for Drizzle, to run it inside a transaction the query builder opened. */
export function toSql(fragment: Fragment): SQL {
  const chunks: SQLChunk[] = [];
  const walk = (f: Fragment) => {
    chunks.push(sql.raw(f.strings[0] ?? ""));
    f.values.forEach((value, i) => {
      if (isFragment(value)) walk(value);
      else if (is(value, Column)) chunks.push(sql.raw(quoted(value.name)));
      else if (is(value, Table)) chunks.push(sql.raw(quoted(getTableName(value))));
      else chunks.push(sql.param(value === undefined ? null : value));
      chunks.push(sql.raw(f.strings[i + 1] ?? ""));
    });
  };
  walk(fragment);
  return sql.join(chunks);
}

/** The rows a statement run with `Database.execute` returned, on either driver. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A row for `insertSelect`: a column's value, or a fragment computing it from the FROM clause. */
export type SelectRow<T extends Table> = { [K in keyof T["$inferInsert"]]?: T["$inferInsert"][K] | Fragment };

type ColumnInfo = { name: string; cast: string; column: Column };
const columnInfo = new WeakMap<Table, Map<string, ColumnInfo>>();

/** Each column's quoted name and its cast, worked out once per table. */
function columnsOf(table: Table): Map<string, ColumnInfo> {
  let info = columnInfo.get(table);
  if (!info) {
    info = new Map(
      Object.entries(getTableColumns(table) as Record<string, Column>).map(([key, column]) => [
        key,
        { name: quoted(column.name), cast: `::${column.getSQLType()}`, column },
      ]),
    );
    columnInfo.set(table, info);
  }
  return info;
}

/**
 * `INSERT INTO <table> (<columns>) SELECT <values> <from>` [UNION ALL SELECT … <from>], for a
 * common table expression: the columns are named by the schema's keys; a plain value is
 * converted as Drizzle would (JSON, dates) and cast to its column's type, a fragment is inlined.
 * Every row has the first row's columns. Built as one flat fragment: it is on the submit's hot path.
 */
export function insertSelect<T extends Table>(
  table: T,
  rows: SelectRow<T>[],
  from: Fragment,
  tail?: Fragment,
): Fragment {
  const columns = columnsOf(table);
  const keys = Object.keys(rows[0] ?? {});
  const info = keys.map((key) => {
    const column = columns.get(key);
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return column;
  });
  const strings: string[] = [
    `INSERT INTO ${quoted(getTableName(table))} (${info.map((c) => c.name).join(", ")}) SELECT `,
  ];
  const values: unknown[] = [];
  const put = (value: unknown, after: string) => {
    values.push(value);
    strings.push(after);
  };
  rows.forEach((row, r) => {
    if (r > 0) put(from, " UNION ALL SELECT ");
    keys.forEach((key, i) => {
      if (i > 0) strings[strings.length - 1] += ", ";
      const value: unknown = (row as Record<string, unknown>)[key];
      const c = info[i]!;
      if (isFragment(value)) put(value, "");
      else put(value === null || value === undefined ? null : c.column.mapToDriverValue(value), c.cast);
    });
    strings[strings.length - 1] += " ";
  });
  put(from, "");
  if (tail) put(tail, "");
  return { strings, values };
}
