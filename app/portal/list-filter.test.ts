import { describe, expect, it } from "vitest";
import { parsePortalListFilter, portalListHref } from "./list-filter";

const parse = (query: string) => parsePortalListFilter(new URL(`http://localhost/gemeente${query}`));

describe("the portal list's filter", () => {
  it("reads a number search, the state and the page", () => {
    expect(parse("?zoek=oma-2026-00042&stand=afgesloten&pagina=3")).toEqual({
      zoek: "OMA-2026-00042",
      stand: "afgesloten",
      pagina: 3,
    });
    expect(parse("?zoek= 2026 - 42 ")).toMatchObject({ zoek: "2026-42" });
  });

  it("falls back to the whole list on page one for what it does not understand", () => {
    expect(parse("")).toEqual({ zoek: null, stand: "alle", pagina: 1 });
    expect(parse("?zoek=Fatima%27%3B&stand=weg&pagina=-2")).toEqual({ zoek: null, stand: "alle", pagina: 1 });
    expect(parse("?pagina=abc")).toMatchObject({ pagina: 1 });
  });

  it("writes links that keep the filter and leave out the defaults", () => {
    const filter = parse("?zoek=42&stand=lopend&pagina=2");
    expect(portalListHref(filter, { pagina: 3 })).toBe("/gemeente?zoek=42&stand=lopend&pagina=3");
    expect(portalListHref(filter)).toBe("/gemeente?zoek=42&stand=lopend");
    expect(portalListHref(parse(""))).toBe("/gemeente");
  });
});
