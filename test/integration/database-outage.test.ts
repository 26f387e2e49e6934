import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "#db/client";
import { contextFor, createTestServices } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { createAppHandler } from "#test/support/remix-app";
import { startTcpProxy, type TcpProxy } from "#test/support/tcp-proxy";

// Short limits, so that the test takes seconds; the defaults are 3 s, 5 s and 7 s.
const TIMEOUTS = { connectMs: 1000, statementMs: 1000, responseMs: 2000 };
/** "Within a few seconds": the response guard, plus room for a slow machine. */
const PROMPT_MS = 4000;

describe.runIf(Boolean(process.env.DATABASE_URL))(
  "a PostgreSQL server that goes silent or resets its connections (PGlite runs in-process: there is no network to cut)",
  () => {
    let database: TestDatabase;
    let proxy: TcpProxy;
    let pool: DatabaseHandle;
    let services: ReturnType<typeof createTestServices>;
    let handle: Awaited<ReturnType<typeof createAppHandler>>;

    beforeAll(async () => {
      database = await createTestDatabase();
      const direct = new URL(database.url!);
      proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
      pool = await openDatabase({
        kind: "postgres",
        url: proxy.urlFor(database.url!),
        poolSize: 4,
        timeouts: TIMEOUTS,
      });
      services = createTestServices(
        { ...pool, destroy: () => pool.close() },
        { env: { READINESS_TIMEOUT_MS: "1000" } },
      );
      handle = await createAppHandler();
    });
    afterAll(async () => {
      await pool.close();
      await proxy.close();
      services.cleanup();
      await database.destroy();
    });

    /** A browser's request through the app's Remix handler, timed. */
    async function get(path: string) {
      const started = performance.now();
      const response = await handle(new Request(`http://localhost:3000${path}`), contextFor(services));
      const body = await response.text();
      return { status: response.status, headers: response.headers, body, ms: performance.now() - started };
    }

    async function expectServing() {
      const page = await get("/klacht/gemeente");
      expect(page.status).toBe(200);
      expect(page.body).toContain("Zaanstad");
      expect((await get("/readyz")).status).toBe(200);
    }

    async function expectOutagePage() {
      const page = await get("/klacht/gemeente");
      expect(page.status).toBe(503);
      expect(page.ms).toBeLessThan(PROMPT_MS);
      expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
      expect(Number(page.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(page.body).toMatch(/<h1[^>]*>De dienst is tijdelijk niet bereikbaar<\/h1>/);
      expect(page.body).toMatch(/<div lang="en"><h2[^>]*>The service is temporarily unavailable<\/h2>/);
      expect(page.body).toContain(
        "Tijdelijk niet bereikbaar / Temporarily unavailable – Ombudsman Metropool Amsterdam</title>",
      );

      // A client-side navigation asks for the same page's data: the same status, for the same page.
      const data = await get("/klacht/gemeente.data");
      expect(data.status).toBe(503);
      expect(data.ms).toBeLessThan(PROMPT_MS);
      expect(data.headers.get("Retry-After")).toBe(page.headers.get("Retry-After"));

      const ready = await get("/readyz");
      expect(ready.status).toBe(503);
      expect(ready.ms).toBeLessThan(PROMPT_MS);
      const report = JSON.parse(ready.body) as { status: string; checks: Record<string, string> };
      expect(report.status).toBe("error");
      expect(report.checks.database).not.toBe("ok");
      expect(report.checks.storage).toBe("ok");

      // The process itself is fine: nothing should restart it.
      const live = await get("/livez");
      expect(live.status).toBe(200);
      expect(live.ms).toBeLessThan(500);
    }

    it("answers 503 within seconds while the server is silent, and 200 again once it is back, in the same process", async () => {
      await expectServing();
      proxy.setMode("silent");
      try {
        await expectOutagePage();
      } finally {
        proxy.setMode("forward");
      }
      await expectServing();
    }, 60_000);

    it("answers 503 within seconds while every connection is reset, and 200 again once it is back", async () => {
      await expectServing();
      proxy.setMode("reset");
      try {
        await expectOutagePage();
      } finally {
        proxy.setMode("forward");
      }
      await expectServing();
    }, 60_000);

    it("leaves a slow but live query to the server's statement timeout, and keeps the connection", async () => {
      const single = await openDatabase({
        kind: "postgres",
        url: proxy.urlFor(database.url!),
        poolSize: 1,
        timeouts: TIMEOUTS,
      });
      try {
        const [before] = await single.query<{ pid: number }>("select pg_backend_pid() as pid");
        const started = performance.now();
        await expect(single.query("select pg_sleep(1.5)")).rejects.toMatchObject({ code: "57014" });
        expect(performance.now() - started).toBeLessThan(TIMEOUTS.responseMs);
        const [after] = await single.query<{ pid: number }>("select pg_backend_pid() as pid");
        expect(after!.pid).toBe(before!.pid);
      } finally {
        await single.close();
      }
    });

    it("drops a connection whose server falls silent between two pipelined answers", async () => {
      const single = await openDatabase({
        kind: "postgres",
        url: proxy.urlFor(database.url!),
        poolSize: 1,
        timeouts: TIMEOUTS,
      });
      try {
        await single.query("select 1");
        // One connection: the second query is sent right behind the first and answered after it.
        const first = single.query("select pg_sleep(0.2)");
        const second = single.query("select pg_sleep(0.8)");
        const started = performance.now();
        await first;
        await new Promise((r) => setTimeout(r, 300));
        proxy.setMode("silent");
        await expect(second).rejects.toMatchObject({ code: "DATABASE_SILENT" });
        expect(performance.now() - started).toBeLessThan(PROMPT_MS);
        proxy.setMode("forward");
        expect(await single.query("select 1 as ok")).toEqual([{ ok: 1 }]);
      } finally {
        proxy.setMode("forward");
        await single.close();
      }
    });

    it("keeps both limits on an encrypted connection, where the guard cannot read the protocol", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-tls-"));
      const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          key,
          "-out",
          cert,
          "-days",
          "1",
          "-subj",
          "/CN=localhost",
        ],
        { stdio: "ignore" },
      );
      const direct = new URL(database.url!);
      const tlsProxy = await startTcpProxy(
        { host: direct.hostname, port: Number(direct.port || 5432) },
        { tls: { key: fs.readFileSync(key, "utf8"), cert: fs.readFileSync(cert, "utf8") } },
      );
      const url = new URL(tlsProxy.urlFor(database.url!));
      url.searchParams.set("sslmode", "require");
      const single = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 1, timeouts: TIMEOUTS });
      try {
        expect(await single.query("select 1 as ok")).toEqual([{ ok: 1 }]);
        await expect(single.query("select pg_sleep(1.5)")).rejects.toMatchObject({ code: "57014" });
        tlsProxy.setMode("silent");
        const started = performance.now();
        await expect(single.query("select 2")).rejects.toMatchObject({ code: "DATABASE_SILENT" });
        expect(performance.now() - started).toBeLessThan(PROMPT_MS);
        tlsProxy.setMode("forward");
        // The dropped connection finishes closing under TLS before the next query takes a new one.
        await new Promise((r) => setTimeout(r, 100));
        expect(await single.query("select 3 as ok")).toEqual([{ ok: 3 }]);
      } finally {
        await single.close();
        await tlsProxy.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
