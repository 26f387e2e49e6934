import path from "node:path";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import * as entry from "#app/entry.server";
import { guardDatabaseOutages } from "#app/utils/database-outage.server";
import type { RequestContext } from "#app/utils/services.server";
import remixConfig from "../../remix.config.js";

const appDirectory = path.resolve(import.meta.dirname, "../../app");

/**
 * The whole app as the Remix request handler serves it in production (every route, the real
 * entry.server, the database-outage guard), built from the sources instead of `npm run build`.
 * Only the Express layer of app/main.server.ts is left out. Browser asset URLs are placeholders.
 */
export async function createAppHandler(): Promise<(request: Request, context: RequestContext) => Promise<Response>> {
  const manifest = {
    root: { id: "root", path: "", file: "root.tsx" } as {
      id: string;
      path?: string;
      index?: boolean;
      caseSensitive?: boolean;
      parentId?: string;
      file: string;
    },
    ...flatRoutes(appDirectory, remixConfig.ignoredRouteFiles ?? []),
  };
  const routes: ServerBuild["routes"] = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  for (const route of Object.values(manifest)) {
    const module = (await import(path.join(appDirectory, route.file))) as ServerBuild["routes"][string]["module"];
    const { file: _file, ...shape } = route;
    routes[route.id] = { ...shape, module };
    assetRoutes[route.id] = {
      ...shape,
      module: `/build/${route.id}.js`,
      imports: [],
      hasAction: Boolean(module.action),
      hasLoader: Boolean(module.loader),
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: Boolean(module.ErrorBoundary),
    };
  }
  const build = {
    mode: "production",
    entry: { module: entry },
    routes,
    assets: {
      version: "test",
      url: "/build/manifest-test.js",
      entry: { module: "/build/entry.client.js", imports: [] },
      routes: assetRoutes,
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: { ...remixConfig.future, v3_routeConfig: false, unstable_optimizeDeps: false },
    isSpaMode: false,
    basename: undefined,
  } as unknown as ServerBuild;
  const handler = createRequestHandler(guardDatabaseOutages(build), "production");
  return (request, context) => handler(request, context);
}
