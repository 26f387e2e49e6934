import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import path from "node:path";
import * as build from "@remix-run/dev/server-build";
import express from "express";
import { startServices } from "#app/bootstrap.server";
import { DEMO_ACCOUNTS } from "#app/seed.server";
import { ConfigError, getEnv } from "#app/config/env.server";
import { projectRoot } from "#db/project-root";
import { guardDatabaseOutages } from "#app/utils/database-outage.server";
import { CSRF_COOKIE, csrfTokenFor, isCrossSiteRequest, newCsrfSeed } from "#app/security/csrf.server";
import { bodyLimitsFor } from "#app/http/body-policy";
import { observeRequest, routeLabelResolver } from "#app/http/metrics.server";
import { pageSectionsResolver } from "#app/http/page-sections.server";
import { createRemixHandler } from "#app/http/remix-handler.server";
import { precompressedStatic } from "#app/http/static.server";
import { baseSecurityHeaders, newNonce, securityHeaders } from "#app/security/headers.server";
import { readCookie, serializeCookie } from "#app/utils/cookies.server";
import { logger, setLogLevel, withRequestContext } from "#app/utils/logger.server";
import type { RequestContext } from "#app/utils/services.server";

async function main(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`The app cannot start:\n${err.problems.map((p) => `  - ${p}`).join("\n")}\n`);
      process.exit(1);
    }
    throw err;
  }
  setLogLevel(env.logLevel);
  const startedAt = performance.now();
  const running = await startServices(env);
  const { services } = running;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.trustProxy);
  const allowedOrigins = [new URL(env.publicUrl).origin];
  // Browsers upload straight to the bucket when files live in S3.
  const connectSources =
    env.storage.driver === "s3"
      ? [
          env.storage.endpoint
            ? new URL(env.storage.endpoint).origin
            : env.storage.forcePathStyle
              ? `https://s3.${env.storage.region}.amazonaws.com`
              : `https://${env.storage.bucket}.s3.${env.storage.region}.amazonaws.com`,
        ]
      : [];

  const routeLabel = routeLabelResolver(build);
  app.use((req, res, next) => {
    const requestId = (req.get("x-request-id") ?? "").slice(0, 64) || randomUUID();
    const began = performance.now();
    res.setHeader("X-Request-Id", requestId);
    res.on("finish", () => {
      const durationMs = performance.now() - began;
      if (env.metricsPort !== null) observeRequest(req.method, routeLabel(req.path), res.statusCode, durationMs / 1000);
      if (req.path.startsWith("/build/")) return;
      logger.info("request", {
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Math.round(durationMs),
      });
    });
    res.locals.requestId = requestId;
    withRequestContext({ requestId }, next);
  });

  app.use((req, res, next) => {
    const unsafe = !["GET", "HEAD", "OPTIONS"].includes(req.method);
    const crossSite = isCrossSiteRequest(
      { origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site"), host: req.get("host") },
      allowedOrigins,
    );
    if (unsafe && crossSite) {
      logger.warn("cross-site request refused", { method: req.method, path: req.path, origin: req.get("origin") });
      res.status(403).type("text/plain").send("Forbidden: cross-site request");
      return;
    }
    next();
  });

  const baseHeaders = Object.entries(baseSecurityHeaders({ production: env.isProduction }));
  app.use((_req, res, next) => {
    for (const [name, value] of baseHeaders) res.setHeader(name, value);
    next();
  });

  const root = projectRoot();
  // The built files, brotli or gzip as made at build time; express.static for anything else in public/.
  app.use(
    build.publicPath,
    precompressedStatic(path.join(root, "public", "build"), { cacheControl: "public, max-age=31536000, immutable" }),
  );
  app.use(
    build.publicPath,
    express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y", index: false }),
  );
  app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));

  const pageSections = pageSectionsResolver(build.routes);
  app.all(
    "*",
    createRemixHandler({
      build: guardDatabaseOutages(build),
      mode: build.mode,
      limits: bodyLimitsFor(env.uploads),
      getLoadContext(req, res): RequestContext {
        const nonce = newNonce();
        for (const [name, value] of Object.entries(
          securityHeaders({ nonce, production: env.isProduction, connectSources }),
        )) {
          res.setHeader(name, value);
        }
        let seed = readCookie(req.get("cookie"), CSRF_COOKIE);
        if (!seed) {
          seed = newCsrfSeed();
          res.append("Set-Cookie", serializeCookie(CSRF_COOKIE, seed, { secure: env.isProduction, sameSite: "Lax" }));
          // The token below is checked against the cookie of this same request in tests and first posts.
          req.headers.cookie = [req.headers.cookie, `${CSRF_COOKIE}=${seed}`].filter(Boolean).join("; ");
        }
        return {
          requestId: String(res.locals.requestId),
          cspNonce: nonce,
          csrfToken: csrfTokenFor(seed, env.sessionSecret),
          clientIp: req.ip ?? null,
          services,
          pageSections: pageSections(req.path),
        };
      },
    }),
  );

  const server: Server = app.listen(env.port, env.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.port;
    logger.info("listening", {
      url: `http://${env.host === "0.0.0.0" ? "localhost" : env.host}:${port}`,
      database: env.database.kind,
      storage: env.storage.driver,
      mail: env.smtp ? "smtp" : "log",
      startupMs: Math.round(performance.now() - startedAt),
    });
  });
  server.keepAliveTimeout = 5_000;
  // A client that asks before sending a large body hears "100 Continue" only once the body's
  // route kind and declared length pass (app/http/remix-handler.server.ts); otherwise a 413 at once.
  server.on("checkContinue", app);
  if (!env.isProduction) {
    server.once("listening", () => {
      const lines = [
        "",
        `  Ombudsman Metropool Amsterdam is running on ${env.publicUrl}`,
        `  database: ${env.database.kind === "pglite" ? `embedded PGlite in ${env.database.dir}` : "PostgreSQL server"}`,
        `  files: ${env.storage.driver === "local" ? env.storage.dir : `S3 bucket ${env.storage.bucket}`}`,
        `  mail: ${env.smtp ? `SMTP ${env.smtp.host}` : `not sent; read it on ${env.publicUrl}/ontwikkeling/mailbox`}`,
      ];
      if (env.seedDemoAccounts) {
        lines.push("  demo sign-ins (" + env.publicUrl + "/inloggen):");
        for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.role.padEnd(22)} ${a.email} / ${a.password}`);
      }
      process.stdout.write(lines.join("\n") + "\n\n");
    });
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    const force = setTimeout(() => {
      logger.error("shutdown timed out; exiting");
      process.exit(1);
    }, 20_000);
    force.unref();
    // Stop accepting, let requests in flight finish, then close the worker and the pool.
    server.close(() => {
      running
        .stop()
        .then(() => {
          logger.info("stopped");
          process.exit(0);
        })
        .catch((err: unknown) => {
          logger.error("error while stopping", { err });
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  logger.error("start-up failed", { err });
  process.exit(1);
});
