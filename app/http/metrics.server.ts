import http from "node:http";
import type { AddressInfo } from "node:net";
import { matchRoutes } from "@remix-run/react";
import type { ServerBuild } from "@remix-run/node";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { logger } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";
import { routeTree } from "./page-sections.server";

/**
 * Prometheus metrics (METRICS_PORT): one registry, the few metrics the app records, and a
 * tiny HTTP server of its own for `GET /metrics`, never on the public app port.
 */
export const registry = new Registry();

const requestDuration = new Histogram({
  name: "oma_http_request_duration_seconds",
  help: "Duration of HTTP requests, by method, Remix route id (never the raw path) and status class.",
  labelNames: ["method", "route", "status_class"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const deliveryFailures = new Counter({
  name: "oma_mail_delivery_failures_total",
  help: "Failed mail deliveries: outcome=failed when given up for good, retried when tried again later.",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

const uploadVerifications = new Counter({
  name: "oma_upload_verifications_total",
  help: "Upload verifications, by outcome (verified or refused).",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

const uploadRefusals = new Counter({
  name: "oma_upload_refusals_total",
  help: "Uploads refused at verification, by refusal code.",
  labelNames: ["code"] as const,
  registers: [registry],
});

/** The services the scrape-time gauges read; set by startMetricsServer. */
let source: Services | null = null;

// Both gauges come from one query; the registry collects them in parallel, so they share it.
let outboxRead: Promise<{ depth: number; age: number }> | null = null;
function readOutbox(services: Services): Promise<{ depth: number; age: number }> {
  outboxRead ??= services.database
    .query<{ depth: number; age: number }>(
      `select count(*)::int as depth,
              coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
         from mail_outbox where status in ('pending', 'sending')`,
    )
    .then(([row]) => ({ depth: Number(row?.depth ?? 0), age: Number(row?.age ?? 0) }))
    .catch((err: unknown) => {
      logger.warn("metrics: could not read the outbox", { err });
      return { depth: Number.NaN, age: Number.NaN };
    })
    .finally(() => {
      outboxRead = null;
    });
  return outboxRead;
}

new Gauge({
  name: "oma_mail_outbox_depth",
  help: "Messages in the outbox not yet sent or given up (pending or being sent).",
  registers: [registry],
  async collect() {
    if (source) this.set((await readOutbox(source)).depth);
  },
});
new Gauge({
  name: "oma_mail_outbox_oldest_pending_age_seconds",
  help: "Age of the oldest message not yet sent or given up; 0 when there is none.",
  registers: [registry],
  async collect() {
    if (source) this.set((await readOutbox(source)).age);
  },
});

new Gauge({
  name: "oma_db_pool_size",
  help: "Configured connections in the PostgreSQL pool (1 for embedded PGlite).",
  registers: [registry],
  collect() {
    if (source) this.set(source.database.stats?.().poolSize ?? 1);
  },
});

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  requestDuration.observe(
    { method: METHODS.has(method) ? method : "OTHER", route, status_class: `${Math.floor(status / 100)}xx` },
    seconds,
  );
}

export function recordDeliveryFailure(outcome: "failed" | "retried"): void {
  deliveryFailures.inc({ outcome });
}

export function recordUploadVerification(result: { ok: true } | { ok: false; code: string }): void {
  uploadVerifications.inc({ outcome: result.ok ? "verified" : "refused" });
  if (!result.ok) uploadRefusals.inc({ code: result.code });
}

/**
 * The route label of a request: the id of the deepest Remix route that matches its path (a
 * single-fetch `.data` request counts as its page), `static` under the build's public path and
 * `unmatched` otherwise. Never the path itself, which carries dossier numbers and tokens.
 */
export function routeLabelResolver(build: Pick<ServerBuild, "routes" | "publicPath">): (pathname: string) => string {
  const tree = routeTree(build.routes);
  return (pathname) => {
    if (pathname.startsWith(build.publicPath)) return "static";
    const page = pathname === "/_root.data" ? "/" : pathname.replace(/\.data$/, "");
    const matches = matchRoutes(tree, page);
    const last = matches?.[matches.length - 1];
    return last ? String(last.route.id) : "unmatched";
  };
}

export type MetricsServer = { port: number; close(): Promise<void> };

let defaultsCollected = false;

/**
 * Serves `GET /metrics` on `host:port` (METRICS_HOST, 127.0.0.1 by default). A failed listen
 * is logged and resolves to null: the app runs on without metrics.
 */
export function startMetricsServer(
  services: Services,
  port: number,
  host = services.env.metricsHost,
): Promise<MetricsServer | null> {
  source = services;
  if (!defaultsCollected) {
    collectDefaultMetrics({ register: registry, prefix: "oma_" });
    defaultsCollected = true;
  }
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? "").split("?")[0];
    if (pathname !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found\n");
      return;
    }
    registry.metrics().then(
      (body) => {
        res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      (err: unknown) => {
        logger.error("metrics: scrape failed", { err });
        res.writeHead(500, { "Content-Type": "text/plain" }).end("Metrics unavailable\n");
      },
    );
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve) => {
    server.once("error", (err) => {
      logger.error("metrics server could not listen; running without metrics", { err, host, port });
      resolve(null);
    });
    server.listen(port, host, () => {
      const bound = (server.address() as AddressInfo).port;
      logger.info("metrics listening", { url: `http://${host}:${bound}/metrics` });
      resolve({
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
