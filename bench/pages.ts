/**
 * Benchmark of the resident's pages as a phone on a slow line sees them, against one server on PostgreSQL:
 *  - bytes transferred on a first visit (empty cache) to the start page, to every step of the form,
 *    to the statements, an exit and the 404 page: the HTML and every stylesheet, script, font and
 *    image it names, each asked for with `Accept-Encoding: br, gzip` as a browser does. Two counts:
 *    the (compressed) bodies, which the goals are set in, and everything the socket read, HTTP/1.1
 *    headers included (about 0.3 KB an answer here; over HTTP/2 repeated headers cost next to nothing);
 *  - throughput of the start page against a bare Remix route in the same run: the resource route
 *    `/livez` (no root loader, no render; the same Express middleware and Remix handler), both at
 *    20 concurrent kept-alive connections, with the server's CPU time per request;
 *  - the server's peak RSS while 50 concurrent connections ask for the start page and form steps.
 * Each round starts a fresh server (with the node flags of `npm run serve`); figures are given per
 * round and as ranges over the rounds.
 *
 * Needs a build (`npm run build`) and a PostgreSQL server.
 * Usage: npx tsx bench/pages.ts [--rounds 3] [--requests 3000] [--rss-requests 4000]
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 *   a fresh database oma_bench_pages_<pid> is created there and dropped afterwards.
 */
import type { ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startBuiltServer } from "./server";
import { openDatabase } from "#db/client";
import { migrate } from "#db/migrate";
import { seedReferenceData } from "#app/seed.server";
import { intakeDrafts } from "#db/schema/index";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROUNDS = arg("rounds", 3);
const REQUESTS = arg("requests", 3000);
const RSS_REQUESTS = arg("rss-requests", 4000);
const CONCURRENCY = 20;
const RSS_CONNECTIONS = 50;
const WARM_UP = 500;
const PORT = 3091;
const BASE = `http://127.0.0.1:${PORT}`;
const ACCEPT_ENCODING = "br, gzip";
const GOALS = { startKb: 60, stepKb: 100, ratio: 0.5, rssMb: 300 };

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `oma_bench_pages_${process.pid}`;
const withDb = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();

const STEP_SLUGS = [
  "gemeente",
  "onderwerp",
  "rechter",
  "eerst-geklaagd",
  "ontvangen",
  "antwoord",
  "antwoorddatum",
  "uitstel",
  "uitkomst",
  "voor-wie",
  "gegevens",
  "vertegenwoordigde",
  "machtiging",
  "uw-klacht",
  "bijlagen",
  "controleren",
];

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const address = { street: "Dam", houseNumber: "1", postcode: "1012 JS", city: "Amsterdam" };
const complete = {
  municipalityId: "amsterdam",
  topic: "conduct",
  courtCase: "no",
  complainedFirst: "yes",
  complaintReceivedOn: isoDaysAgo(80),
  outcomeAcknowledged: true,
  contact: { name: "Bewoner", ...address, email: "bewoner@example.nl", preferredChannel: "email" },
  complaint: { text: "Ik ben drie keer niet teruggebeld. ".repeat(10), place: "Telefoon", date: isoDaysAgo(100) },
  attachmentsDone: true,
};
/** Drafts that between them reach every step (answered for oneself; postponed on behalf of someone) and one exit. */
const DRAFTS = {
  self: { ...complete, answerStatus: "answered", answeredOn: isoDaysAgo(20), forWhom: "self" },
  other: {
    ...complete,
    answerStatus: "postponed",
    postponedUntil: isoDaysAgo(10),
    forWhom: "other",
    represented: { name: "Vertegenwoordigde", ...address },
    mandateDone: true,
  },
  objection: { municipalityId: "amsterdam", topic: "decision" },
};

async function prepare(): Promise<Record<keyof typeof DRAFTS, string>> {
  const admin = await openDatabase({ kind: "postgres", url: withDb("postgres"), poolSize: 1 });
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.close();
  const handle = await openDatabase({ kind: "postgres", url: withDb(dbName), poolSize: 2 });
  await migrate(handle);
  await seedReferenceData(handle.db);
  const cookies = {} as Record<keyof typeof DRAFTS, string>;
  for (const [name, answers] of Object.entries(DRAFTS) as [keyof typeof DRAFTS, object][]) {
    const token = randomBytes(32).toString("base64url");
    await handle.db.insert(intakeDrafts).values({
      id: randomUUID(),
      tokenHash: createHash("sha256").update(token).digest("hex"),
      locale: "nl",
      expiresAt: new Date(Date.now() + 86_400_000),
      answers: answers as never,
    });
    cookies[name] = `oma_klacht=${token}`;
  }
  await handle.close();
  return cookies;
}

/** The node flags production runs with: those of `npm run serve` in package.json. */
function serveNodeFlags(): string[] {
  const scripts = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  const words = (scripts.serve ?? "").split(/\s+/);
  return words.slice(words.indexOf("node") + 1).filter((w) => w.startsWith("--"));
}

function startServer(dataDir: string): Promise<ChildProcess> {
  return startBuiltServer({
    port: PORT,
    nodeArgs: serveNodeFlags(),
    env: { DATABASE_URL: withDb(dbName), STORAGE_DRIVER: "local", STORAGE_DIR: path.join(dataDir, "files") },
  });
}

type Fetched = { status: number; wire: number; body: Buffer; encoding: string };

/** One request on a connection of its own, so that the socket's byte count is this answer's. */
function fetchWire(pathname: string, cookie = ""): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        path: pathname,
        agent: false,
        headers: { "Accept-Encoding": ACCEPT_ENCODING, Accept: "*/*", ...(cookie ? { Cookie: cookie } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            wire: res.socket?.bytesRead ?? body.length,
            body,
            encoding: String(res.headers["content-encoding"] ?? "identity"),
          });
          res.socket?.destroy();
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function decoded(f: Fetched): Promise<string> {
  const zlib = await import("node:zlib");
  if (f.encoding === "br") return zlib.brotliDecompressSync(f.body).toString("utf8");
  if (f.encoding === "gzip") return zlib.gunzipSync(f.body).toString("utf8");
  return f.body.toString("utf8");
}

/** What a page makes the browser fetch: stylesheets, icons, preloaded and imported modules, scripts, images. */
function referencesInHtml(html: string): string[] {
  const refs = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    if (!/rel="(stylesheet|modulepreload|icon|preload)"/.test(tag)) continue;
    const href = /href="([^"]+)"/.exec(tag)?.[1];
    if (href) refs.add(href);
  }
  for (const m of html.matchAll(/<(?:script|img)\b[^>]*\bsrc="([^"]+)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/import\(?\s*"(\/[^"]+\.js)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/\bfrom\s*"(\/[^"]+\.js)"/g)) refs.add(m[1]!);
  return [...refs].map((r) => r.replaceAll("&amp;", "&"));
}

/** Fonts and images a stylesheet names. */
function referencesInCss(css: string, base: string): string[] {
  const refs: string[] = [];
  for (const m of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
    if (m[1]!.startsWith("data:")) continue;
    refs.push(new URL(m[1]!, new URL(base, BASE)).pathname);
  }
  return refs;
}

type Visit = {
  path: string;
  status: number;
  files: number;
  html: number;
  total: number;
  wire: number;
  scripts: number;
  encodings: string;
};

/** A first visit: the page, then everything it names (and what its stylesheets name), each once. */
async function firstVisit(pathname: string, cookie = ""): Promise<Visit> {
  const page = await fetchWire(pathname, cookie);
  const html = await decoded(page);
  const seen = new Set<string>();
  const queue = referencesInHtml(html);
  let total = page.body.length;
  let wire = page.wire;
  const encodings = new Set([page.encoding]);
  while (queue.length > 0) {
    const ref = queue.shift()!;
    if (seen.has(ref) || /^https?:/.test(ref)) continue;
    seen.add(ref);
    const f = await fetchWire(ref);
    total += f.body.length;
    wire += f.wire;
    encodings.add(f.encoding);
    if (ref.endsWith(".css")) queue.push(...referencesInCss(await decoded(f), ref));
  }
  const scripts = [...seen].filter((r) => r.endsWith(".js")).length;
  return {
    path: pathname,
    status: page.status,
    files: seen.size + 1,
    html: page.body.length,
    total,
    wire,
    scripts,
    encodings: [...encodings].join("+"),
  };
}

type Run = { rps: number; p50: number; p99: number; failures: number; cpuMs: number };

const agentFor = (sockets: number) => new http.Agent({ keepAlive: true, maxSockets: sockets });

function get(agent: http.Agent, pathname: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        path: pathname,
        agent,
        headers: { "Accept-Encoding": ACCEPT_ENCODING, ...(cookie ? { Cookie: cookie } : {}) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** CPU time (user + system) the server process has used so far, from /proc (Linux). */
function serverCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function rssMb(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

async function load(
  pid: number,
  total: number,
  concurrency: number,
  target: (i: number) => [string, string],
): Promise<Run> {
  const agent = agentFor(concurrency);
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const cpu0 = serverCpuMs(pid);
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const [pathname, cookie] = target(next++);
        const t0 = performance.now();
        const status = await get(agent, pathname, cookie);
        latencies.push(performance.now() - t0);
        if (status !== 200) failures++;
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { rps: total / seconds, p50: pct(50), p99: pct(99), failures, cpuMs: (serverCpuMs(pid) - cpu0) / total };
}

type Round = {
  visits: Visit[];
  bare: Run;
  start: Run;
  ratio: number;
  rss: { peak: number; idle: number; after: number; failures: number };
};

async function round(cookies: Record<keyof typeof DRAFTS, string>): Promise<Round> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-bench-pages-"));
  const server = await startServer(dataDir);
  const pid = server.pid!;
  try {
    const visits: Visit[] = [await firstVisit("/")];
    for (const slug of STEP_SLUGS) {
      for (const cookie of [cookies.self, cookies.other]) {
        const v = await firstVisit(`/klacht/${slug}`, cookie);
        if (v.status === 200) {
          visits.push(v);
          break;
        }
      }
    }
    visits.push(await firstVisit("/klacht/doorverwijzing/bezwaar", cookies.objection));
    visits.push(await firstVisit("/privacyverklaring"));
    visits.push(await firstVisit("/toegankelijkheidsverklaring"));
    visits.push(await firstVisit("/bestaat-niet"));

    await load(pid, WARM_UP, CONCURRENCY, () => ["/livez", ""]);
    await load(pid, WARM_UP, CONCURRENCY, () => ["/", ""]);
    const bare = await load(pid, REQUESTS, CONCURRENCY, () => ["/livez", ""]);
    const start = await load(pid, REQUESTS, CONCURRENCY, () => ["/", ""]);

    const idle = rssMb(pid);
    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(pid));
    }, 20);
    const mix: [string, string][] = [
      ["/", ""],
      ["/klacht/gemeente", cookies.self],
      ["/klacht/gegevens", cookies.self],
      ["/klacht/controleren", cookies.self],
      ["/privacyverklaring", ""],
    ];
    const rssRun = await load(pid, RSS_REQUESTS, RSS_CONNECTIONS, (i) => mix[i % mix.length]!);
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(pid));
    return {
      visits,
      bare,
      start,
      ratio: start.rps / bare.rps,
      rss: { peak, idle, after: rssMb(pid), failures: rssRun.failures },
    };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const kb = (n: number) => (n / 1024).toFixed(1);
const range = (xs: number[], f: (n: number) => string) => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return f(lo) === f(hi) ? f(lo) : `${f(lo)}–${f(hi)}`;
};

async function main() {
  if (!fs.existsSync("build/index.js")) throw new Error("run `npm run build` first");
  const cookies = await prepare();
  const rounds: Round[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const r = await round(cookies);
      rounds.push(r);
      process.stdout.write(
        `round ${i + 1}: start page ${kb(r.visits[0]!.total)} KB, bare ${r.bare.rps.toFixed(0)} req/s, start ${r.start.rps.toFixed(0)} req/s ` +
          `(ratio ${r.ratio.toFixed(2)}), RSS peak ${r.rss.peak.toFixed(0)} MB\n`,
      );
    }
  } finally {
    const admin = await openDatabase({ kind: "postgres", url: withDb("postgres"), poolSize: 1 });
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.close();
  }

  const first = rounds[0]!;
  const lines = [
    `machine: ${os.cpus().length} cores, node ${process.version}, PostgreSQL server, node flags [${serveNodeFlags().join(" ")}], ` +
      `${ROUNDS} rounds, Accept-Encoding: ${ACCEPT_ENCODING}`,
    "first visit (empty cache): page, status, files, of which scripts, HTML body, all bodies, all with HTTP/1.1 headers (ranges over rounds)",
  ];
  for (const [i, v] of first.visits.entries()) {
    const totals = rounds.map((r) => r.visits[i]?.total ?? NaN);
    const wires = rounds.map((r) => r.visits[i]?.wire ?? NaN);
    lines.push(
      `  ${v.path.padEnd(31)} ${String(v.status)} ${String(v.files).padStart(2)} files, ${String(v.scripts).padStart(2)} scripts, ` +
        `HTML ${kb(v.html).padStart(5)} KB, bodies ${range(totals, kb).padStart(11)} KB, with headers ${range(wires, kb).padStart(11)} KB  [${v.encodings}]`,
    );
  }
  const startKb = Math.max(...rounds.map((r) => r.visits[0]!.total)) / 1024;
  const steps = first.visits.filter((v) => v.path.startsWith("/klacht/") && !v.path.includes("doorverwijzing"));
  const stepKb =
    Math.max(
      ...rounds.flatMap((r) => r.visits.filter((v) => steps.some((s) => s.path === v.path)).map((v) => v.total)),
    ) / 1024;
  const ratios = rounds.map((r) => r.ratio);
  const peaks = rounds.map((r) => r.rss.peak);
  const ok = (pass: boolean) => (pass ? "ok" : "NOT MET");
  lines.push(
    `bare route /livez : ${range(
      rounds.map((r) => r.bare.rps),
      (n) => n.toFixed(0),
    )} req/s, ` +
      `server CPU ${range(
        rounds.map((r) => r.bare.cpuMs),
        (n) => n.toFixed(2),
      )} ms/request (concurrency ${CONCURRENCY})`,
    `start page /      : ${range(
      rounds.map((r) => r.start.rps),
      (n) => n.toFixed(0),
    )} req/s, ` +
      `server CPU ${range(
        rounds.map((r) => r.start.cpuMs),
        (n) => n.toFixed(2),
      )} ms/request, ` +
      `p99 ${range(
        rounds.map((r) => r.start.p99),
        (n) => n.toFixed(0),
      )} ms`,
    // Other agents on the machine move the throughput ratio; the CPU ratio is what it tends to when CPU-bound.
    `server CPU per request, bare / start page: ${range(
      rounds.map((r) => r.bare.cpuMs / r.start.cpuMs),
      (n) => n.toFixed(2),
    )}`,
    `RSS at ${RSS_CONNECTIONS} connections (${RSS_REQUESTS} requests: start page, 3 form steps, privacy): peak ` +
      `${range(peaks, (n) => n.toFixed(0))} MB, before ${range(
        rounds.map((r) => r.rss.idle),
        (n) => n.toFixed(0),
      )} MB, ` +
      `after ${range(
        rounds.map((r) => r.rss.after),
        (n) => n.toFixed(0),
      )} MB, failures ${rounds.map((r) => r.rss.failures + r.start.failures + r.bare.failures).join("/")}`,
    `goal start page <= ${GOALS.startKb} KB: ${startKb.toFixed(1)} KB ${ok(startKb <= GOALS.startKb)}`,
    `goal every form step <= ${GOALS.stepKb} KB: largest ${stepKb.toFixed(1)} KB ${ok(stepKb <= GOALS.stepKb)}`,
    `goal start/bare throughput >= ${GOALS.ratio}: ${range(ratios, (n) => n.toFixed(2))} ${ok(Math.min(...ratios) >= GOALS.ratio)}`,
    `goal RSS <= ${GOALS.rssMb} MB at ${RSS_CONNECTIONS} connections: ${range(peaks, (n) => n.toFixed(0))} MB ${ok(Math.max(...peaks) <= GOALS.rssMb)}`,
  );
  process.stdout.write(lines.join("\n") + "\n");
  fs.mkdirSync("bench/results", { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  fs.writeFileSync(`bench/results/pages-${stamp}.txt`, lines.join("\n") + "\n");
  fs.writeFileSync(`bench/results/pages-${stamp}.json`, JSON.stringify(rounds, null, 2));
  const met =
    startKb <= GOALS.startKb &&
    stepKb <= GOALS.stepKb &&
    Math.min(...ratios) >= GOALS.ratio &&
    Math.max(...peaks) <= GOALS.rssMb;
  const failures = rounds.some((r) => r.rss.failures + r.start.failures + r.bare.failures > 0);
  if (!met || failures) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
