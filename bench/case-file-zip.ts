/**
 * Benchmark of the municipality's case-file download (/gemeente/dossiers/<number>/delingen/<shareId>/dossier.zip),
 * in one run, on a share with 200 MB of documents (40 files of 5 MB in local storage in a temp folder):
 *  (a) the app: the route's loader (session, scoped query, PDF summary, audit row) and its response
 *      body, the ZIP streamed from storage, consumed into a SHA-256 (no disk);
 *  (b) the baseline: a plain ZIP of the same source files by the same library (yazl, stored), into
 *      the same kind of sink.
 * Reported: the throughput ratio (a)/(b) (goal >= 0.8) and the process's RSS growth during (a),
 * sampled every 20 ms (goal < 64 MB). Rounds alternate (a) and (b), after one warm-up of each; a
 * third line, the same library over the storage's own read streams, shows how much of the gap is
 * the storage's reading (FileHandle streams) rather than the app.
 *
 * Usage: npx tsx bench/case-file-zip.ts [--files 40] [--mb 5] [--rounds 7]
 * The database is embedded PGlite (in memory): only a handful of queries run per download.
 * Results also go to bench/results/case-file-zip-<time>.txt.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Readable } from "node:stream";
import { ZipFile } from "yazl";
import { createSession } from "#app/auth/session.server";
import { loader as caseFileLoader } from "#app/routes/gemeente.dossiers.$number.delingen.$shareId.dossier[.]zip";
import { seedReferenceData } from "#app/seed.server";
import { setLogLevel } from "#app/utils/logger.server";
import { openDatabase } from "#db/client";
import { migrate } from "#db/migrate";
import { dossierAttachments } from "#db/schema/index";
import { createLocalStorage } from "#storage/local";
import { contextFor, createTestServices, getRequest } from "#test/support/app";
import { createDossier, createShare, createUser } from "#test/support/factories";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const FILES = arg("files", 40);
const FILE_MB = arg("mb", 5);
const ROUNDS = arg("rounds", 7);
const TOTAL_MB = FILES * FILE_MB;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Reads a stream to its end into a SHA-256, as a client that only checks the bytes would. */
async function hashStream(
  chunks: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  // A web stream (the route's response body) is an async iterable in Node; TypeScript's DOM types do not say so.
  for await (const chunk of chunks as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Peak RSS while `fn` runs, sampled every 20 ms, and the RSS just before. */
async function withRss<T>(fn: () => Promise<T>): Promise<{ result: T; beforeMb: number; peakMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, beforeMb: before / 2 ** 20, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

async function main() {
  setLogLevel("warn");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "oma-bench-zip-"));
  const handle = await openDatabase({ kind: "pglite" });
  try {
    await migrate(handle);
    await seedReferenceData(handle.db);
    const storage = createLocalStorage(path.join(work, "files"));
    const services = createTestServices({ ...handle, destroy: () => handle.close() }, { storage });

    // The source files, written from one random block so that making them costs no memory.
    const block = randomBytes(1024 * 1024);
    const sources: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const file = path.join(work, `bijlage-${i + 1}.pdf`);
      const out = fs.openSync(file, "w");
      fs.writeSync(out, Buffer.from(`%PDF-1.7 ${i}\n`));
      for (let mb = 0; mb < FILE_MB; mb++)
        fs.writeSync(out, block, 0, mb === FILE_MB - 1 ? block.length - 16 : block.length);
      fs.closeSync(out);
      sources.push(file);
    }

    // The same files as the documents of one dossier, all in one share.
    const d = await createDossier(handle.db, storage, { municipalityId: "amsterdam", attachments: [] });
    const attachmentIds: string[] = [];
    for (const [i, file] of sources.entries()) {
      const storageKey = `attachments/bench-${i + 1}`;
      const stored = await storage.put(storageKey, fs.createReadStream(file), { maxBytes: 2 * FILE_MB * 2 ** 20 });
      const [row] = await handle.db
        .insert(dossierAttachments)
        .values({
          dossierId: d.id,
          category: "evidence",
          storageKey,
          fileName: path.basename(file),
          contentType: "application/pdf",
          size: stored.size,
          sha256: stored.sha256,
          uploadedAt: new Date(Date.UTC(2026, 3, 20, 9, 0, i)),
        })
        .returning({ id: dossierAttachments.id });
      attachmentIds.push(row!.id);
    }
    const handler = await createUser(handle.db, { role: "case_handler" });
    const share = await createShare(handle.db, { dossierId: d.id, sharedBy: handler.id, attachmentIds });
    const officer = await createUser(handle.db, { role: "municipality_officer", municipalityId: "amsterdam" });
    const session = await createSession(contextFor(services), officer.id, getRequest("/inloggen"));
    const url = `/gemeente/dossiers/${d.number}/delingen/${share.id}/dossier.zip`;

    const app = async () => {
      const response = (await caseFileLoader({
        request: getRequest(url, { cookie: `oma_session=${session.id}` }),
        context: contextFor(services),
        params: { number: d.number, shareId: share.id },
      })) as Response;
      if (response.status !== 200 || !response.body) throw new Error(`the route answered ${response.status}`);
      const read = await hashStream(response.body);
      if (String(read.bytes) !== response.headers.get("Content-Length")) throw new Error("ZIP shorter than announced");
      return read;
    };
    const plain = async () => {
      const zip = new ZipFile();
      for (const file of sources) zip.addFile(file, `documenten/${path.basename(file)}`, { compress: false });
      zip.end();
      return hashStream(zip.outputStream as Readable);
    };

    // Not the baseline, to tell the storage's share from the app's: the same library over the storage's streams.
    const keys = sources.map((_, i) => `attachments/bench-${i + 1}`);
    const overStorage = async () => {
      const zip = new ZipFile();
      for (const key of keys)
        zip.addReadStreamLazy(`documenten/${key}`, { compress: false }, (callback) => {
          storage.get(key).then(
            (object) => callback(null, object.body),
            (err: unknown) => zip.emit("error", err),
          );
        });
      zip.end();
      return hashStream(zip.outputStream as Readable);
    };

    const first = await app();
    await plain();
    await overStorage();
    const appMs: number[] = [];
    const plainMs: number[] = [];
    const storageMs: number[] = [];
    const growth: number[] = [];
    let rss = { beforeMb: 0, peakMb: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      let t0 = performance.now();
      const measured = await withRss(app);
      appMs.push(performance.now() - t0);
      growth.push(measured.peakMb - measured.beforeMb);
      if (measured.peakMb - measured.beforeMb >= rss.peakMb - rss.beforeMb) rss = measured;
      t0 = performance.now();
      await plain();
      plainMs.push(performance.now() - t0);
      t0 = performance.now();
      await overStorage();
      storageMs.push(performance.now() - t0);
    }
    const ratios = appMs.map((ms, i) => plainMs[i]! / ms);
    const mbps = (ms: number) => (TOTAL_MB / (ms / 1000)).toFixed(0);
    const list = (values: number[], digits = 0) => values.map((v) => v.toFixed(digits)).join(" ");
    const lines = [
      `machine: ${os.cpus().length} cores, node ${process.version}; ${FILES} files x ${FILE_MB} MB = ${TOTAL_MB} MB, ZIP ${(first.bytes / 2 ** 20).toFixed(1)} MB`,
      `(a) app route, ZIP into SHA-256 : ${mbps(median(appMs))} MB/s (median of ${ROUNDS}; ms: ${list(appMs)})`,
      `(b) plain yazl ZIP, same files  : ${mbps(median(plainMs))} MB/s (median of ${ROUNDS}; ms: ${list(plainMs)})`,
      `    yazl over storage.get streams: ${mbps(median(storageMs))} MB/s (median of ${ROUNDS}; ms: ${list(storageMs)}; what the storage's reads cost before the app)`,
      `throughput ratio (a)/(b)        : ${median(ratios).toFixed(2)} (rounds: ${list(ratios, 2)}; goal >= 0.8)`,
      `RSS growth during (a)           : max ${Math.max(...growth).toFixed(1)} MB (rounds: ${list(growth, 1)}; before ${rss.beforeMb.toFixed(0)} MB, peak ${rss.peakMb.toFixed(0)} MB; goal < 64 MB)`,
    ];
    process.stdout.write(lines.join("\n") + "\n");
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync(
      `bench/results/case-file-zip-${new Date().toISOString().replace(/[:.]/g, "-")}.txt`,
      lines.join("\n") + "\n",
    );
    services.cleanup();
  } finally {
    await handle.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
