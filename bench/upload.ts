/**
 * Benchmark of browser uploads, in one run:
 *  - local storage: a 200 MB file through the app's upload route (register, PUT, verify).
 *    Reported: the app's RSS growth while it streams (goal < 64 MB) and the speed relative to
 *    a plain stream copy of the same file to disk measured in the same run (goal >= 0.8);
 *  - S3: the same file straight to the S3-compatible server with URLs the app presigned.
 *    Reported: the bytes the app process read from sockets and files meanwhile (goal: near zero);
 *  - the first step's JavaScript (gzip), to compare with the figure before Uppy.
 *
 * Run (from the project folder; needs a PostgreSQL server, by default postgres://postgres@127.0.0.1:5432,
 * see BENCH_DATABASE_URL):
 *
 *   npx remix build && npx tsx bench/upload.ts [--mb 200] [--rounds 5]
 *
 * The S3-compatible server (s3rver) runs as its own process (`npm run s3:build`, then
 * .cache/s3-server-cli.mjs on port BENCH_S3_PORT, default 4590): tsx cannot load one of its
 * dependencies (get-intrinsic: "SyntaxError: Unexpected string"), and in its own process it cannot
 * add to the figures of this one. Results also go to bench/results/upload-<time>.txt.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startBuiltServer } from "./server";
import { pipeline } from "node:stream/promises";
import { gzipSync } from "node:zlib";
import { csrfTokenFor } from "#app/security/csrf.server";
import { openDatabase } from "#db/client";
import { migrate } from "#db/migrate";
import { seedReferenceData } from "#app/seed.server";
import { intakeDrafts } from "#db/schema/index";

const args = process.argv.slice(2);
const MB = Number(args[args.indexOf("--mb") + 1] ?? 200) || 200;
const ROUNDS = Number(args[args.indexOf("--rounds") + 1] ?? 5) || 5;
const SECRET = randomBytes(32).toString("hex");
const CSRF_SEED = "bench-csrf-seed";
const CSRF = csrfTokenFor(CSRF_SEED, SECRET);
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `oma_bench_up_${process.pid}`;
const withDb = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();

function procStatus(pid: number): { rssKb: number; rchar: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const io = fs.readFileSync(`/proc/${pid}/io`, "utf8");
  return {
    rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
    rchar: Number(/rchar:\s+(\d+)/.exec(io)?.[1] ?? 0),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function startApp(port: number, extraEnv: Record<string, string>, dataDir: string): Promise<ChildProcess> {
  return startBuiltServer({
    port,
    nodeArgs: (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean),
    env: {
      SESSION_SECRET: SECRET,
      DATABASE_URL: withDb(dbName),
      UPLOAD_MAX_FILE_MB: String(MB + 10),
      UPLOAD_MAX_TOTAL_MB: String(MB * (ROUNDS + 2)),
      DATA_DIR: dataDir,
      ...extraEnv,
    },
  });
}

/**
 * s3rver in a process of its own (test/support/s3-server-cli.ts, bundled by `npm run s3:build`),
 * with a bucket configured for browser uploads; ready once its readiness port (port + 1) answers.
 */
async function startS3Process(
  port: number,
  bucket: string,
): Promise<{ endpoint: string; bucket: string; stop(): Promise<void> }> {
  execFileSync("npm", ["run", "s3:build", "--silent"], { stdio: "inherit" });
  const child = spawn(process.execPath, [".cache/s3-server-cli.mjs"], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", S3_TEST_PORT: String(port), S3_TEST_BUCKET: bucket },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`s3rver exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port + 1}/`)).ok)
        return { endpoint: `http://127.0.0.1:${port}`, bucket, stop };
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error("s3rver did not start");
}

async function newDraft(db: Awaited<ReturnType<typeof openDatabase>>): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.db.insert(intakeDrafts).values({
    id: randomUUID(),
    tokenHash: createHash("sha256").update(token).digest("hex"),
    expiresAt: new Date(Date.now() + 86_400_000),
    answers: { municipalityId: "amsterdam", forWhom: "self" },
  });
  return token;
}

function headers(port: number, draftToken: string, extra: Record<string, string> = {}) {
  return {
    Origin: `http://127.0.0.1:${port}`,
    Cookie: `oma_csrf=${CSRF_SEED}; oma_klacht=${draftToken}`,
    "X-CSRF-Token": CSRF,
    ...extra,
  };
}

async function register(port: number, draftToken: string, size: number) {
  const res = await fetch(`http://127.0.0.1:${port}/klacht/upload/aanmelden`, {
    method: "POST",
    headers: headers(port, draftToken, { "Content-Type": "application/json" }),
    body: JSON.stringify({ category: "evidence", name: "groot-bestand.pdf", size, type: "application/pdf" }),
  });
  if (!res.ok) throw new Error(`register: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; key: string };
}

async function verify(port: number, draftToken: string, id: string) {
  const res = await fetch(`http://127.0.0.1:${port}/klacht/upload/${id}/controleren`, {
    method: "POST",
    headers: headers(port, draftToken),
  });
  if (!res.ok) throw new Error(`verify: ${res.status} ${await res.text()}`);
}

/**
 * PUT with a streamed body (no buffering on the client either), read in 1 MB chunks: with the
 * default 64 KB the client itself is slower than the server (the figure is the app's, not ours).
 */
function putFile(url: string, file: string, size: number, hdrs: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "PUT", headers: { ...hdrs, "Content-Length": String(size) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(req);
  });
}

/**
 * What HTTP over the loopback interface costs by itself on this machine: the same PUT to a bare
 * Node server in its own process that only reads the body. No app can receive faster than this.
 */
async function bareHttpPutMs(file: string, size: number, runs: number): Promise<number> {
  const server = spawn(
    process.execPath,
    [
      "-e",
      `const s=require("node:http").createServer(async(q,r)=>{for await(const c of q)void c;r.end("ok")});s.listen(0,"127.0.0.1",()=>process.stdout.write(String(s.address().port)+"\\n"))`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    const port = await new Promise<number>((resolve) =>
      server.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim()))),
    );
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await putFile(`http://127.0.0.1:${port}/`, file, size, {});
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  } finally {
    server.kill();
  }
}

async function signedPartUpload(
  port: number,
  draftToken: string,
  key: string,
  file: string,
  size: number,
): Promise<void> {
  // What @uppy/aws-s3 does in the browser: create, one signed PUT per 5 MB part, complete.
  const sign = async (request: Record<string, unknown>) => {
    const res = await fetch(`http://127.0.0.1:${port}/klacht/upload/ondertekenen`, {
      method: "POST",
      headers: headers(port, draftToken, { "Content-Type": "application/json" }),
      body: JSON.stringify(request),
    });
    if (!res.ok) throw new Error(`sign: ${res.status} ${await res.text()}`);
    return (await res.json()) as { url: string; headers?: Record<string, string> };
  };
  const created = await sign({ method: "POST", key });
  const createRes = await fetch(created.url, { method: "POST", headers: created.headers });
  const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await createRes.text())?.[1];
  if (!uploadId) throw new Error("no UploadId");
  const partSize = 5 * 1024 * 1024;
  const parts: { n: number; etag: string }[] = [];
  const fd = fs.openSync(file, "r");
  try {
    for (let n = 1, offset = 0; offset < size; n++, offset += partSize) {
      const len = Math.min(partSize, size - offset);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, offset);
      const signed = await sign({ method: "PUT", key, uploadId, partNumber: n });
      const res = await fetch(signed.url, { method: "PUT", body: buf });
      parts.push({ n, etag: res.headers.get("etag") ?? "" });
    }
  } finally {
    fs.closeSync(fd);
  }
  const complete = await sign({ method: "POST", key, uploadId });
  const xml = `<CompleteMultipartUpload>${parts.map((p) => `<Part><PartNumber>${p.n}</PartNumber><ETag>${p.etag}</ETag></Part>`).join("")}</CompleteMultipartUpload>`;
  const done = await fetch(complete.url, { method: "POST", body: xml, headers: { "Content-Type": "application/xml" } });
  if (!done.ok) throw new Error(`complete: ${done.status} ${await done.text()}`);
}

async function firstStepJs(port: number) {
  const base = `http://127.0.0.1:${port}`;
  const html = await (await fetch(`${base}/klacht/gemeente`)).text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/import \* as route\d+ from "([^"]+)"/g)) srcs.add(m[1]!);
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) srcs.add(m[1]!);
  let gzip = 0;
  for (const src of srcs)
    gzip += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()), { level: 9 }).length;
  return { files: srcs.size, gzip };
}

async function main() {
  if (!fs.existsSync("build/index.js")) throw new Error("run `npm run build` first");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "oma-bench-up-"));
  const admin = await openDatabase({ kind: "postgres", url: withDb("postgres"), poolSize: 1 });
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const db = await openDatabase({ kind: "postgres", url: withDb(dbName), poolSize: 2 });
  await migrate(db);
  await seedReferenceData(db.db);

  const size = MB * 1024 * 1024;
  const file = path.join(work, "source.pdf");
  {
    const out = fs.openSync(file, "w");
    fs.writeSync(out, Buffer.from("%PDF-1.7\n"));
    const block = randomBytes(1024 * 1024);
    let written = 9;
    while (written < size) {
      const n = Math.min(block.length, size - written);
      fs.writeSync(out, block, 0, n);
      written += n;
    }
    fs.closeSync(out);
  }
  const lines: string[] = [`machine: ${os.cpus().length} cores, node ${process.version}; file ${MB} MB`];
  const apps: ChildProcess[] = [];
  const s3 = await startS3Process(Number(process.env.BENCH_S3_PORT ?? 4590), "bench");
  try {
    const localPort = 3091;
    const local = await startApp(
      localPort,
      { STORAGE_DRIVER: "local", STORAGE_DIR: path.join(work, "files") },
      path.join(work, "data-local"),
    );
    apps.push(local);
    const draftToken = await newDraft(db);
    const before = procStatus(local.pid!);
    let peakRss = before.rssKb;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, procStatus(local.pid!).rssKb);
    }, 20);

    // Rounds of baseline and upload, one after the other, each after a `sync`: the disk's speed
    // drifts while earlier writes are flushed, and both sides of a round see the same disk.
    const copies: number[] = [];
    const syncedCopies: number[] = [];
    const ups: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Baseline: a plain stream copy of the same file to disk.
      execFileSync("sync");
      let t0 = performance.now();
      await pipeline(fs.createReadStream(file), fs.createWriteStream(path.join(work, "copy")));
      copies.push(performance.now() - t0);
      fs.rmSync(path.join(work, "copy"));

      // The same copy made as durable as the route makes an upload: synced to disk before it counts.
      execFileSync("sync");
      t0 = performance.now();
      await pipeline(fs.createReadStream(file), fs.createWriteStream(path.join(work, "copy")));
      const fd = fs.openSync(path.join(work, "copy"), "r+");
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      syncedCopies.push(performance.now() - t0);
      fs.rmSync(path.join(work, "copy"));

      execFileSync("sync");
      t0 = performance.now();
      const reg = await register(localPort, draftToken, size);
      const status = await putFile(
        `http://127.0.0.1:${localPort}/klacht/upload/${reg.id}`,
        file,
        size,
        headers(localPort, draftToken, { "Content-Type": "application/pdf" }),
      );
      if (status !== 200) throw new Error(`local PUT answered ${status}`);
      await verify(localPort, draftToken, reg.id);
      ups.push(performance.now() - t0);
    }
    clearInterval(sampler);
    const copyMs = median(copies);
    const uploadMs = median(ups);
    const ratios = copies.map((c, i) => c / ups[i]!);
    const js = await firstStepJs(localPort);
    const bareMs = await bareHttpPutMs(file, size, 3);
    const growthMb = (peakRss - before.rssKb) / 1024;
    const speedRatio = median(ratios);
    const ms = (list: number[]) => list.map((x) => x.toFixed(0)).join(" ");
    lines.push(
      `plain stream copy to disk : ${(MB / (copyMs / 1000)).toFixed(0)} MB/s (median of ${ROUNDS}; ms: ${ms(copies)})`,
      `upload via local route    : ${(MB / (uploadMs / 1000)).toFixed(0)} MB/s (register + PUT + verify, median of ${ROUNDS}; ms: ${ms(ups)})`,
      `speed ratio upload/copy   : ${speedRatio.toFixed(2)} (median of the rounds' ratios ${ratios.map((r) => r.toFixed(2)).join(" ")}; goal >= 0.8)`,
      `copy + fsync (as durable) : ${(MB / (median(syncedCopies) / 1000)).toFixed(0)} MB/s (ms: ${ms(syncedCopies)}); ratio upload/that ${median(syncedCopies.map((c, i) => c / ups[i]!)).toFixed(2)}`,
      `bare HTTP PUT, no app     : ${(MB / (bareMs / 1000)).toFixed(0)} MB/s (${bareMs.toFixed(0)} ms; ratio bare/copy ${(copyMs / bareMs).toFixed(2)}: the ceiling for any upload over loopback here)`,
      `app RSS before / peak     : ${(before.rssKb / 1024).toFixed(0)} MB / ${(peakRss / 1024).toFixed(0)} MB, growth ${growthMb.toFixed(1)} MB (goal < 64 MB)`,
      `first step JS (gzip)      : ${(js.gzip / 1024).toFixed(1)} KB in ${js.files} files (91.6 KB before Uppy, bench/intake-submit.ts)`,
    );

    const s3Port = 3092;
    const s3app = await startApp(
      s3Port,
      {
        STORAGE_DRIVER: "s3",
        S3_BUCKET: s3.bucket,
        S3_REGION: "us-east-1",
        S3_ENDPOINT: s3.endpoint,
        S3_FORCE_PATH_STYLE: "true",
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
      },
      path.join(work, "data-s3"),
    );
    apps.push(s3app);
    const s3Draft = await newDraft(db);
    const ioBefore = procStatus(s3app.pid!).rchar;
    const t0 = performance.now();
    const reg = await register(s3Port, s3Draft, size);
    await signedPartUpload(s3Port, s3Draft, reg.key, file, size);
    await verify(s3Port, s3Draft, reg.id);
    const s3Ms = performance.now() - t0;
    const readMb = (procStatus(s3app.pid!).rchar - ioBefore) / 1024 / 1024;
    lines.push(
      `S3 direct upload          : ${(MB / (s3Ms / 1000)).toFixed(0)} MB/s (${s3Ms.toFixed(0)} ms incl. signing each 5 MB part)`,
      `app bytes read during S3  : ${readMb.toFixed(2)} MB of ${MB} MB uploaded (goal: near zero; includes the 64 KB type check)`,
    );
    process.stdout.write(lines.join("\n") + "\n");
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync(
      `bench/results/upload-${new Date().toISOString().replace(/[:.]/g, "-")}.txt`,
      lines.join("\n") + "\n",
    );
  } finally {
    for (const app of apps) {
      app.kill("SIGTERM");
      await new Promise((r) => app.once("exit", r));
    }
    await s3.stop();
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
