/**
 * A small tagged template for the few hot-path statements written in plain SQL (see the
 * README decision on the submit statement): values become $n parameters, nested fragments
 * are inlined. It skips the query builder's per-call work; the statements still go through
 * `DatabaseHandle.query`, so they run the same on PGlite and on a PostgreSQL server.
 */

export type Fragment = { readonly strings: readonly string[]; readonly values: readonly unknown[] };

const isFragment = (v: unknown): v is Fragment =>
  typeof v === "object" && v !== null && "strings" in v && "values" in v && Array.isArray((v as Fragment).strings);

export function q(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  return { strings, values };
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

export function compile(fragment: Fragment): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const walk = (f: Fragment): string => {
    let text = f.strings[0] ?? "";
    f.values.forEach((value, i) => {
      if (isFragment(value)) text += walk(value);
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
