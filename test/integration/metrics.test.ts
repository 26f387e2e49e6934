import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startServices, type Running } from "#app/bootstrap.server";
import { parseEnv } from "#app/config/env.server";
import {
  observeRequest,
  recordDeliveryFailure,
  recordUploadVerification,
  routeLabelResolver,
  startMetricsServer,
} from "#app/http/metrics.server";
import { mailOutbox } from "#db/schema/index";
import remixConfig from "../../remix.config.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-metrics-"));
const base = { NODE_ENV: "development", DATA_DIR: dataDir, MAIL_WORKER: "false", HOUSEKEEPING: "false" };

/** The app's real route manifest; the label only needs ids, paths and parents, not the modules. */
function manifestRoutes(): ServerBuild["routes"] {
  const manifest = {
    root: { id: "root", path: "", file: "root.tsx" },
    ...flatRoutes(path.resolve(import.meta.dirname, "../../app"), remixConfig.ignoredRouteFiles ?? []),
  };
  return Object.fromEntries(
    Object.values(manifest).map((r) => [r.id, { ...r, module: {} }]),
  ) as unknown as ServerBuild["routes"];
}

let running: Running;
beforeAll(async () => {
  running = await startServices(parseEnv({ ...base, METRICS_PORT: "0", LOG_LEVEL: "warn" }));
}, 60_000);
afterAll(async () => {
  await running?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("metrics", () => {
  it("labels a request by its route id, never by its path with a dossier number", () => {
    const label = routeLabelResolver({ routes: manifestRoutes(), publicPath: "/build/" });
    expect(label("/behandelaar/dossiers/2025-000123")).toBe("routes/behandelaar.dossiers.$number");
    expect(label("/behandelaar/dossiers/2025-000123.data")).toBe("routes/behandelaar.dossiers.$number");
    expect(label("/build/entry.client-ABC.js")).toBe("static");
    expect(label("/")).toBe("routes/_index");
    expect(label("/no/such/page/42")).not.toContain("42");
  });

  it("serves /metrics on its own port: request durations, outbox, failures, uploads, pool, process", async () => {
    expect(running.metrics).not.toBeNull();
    expect(running.metrics!.port).not.toBe(running.services.env.port);
    const label = routeLabelResolver({ routes: manifestRoutes(), publicPath: "/build/" });
    observeRequest("GET", label("/behandelaar/dossiers/2025-000123"), 200, 0.042);
    recordDeliveryFailure("retried");
    recordDeliveryFailure("failed");
    recordUploadVerification({ ok: true });
    recordUploadVerification({ ok: false, code: "bad_type" });
    await running.services.db.insert(mailOutbox).values({
      toAddress: "a@example.org",
      subject: "s",
      textBody: "t",
      kind: "staff_digest",
      createdAt: new Date(Date.now() - 60_000),
    });

    const response = await fetch(`http://127.0.0.1:${running.metrics!.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain(
      'oma_http_request_duration_seconds_count{method="GET",route="routes/behandelaar.dossiers.$number",status_class="2xx"} 1',
    );
    expect(text).not.toContain("2025-000123");
    expect(text).toContain('oma_mail_delivery_failures_total{outcome="retried"} 1');
    expect(text).toContain('oma_mail_delivery_failures_total{outcome="failed"} 1');
    expect(text).toContain('oma_upload_verifications_total{outcome="verified"} 1');
    expect(text).toContain('oma_upload_verifications_total{outcome="refused"} 1');
    expect(text).toContain('oma_upload_refusals_total{code="bad_type"} 1');
    expect(text).toMatch(/^oma_mail_outbox_depth 1$/m);
    const age = Number(/^oma_mail_outbox_oldest_pending_age_seconds (\S+)$/m.exec(text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(59);
    expect(text).toMatch(/^oma_db_pool_size 1$/m);
    expect(text).toContain("oma_process_resident_memory_bytes");

    expect((await fetch(`http://127.0.0.1:${running.metrics!.port}/`)).status).toBe(404);
  });

  it("a failed listen logs one JSON line and the app runs on without metrics", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      expect(await startMetricsServer(running.services, port, "127.0.0.1")).toBeNull();
    } finally {
      spy.mockRestore();
      taken.close();
    }
    const entry = JSON.parse(lines.find((l) => l.includes("metrics server could not listen"))!) as Record<
      string,
      unknown
    >;
    expect(entry).toMatchObject({ level: "error", port, host: "127.0.0.1", err: { code: "EADDRINUSE" } });
  });

  it("with METRICS_PORT unset nothing listens", async () => {
    const env = parseEnv({ ...base, LOG_LEVEL: "warn" });
    expect(env.metricsPort).toBeNull();
    // The services above still run on this data folder; this checks the setting alone.
    expect(() => parseEnv({ ...base, PORT: "4000", METRICS_PORT: "4000" })).toThrow(/METRICS_PORT must differ/);
  });
});
