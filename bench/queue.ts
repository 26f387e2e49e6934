/**
 * Benchmark of the back office on a large database: 200,000 dossiers on PostgreSQL.
 *  - the work queue loader's query (listQueue): p50/p95 for the default view and for each
 *    filter (goal p95 < 50 ms), with EXPLAIN showing that every query uses an index;
 *  - the dossier page loader (session check, dossier with parties, facts, files, history,
 *    audit write): p50/p95 (goal < 30 ms).
 *
 * Usage: npx tsx bench/queue.ts [--dossiers 200000] [--runs 100]
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 *   a database oma_bench_queue is (re)created there and kept for inspection (drop it when done).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { createSession } from "#app/auth/session.server";
import { parseEnv } from "#app/config/env.server";
import { listQueue, QueueFilterSchema, type QueueFilter } from "#app/dossiers/queue.server";
import { loader as dossierLoader } from "#app/routes/behandelaar.dossiers.$number/route";
import { setLogLevel } from "#app/utils/logger.server";
import { openDatabase, schema, type Database } from "#db/client";
import { createLocalStorage } from "#storage/local";
import { freshBenchDatabase, insertDossiers } from "./large-database";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DOSSIERS = arg("dossiers", 200_000);
const RUNS = arg("runs", 100);
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = "oma_bench_queue";
const dbUrl = Object.assign(new URL(serverUrl), { pathname: `/${DB_NAME}` }).toString();

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * What the queue marks and filters on, on a share of the open dossiers: a running clock pause
 * (and an ended one on others), an open request to the municipality, an open question to the
 * resident, news from the resident.
 */
async function insertSignals(handle: Awaited<ReturnType<typeof openDatabase>>, userId: string): Promise<void> {
  const term = `now(), current_date, 2, current_date + 14, '[]'::jsonb, current_date + 14`;
  await handle.query(
    `INSERT INTO dossier_pauses (dossier_id, reason, explanation, started_on, ended_on, created_by)
     SELECT id, 'waiting_for_resident', 'bench', current_date - 3, CASE WHEN sequence % 20 = 0 THEN NULL ELSE current_date - 1 END, $1
       FROM dossiers WHERE status <> 'closed' AND sequence % 10 = 0`,
    [userId],
  );
  await handle.query(
    `INSERT INTO municipality_requests (dossier_id, municipality_id, kind, questions, sent_by, sent_at, sent_on, term_weeks, nominal_due_on, skipped_days, due_on, status)
     SELECT id, municipality_id, 'information', 'bench', $1, ${term},
            CASE WHEN status <> 'closed' AND sequence % 7 = 1 THEN 'open' ELSE 'answered' END::request_status
       FROM dossiers WHERE sequence % 7 IN (1, 2)`,
    [userId],
  );
  await handle.query(
    `INSERT INTO resident_questions (dossier_id, questions, sent_by, sent_at, sent_on, term_weeks, nominal_due_on, skipped_days, due_on, status)
     SELECT id, 'bench', $1, ${term}, CASE WHEN status <> 'closed' THEN 'open' ELSE 'answered' END::request_status
       FROM dossiers WHERE sequence % 11 = 3`,
    [userId],
  );
  await handle.query(`UPDATE dossiers SET resident_news_at = now() WHERE status <> 'closed' AND sequence % 13 = 5`);
}

async function seed(): Promise<{
  handlerIds: string[];
  coordinatorId: string;
  sampleNumber: string;
  closedNumber: string;
}> {
  const { handle, handlerIds, coordinatorId } = await freshBenchDatabase(serverUrl, DB_NAME, 4);

  const t0 = performance.now();
  await insertDossiers(handle, DOSSIERS, handlerIds);
  await insertSignals(handle, handlerIds[0]!);
  await handle.query("ANALYZE");
  const [sample] = await handle.query<{ number: string }>(
    "SELECT number FROM dossiers WHERE status <> 'closed' ORDER BY submitted_at DESC LIMIT 1",
  );
  const [closed] = await handle.query<{ number: string }>(
    "SELECT number FROM dossiers WHERE status = 'closed' ORDER BY submitted_at LIMIT 1 OFFSET 5000",
  );
  process.stdout.write(
    `seeded ${DOSSIERS} dossiers (+ parties, facts, 2 events each) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  await handle.close();
  return { handlerIds, coordinatorId, sampleNumber: sample!.number, closedNumber: closed!.number };
}

async function main() {
  setLogLevel("warn");
  const { handlerIds, coordinatorId, sampleNumber, closedNumber } = await seed();

  // A connection that records every statement, so each can be EXPLAINed with its own parameters.
  const captured: { text: string; params: unknown[] }[] = [];
  let capture = false;
  const client = postgres(dbUrl, {
    max: 10,
    onnotice: () => {},
    debug: (_conn, text, params) => {
      if (capture) captured.push({ text, params: params as unknown[] });
    },
  });
  const db = drizzle({ client, schema }) as unknown as Database;
  const today = new Date().toISOString().slice(0, 10);
  // Open dossiers are those with g % 100 >= 92, assigned to handler g % 20: handlers 12–19 have some.
  const actor = { id: handlerIds[13]!, role: "case_handler" as const };

  const filters: [string, Partial<QueueFilter>][] = [
    ["default (all open, by deadline)", {}],
    ["mine", { weergave: "mine" }],
    ["overdue", { weergave: "overdue" }],
    ["due this week", { weergave: "week" }],
    ["unassigned", { weergave: "unassigned" }],
    ["status intervention", { status: "intervention" }],
    ["municipality zaanstad", { gemeente: "zaanstad" }],
    ["assignee", { behandelaar: handlerIds[15] }],
    ["search by name", { zoek: "mulder san" }],
    ["search by number", { zoek: sampleNumber }],
    ["page 20", { pagina: 20 }],
    ["newest first", { sorteer: "ingediend" }],
    ["oldest first", { sorteer: "ingediend", richting: "op" }],
    ["by number", { sorteer: "nummer" }],
    ["by number, descending", { sorteer: "nummer", richting: "af" }],
    ["by municipality", { sorteer: "gemeente" }],
    ["by status", { sorteer: "status" }],
    ["by deadline, latest first", { richting: "af" }],
    ["signal: clock paused", { signaal: "gepauzeerd" }],
    ["signal: request open", { signaal: "verzoek" }],
    ["signal: question open", { signaal: "vraag" }],
    ["signal: new from resident", { signaal: "nieuw" }],
    ["paused, mine", { signaal: "gepauzeerd", weergave: "mine" }],
    ["closed, search by name", { status: "closed", zoek: "fatima mulder" }],
    ["closed, search by number", { status: "closed", zoek: closedNumber }],
  ];
  const lines: string[] = [
    `machine: ${os.cpus().length} cores, node ${process.version}, PostgreSQL, ${DOSSIERS} dossiers, ${RUNS} runs each`,
  ];
  let failed = false;
  for (const [name, partial] of filters) {
    const filter = QueueFilterSchema.parse({ ...partial });
    for (let i = 0; i < 5; i++) await listQueue(db, { actor, filter, today });
    const times: number[] = [];
    let result: Awaited<ReturnType<typeof listQueue>> = null;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      result = await listQueue(db, { actor, filter, today });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    captured.length = 0;
    capture = true;
    await listQueue(db, { actor, filter, today });
    capture = false;
    const plans: string[] = [];
    let seqScan = false;
    for (const q of captured) {
      const [row] = await client.unsafe(`EXPLAIN (FORMAT JSON) ${q.text}`, q.params as never[]);
      const plan = JSON.stringify(row);
      const indexes = [...plan.matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]);
      if (
        /"Node Type":"Seq Scan","Parallel Aware":(true|false),"Async Capable":(true|false),"Relation Name":"dossiers"/.test(
          plan,
        ) ||
        /"Relation Name":"dossiers"[^}]*"Node Type":"Seq Scan"/.test(plan)
      )
        seqScan = true;
      if (/"Node Type":"Seq Scan"[^}]*"Relation Name":"dossiers"/.test(plan)) seqScan = true;
      plans.push(indexes.length ? [...new Set(indexes)].join("+") : "no index");
    }
    const p95 = pct(times, 95);
    if (p95 >= 50 || seqScan) failed = true;
    lines.push(
      `${name.padEnd(32)} p50 ${pct(times, 50).toFixed(1).padStart(5)} ms  p95 ${p95.toFixed(1).padStart(5)} ms  rows ${String(result?.rows.length ?? 0).padStart(2)}/${String(result?.total ?? 0).padStart(6)}  ${seqScan ? "SEQ SCAN on dossiers!" : "indexes:"} ${plans.join(" | ")}`,
    );
  }

  // The dossier page loader, as the browser calls it: with a session cookie.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-bench-queue-"));
  const handle = await openDatabase({ kind: "postgres", url: dbUrl, poolSize: 10 });
  const env = parseEnv({ NODE_ENV: "test", DATA_DIR: dataDir });
  const services = {
    env,
    db: handle.db,
    database: handle,
    storage: createLocalStorage(dataDir),
    presign: null,
    wakeMailWorker() {},
    now: () => new Date(),
  };
  const context = { requestId: "bench", cspNonce: "n", csrfToken: "t", clientIp: "127.0.0.1", services };
  // Signed in as the app signs in (the cookie's value, stored only as its hash).
  const { id: sessionId } = await createSession(
    context as never,
    coordinatorId,
    new Request("http://localhost/inloggen"),
  );
  const pageTimes: number[] = [];
  const open = await handle.query<{ number: string }>("SELECT number FROM dossiers ORDER BY random() LIMIT $1", [
    RUNS + 10,
  ]);
  for (const [i, { number }] of open.entries()) {
    const request = new Request(`http://localhost/behandelaar/dossiers/${number}`, {
      headers: { Cookie: `oma_session=${sessionId}` },
    });
    const t0 = performance.now();
    await dossierLoader({ request, params: { number }, context: context as never });
    if (i >= 10) pageTimes.push(performance.now() - t0);
  }
  pageTimes.sort((a, b) => a - b);
  const pageP95 = pct(pageTimes, 95);
  if (pageP95 >= 30) failed = true;
  lines.push(
    `${"dossier page loader".padEnd(32)} p50 ${pct(pageTimes, 50).toFixed(1).padStart(5)} ms  p95 ${pageP95.toFixed(1).padStart(5)} ms  (${pageTimes.length} random dossiers, incl. session check and audit write)`,
  );

  process.stdout.write(lines.join("\n") + "\n");
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(
    `bench/results/queue-${new Date().toISOString().replace(/[:.]/g, "-")}.txt`,
    lines.join("\n") + "\n",
  );
  await handle.close();
  await client.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
