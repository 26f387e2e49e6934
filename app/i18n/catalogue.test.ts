import { describe, expect, it } from "vitest";
import { catalogues } from "./catalogue.server";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogue", () => {
  const nl = leaves(catalogues.nl as unknown as Tree);
  const en = leaves(catalogues.en as unknown as Tree);

  it("has every Dutch key in English and no English key that Dutch lacks", () => {
    expect([...en.keys()].sort()).toEqual([...nl.keys()].sort());
  });

  it("has no empty message in either language", () => {
    for (const [key, value] of [...nl, ...en]) expect(value.trim(), key).not.toBe("");
  });

  it("uses the same placeholders in both languages", () => {
    for (const [key, value] of nl) expect(placeholders(en.get(key) ?? ""), key).toEqual(placeholders(value));
  });
});
