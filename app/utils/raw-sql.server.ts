import { Column, getTableColumns, getTableName, is, Table } from "drizzle-orm";

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

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function compile(fragment: Fragment): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const walk = (f: Fragment): string => {
    let text = f.strings[0] ?? "";
    f.values.forEach((value, i) => {
      if (isFragment(value)) text += walk(value);
      else if (is(value, Column)) text += quoted(value.name);
      else if (is(value, Table)) text += quoted(getTableName(value));
      else {
        params.push(value === undefined ? null : value);
        text += `$${params.length}`;
      }
      text += f.strings[i + 1] ?? "";
    });
    return text;
  };
  return { text: walk(fragment), params };
}

/** A row for `insertSelect`: a column's value, or a fragment computing it from the FROM clause. */
export type SelectRow<T extends Table> = { [K in keyof T["$inferInsert"]]?: T["$inferInsert"][K] | Fragment };

/**
 * `INSERT INTO <table> (<columns>) SELECT <values> <from>` [UNION ALL SELECT … <from>], for a
 * common table expression: the columns are named by the schema's keys; a plain value is
 * converted as Drizzle would (JSON, dates) and cast to its column's type, a fragment is inlined.
 * Every row has the first row's columns.
 */
export function insertSelect<T extends Table>(table: T, rows: SelectRow<T>[], from: Fragment, tail?: Fragment): Fragment {
  const columns = getTableColumns(table) as Record<string, Column>;
  const keys = Object.keys(rows[0] ?? {});
  const names = join(
    keys.map((key) => q`${columns[key]}`),
    ", ",
  );
  const selects = rows.map((row) => {
    const values = keys.map((key) => {
      const column = columns[key]!;
      const value: unknown = (row as Record<string, unknown>)[key];
      if (isFragment(value)) return value;
      const driverValue = value === null || value === undefined ? null : column.mapToDriverValue(value);
      return q`${driverValue}::${raw(column.getSQLType())}`;
    });
    return q`SELECT ${join(values, ", ")} ${from}`;
  });
  return q`INSERT INTO ${table} (${names}) ${join(selects, " UNION ALL ")}${tail ?? raw("")}`;
}
