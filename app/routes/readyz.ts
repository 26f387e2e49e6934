import type { LoaderFunctionArgs } from "@remix-run/node";
import { logger } from "#app/utils/logger.server";

type Outcome = "ok" | "error" | "timeout";

/**
 * Readiness, for a load balancer: 200 when the database and the storage both answer within
 * READINESS_TIMEOUT_MS, otherwise 503 naming the check that failed. A failing check means "send no
 * traffic here for now", not "restart": that is `/livez`.
 */
export async function loader({ context }: LoaderFunctionArgs) {
  const { database, storage, env } = context.services;
  const [db, files] = await Promise.all([
    check("database", () => database.query("select 1"), env.readinessTimeoutMs),
    check("storage", () => storage.check(), env.readinessTimeoutMs),
  ]);
  const checks = { database: db, storage: files };
  const ready = db === "ok" && files === "ok";
  return Response.json(
    { status: ready ? "ok" : "error", checks },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

async function check(name: string, run: () => Promise<unknown>, timeoutMs: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const attempt = run().then(
    () => "ok" as const,
    (err: unknown) => {
      logger.error(`readiness check failed: ${name}`, { err });
      return "error" as const;
    },
  );
  const late = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const outcome = await Promise.race([attempt, late]);
  clearTimeout(timer);
  if (outcome === "timeout") logger.error(`readiness check timed out: ${name}`, { timeoutMs });
  return outcome;
}
