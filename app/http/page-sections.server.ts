import { matchRoutes } from "@remix-run/react";
import type { ServerBuild } from "@remix-run/node";
import type { SectionRequest } from "#app/i18n/catalogue.server";
import { sectionsForHandles } from "#app/utils/page-handle";

type RouteNode =
  | { id: string; path?: string; index: true; caseSensitive?: boolean }
  | { id: string; path?: string; index?: false; caseSensitive?: boolean; children: RouteNode[] };

/**
 * For a request's path, the catalogue sections its page needs (app/utils/page-handle.ts), from the
 * `handle` of every route that matches it. The root loader sends only those to the browser. A
 * single-fetch data request (`/klacht/gemeente.data`, `/_root.data`) counts as its page.
 */
export function pageSectionsResolver(
  routes: ServerBuild["routes"],
): (pathname: string) => readonly SectionRequest[] | "all" {
  const tree = routeTree(routes);
  const cache = new Map<string, readonly SectionRequest[] | "all">();
  return (pathname) => {
    const page = pathname === "/_root.data" ? "/" : pathname.replace(/\.data$/, "");
    let sections = cache.get(page);
    if (!sections) {
      const matches = matchRoutes(tree, page) ?? [];
      sections = sectionsForHandles(matches.map((m) => routes[m.route.id as string]?.module.handle));
      // Only known shapes are kept: a splat route would otherwise fill the cache with every address asked for.
      if (cache.size < 1000) cache.set(page, sections);
    }
    return sections;
  };
}

/** The build's routes as the tree `matchRoutes` takes (also the metrics' route label). */
export function routeTree(routes: ServerBuild["routes"]): RouteNode[] {
  const childrenOf = (parentId: string | undefined): RouteNode[] =>
    Object.values(routes)
      .flatMap((r) => (r && r.parentId === parentId ? [r] : []))
      .map((r): RouteNode =>
        r.index
          ? { id: r.id, path: r.path, index: true, caseSensitive: r.caseSensitive }
          : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: childrenOf(r.id) },
      );
  return childrenOf(undefined);
}
