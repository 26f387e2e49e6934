import type { ActionFunctionArgs, LoaderFunctionArgs, ServerBuild } from "@remix-run/node";
import { logger } from "#app/utils/logger.server";
import { isDatabaseUnavailable } from "#db/unavailable";

/** What a 503 asks clients (and crawlers) to wait; the page itself says "a few minutes". */
export const RETRY_AFTER_SECONDS = 120;

/**
 * Thrown instead of a database error that means the database is unreachable or too slow. Pages
 * render it in the root ErrorBoundary (a 503 page that needs no data); other clients get this
 * text with the same status.
 */
export function serviceUnavailable(): Response {
  return new Response(
    "De dienst is tijdelijk niet bereikbaar. Probeer het over een paar minuten opnieuw.\n" +
      "The service is temporarily unavailable. Please try again in a few minutes.\n",
    {
      status: 503,
      statusText: "Service Unavailable",
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Retry-After": String(RETRY_AFTER_SECONDS),
        "Cache-Control": "no-store",
      },
    },
  );
}

/**
 * Wraps every loader and action of the build, so that a database outage becomes a 503 in every
 * kind of answer: a page, a client-side navigation's data and a resource route alike.
 * (`handleError` sees the error too, but cannot change the status of the answer.)
 */
export function guardDatabaseOutages(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: (args: LoaderFunctionArgs) => guarded(args, () => loader(args)) } : {}),
        ...(action ? { action: (args: ActionFunctionArgs) => guarded(args, () => action(args)) } : {}),
      },
    };
  }
  return { ...build, routes };
}

// One log line per request, although its root and page loaders usually fail together.
const reported = new WeakSet<object>();

async function guarded<T>({ request, context }: LoaderFunctionArgs, run: () => T): Promise<Awaited<T>> {
  try {
    return await run();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    if (!reported.has(context)) {
      reported.add(context);
      logger.warn("database unavailable", { method: request.method, path: new URL(request.url).pathname, err });
    }
    throw serviceUnavailable();
  }
}
