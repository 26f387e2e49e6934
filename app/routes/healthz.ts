import type { LoaderFunctionArgs } from "@remix-run/node";
import { logger } from "#app/utils/logger.server";

/** Liveness and readiness in one: 200 only when the database and the storage answer. */
export async function loader({ context }: LoaderFunctionArgs) {
  const { database, storage } = context.services;
  const checks: Record<string, "ok" | "error"> = {};
  await Promise.all([
    database
      .query("select 1 as ok")
      .then(() => (checks.database = "ok"))
      .catch((err: unknown) => {
        checks.database = "error";
        logger.error("health check: database", { err });
      }),
    storage
      .check()
      .then(() => (checks.storage = "ok"))
      .catch((err: unknown) => {
        checks.storage = "error";
        logger.error("health check: storage", { err });
      }),
  ]);
  const healthy = Object.values(checks).every((v) => v === "ok");
  return Response.json(
    { status: healthy ? "ok" : "error", checks },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
