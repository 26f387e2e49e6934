/**
 * Benchmark of the resident's final submit, in one run against one server:
 *  - throughput of POST /klacht/controleren (drafts ready to submit) versus a bare Remix
 *    action on the same server (POST /uitloggen without a session: CSRF check + redirect);
 *  - p50/p99 latency of the submit at 20 concurrent requests;
 *  - the gzip size of the JavaScript a browser loads for the first step.
 *
 * Needs a build (`npm run build`) and a PostgreSQL server.
 * Usage: npx tsx bench/intake-submit.ts [--drafts 3000] [--bare 5000] [--warm-up 1000] [--concurrency 20] [--pool <cores>]
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 *   a fresh database oma_bench_<pid> is created there and dropped afterwards.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startBuiltServer } from "./server";
import { gzipSync } from "node:zlib";
import { csrfTokenFor } from "#app/security/csrf.server";
import { openDatabase } from "#db/client";
import { migrate } from "#db/migrate";
import { seedReferenceData } from "#app/seed.server";
import { draftAttachments, intakeDrafts } from "#db/schema/index";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DRAFTS = arg("drafts", 3000);
const CONCURRENCY = arg("concurrency", 20);
const BARE_REQUESTS = arg("bare", 5000);
// Requests of each kind before measuring it. V8 keeps optimising a hot path for the first
// thousand or so requests: with 100 warm-up submits the first 1,000 measured ones cost the
// server a quarter more CPU than later ones, which measured the compiler rather than the code.
const WARM_UP = arg("warm-up", 1000);
/**
 * The app's connections to PostgreSQL. Here the database, the app and this load generator share
 * the machine's cores, so the default is one connection per core: more backends than cores only
 * makes PostgreSQL switch between them (`--pool 20`: the same build ran at 0.38-0.39 of the bare
 * action with a p99 of 122-131 ms, against a median 0.61 and 65-110 ms). Size a production pool
 * to the database server's cores as well, not to the requests in flight (README › Settings).
 */
const POOL = arg("pool", os.cpus().length);
const PORT = 3090;
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = randomBytes(32).toString("hex");
const CSRF_SEED = "bench-csrf-seed";
const CSRF_TOKEN = csrfTokenFor(CSRF_SEED, SECRET);

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `oma_bench_${process.pid}`;
const withDb = (name: string) => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

async function prepare(dataDir: string) {
  const admin = await openDatabase({ kind: "postgres", url: withDb("postgres"), poolSize: 1 });
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.close();
  const handle = await openDatabase({ kind: "postgres", url: withDb(dbName), poolSize: 4 });
  await migrate(handle);
  await seedReferenceData(handle.db);

  const filesDir = path.join(dataDir, "files");
  const tokens: string[] = [];
  const pdf = Buffer.from("%PDF-1.4\n% bench attachment\n" + "x".repeat(20_000) + "\n%%EOF\n");
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  const total = DRAFTS + WARM_UP;
  for (let start = 0; start < total; start += 200) {
    const rows = [];
    const files = [];
    for (let i = start; i < Math.min(total, start + 200); i++) {
      const token = randomBytes(32).toString("base64url");
      tokens.push(token);
      const id = randomUUID();
      rows.push({
        id,
        tokenHash: createHash("sha256").update(token).digest("hex"),
        locale: "nl",
        expiresAt: new Date(Date.now() + 86_400_000),
        answers: {
          municipalityId: "amsterdam",
          topic: "conduct",
          courtCase: "no",
          complainedFirst: "yes",
          complaintReceivedOn: isoDaysAgo(80),
          answerStatus: "answered",
          answeredOn: isoDaysAgo(20),
          outcomeAcknowledged: true,
          forWhom: "self",
          contact: {
            name: `Bewoner ${i}`,
            street: "Dam",
            houseNumber: "1",
            postcode: "1012 JS",
            city: "Amsterdam",
            email: `bewoner${i}@example.nl`,
            preferredChannel: "email",
          },
          complaint: {
            text: "Ik ben drie keer niet teruggebeld. ".repeat(20),
            place: "Telefoon",
            date: isoDaysAgo(100),
          },
          attachmentsDone: true,
        },
      });
      const key = `attachments/${randomUUID()}`;
      fs.mkdirSync(path.join(filesDir, "attachments"), { recursive: true });
      fs.writeFileSync(path.join(filesDir, key), pdf);
      fs.mkdirSync(path.join(filesDir, ".meta", "attachments"), { recursive: true });
      files.push({
        draftId: id,
        category: "municipality_answer" as const,
        storageKey: key,
        fileName: "antwoord.pdf",
        contentType: "application/pdf",
        size: pdf.length,
        sha256,
      });
    }
    await handle.db.insert(intakeDrafts).values(rows);
    await handle.db.insert(draftAttachments).values(files);
  }
  // Start from a quiet machine: the prepared rows vacuumed, analysed and checkpointed and their
  // files on disk, so that neither autovacuum, a checkpoint nor the kernel's write-back of what
  // was just prepared runs during a measurement. Only the tables that hold data: statistics that
  // call the dossier tables empty would plan the foreign-key checks as scans of a table that
  // grows by thousands of rows during the run, which no database in use would do.
  await handle.query("VACUUM ANALYZE intake_drafts, draft_attachments, municipalities, public_holidays");
  await handle.query("CHECKPOINT");
  execFileSync("sync");
  return { handle, tokens };
}

function startServer(dataDir: string) {
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/results" profiles the server (and shows its output).
  return startBuiltServer({
    port: PORT,
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean),
    showOutput: Boolean(process.env.BENCH_NODE_ARGS),
    env: {
      SESSION_SECRET: SECRET,
      DATABASE_URL: withDb(dbName),
      DATABASE_POOL_SIZE: String(POOL),
      STORAGE_DRIVER: "local",
      STORAGE_DIR: path.join(dataDir, "files"),
    },
  });
}

/** CPU time (user + system, all threads) the server process has used so far, from /proc (Linux). */
function serverCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The machine's CPU counters from /proc/stat (Linux): all ticks, and those stolen by the hypervisor. */
function machineTicks(): { total: number; steal: number } {
  const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user).
  return { total: cpu.slice(0, 8).reduce((a, b) => a + b, 0), steal: cpu[7] ?? 0 };
}

const stealPercent = (from: { total: number; steal: number }) => {
  const to = machineTicks();
  return to.total > from.total ? (100 * (to.steal - from.steal)) / (to.total - from.total) : 0;
};

type Run = { requests: number; seconds: number; rps: number; p50: number; p99: number; failures: number };

async function load(total: number, concurrency: number, send: (i: number) => Promise<boolean>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const ok = await send(i);
        latencies.push(performance.now() - t0);
        if (!ok) failures++;
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { requests: total, seconds, rps: total / seconds, p50: pct(50), p99: pct(99), failures };
}

function formBody(fields: Record<string, string>) {
  return new URLSearchParams({ _csrf: CSRF_TOKEN, ...fields }).toString();
}

const headers = (cookie: string) => ({
  "Content-Type": "application/x-www-form-urlencoded",
  Origin: BASE,
  Cookie: `oma_csrf=${CSRF_SEED}${cookie ? `; ${cookie}` : ""}`,
});

/**
 * The load generator: node:http with kept-alive connections, one per concurrent client. It runs
 * on the same cores as the server and PostgreSQL, so it should cost them as little as it can:
 * fetch (undici) used about 1 ms of CPU per request here, this about a third of that.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(
  pathname: string,
  body: string,
  cookie: string,
): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        path: pathname,
        method: "POST",
        agent,
        headers: { ...headers(cookie), "Content-Length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function bare(): Promise<boolean> {
  const res = await post("/uitloggen", formBody({}), "");
  return res.status === 302;
}

async function submit(token: string): Promise<boolean> {
  const res = await post("/klacht/controleren", formBody({ consent: "ja" }), `oma_klacht=${token}`);
  return res.status === 302 && res.location === "/klacht/verzonden";
}

async function firstStepJs(): Promise<{ files: number; raw: number; gzip: number }> {
  const html = await (await fetch(`${BASE}/klacht/gemeente`)).text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/import\(?\s*"(\/build\/[^"]+\.js)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/import \* as route\d+ from "([^"]+)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) srcs.add(m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, BASE))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: srcs.size, raw, gzip };
}

async function main() {
  if (!fs.existsSync("build/index.js")) throw new Error("run `npm run build` first");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-bench-"));
  const { handle, tokens } = await prepare(dataDir);
  const server = await startServer(dataDir);
  try {
    await load(WARM_UP, CONCURRENCY, bare);
    let cpu = serverCpuMs(server.pid!);
    let ticks = machineTicks();
    const bareRun = await load(BARE_REQUESTS, CONCURRENCY, bare);
    const bareCpu = (serverCpuMs(server.pid!) - cpu) / BARE_REQUESTS;
    const bareSteal = stealPercent(ticks);
    await load(WARM_UP, CONCURRENCY, (i) => submit(tokens[DRAFTS + i]!));
    cpu = serverCpuMs(server.pid!);
    ticks = machineTicks();
    const submitRun = await load(DRAFTS, CONCURRENCY, (i) => submit(tokens[i]!));
    const submitCpu = (serverCpuMs(server.pid!) - cpu) / DRAFTS;
    const submitSteal = stealPercent(ticks);
    const dossiers = await handle.query<{ n: string }>("select count(*)::text as n from dossiers");
    const js = await firstStepJs();
    const ratio = submitRun.rps / bareRun.rps;
    const r = (n: number, d = 1) => n.toFixed(d);
    const lines = [
      `machine: ${os.cpus().length} cores, node ${process.version}, PostgreSQL server, concurrency ${CONCURRENCY}, database pool ${POOL}`,
      `bare action   : ${bareRun.requests} req in ${r(bareRun.seconds, 2)} s = ${r(bareRun.rps)} req/s, p50 ${r(bareRun.p50)} ms, p99 ${r(bareRun.p99)} ms, failures ${bareRun.failures}, server CPU ${r(bareCpu, 2)} ms/request, CPU stolen by the host ${r(bareSteal)} %`,
      `final submit  : ${submitRun.requests} req in ${r(submitRun.seconds, 2)} s = ${r(submitRun.rps)} req/s, p50 ${r(submitRun.p50)} ms, p99 ${r(submitRun.p99)} ms, failures ${submitRun.failures}, server CPU ${r(submitCpu, 2)} ms/request, CPU stolen by the host ${r(submitSteal)} %`,
      `dossiers made : ${dossiers[0]?.n}`,
      `ratio submit/bare throughput: ${r(ratio, 2)} (goal >= 0.5)`,
      `submit p99 at ${CONCURRENCY} concurrent: ${r(submitRun.p99)} ms (goal < 100 ms)`,
      `first step JS: ${js.files} files, ${r(js.raw / 1024)} KB raw, ${r(js.gzip / 1024)} KB gzip (goal <= 100 KB)`,
    ];
    process.stdout.write(lines.join("\n") + "\n");
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync(
      `bench/results/intake-submit-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
      JSON.stringify(
        {
          pool: POOL,
          bare: { ...bareRun, serverCpuMs: bareCpu, stealPercent: bareSteal },
          submit: { ...submitRun, serverCpuMs: submitCpu, stealPercent: submitSteal },
          ratio,
          js,
        },
        null,
        2,
      ),
    );
    if (submitRun.failures > 0 || Number(dossiers[0]?.n) !== tokens.length) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await handle.close();
    const admin = await openDatabase({ kind: "postgres", url: withDb("postgres"), poolSize: 1 });
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
