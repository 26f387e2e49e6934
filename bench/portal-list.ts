/**
 * Benchmark of the municipality portal's list on a large database: 200,000 dossiers on
 * PostgreSQL, 20,000 of them shared (spread over the eight municipalities, so about 2,500 for
 * Amsterdam), a quarter of those with an open request. Measures listSharedDossiers for an
 * Amsterdam officer (open requests first by due date, then the most recently shared), p50/p95
 * (goal p95 < 50 ms), against a baseline in the same run: the same officer's bare count of
 * their shared dossiers, so a slow machine shows as a ratio as well.
 *
 * Usage: npx tsx bench/portal-list.ts [--dossiers 200000] [--shared 20000] [--runs 100]
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 *   a database oma_bench_portal is (re)created there and dropped at the end.
 */
import { and, count, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { scopeFor } from "#app/dossiers/scope.server";
import { listSharedDossiers } from "#app/portal/dossiers.server";
import { PORTAL_PAGE_SIZE } from "#app/portal/list-filter";
import { seedReferenceData } from "#app/seed.server";
import { setLogLevel } from "#app/utils/logger.server";
import { openDatabase, schema, type Database } from "#db/client";
import { migrate } from "#db/migrate";
import { dossiers } from "#db/schema/index";
import { createUser } from "#test/support/factories";
import { insertDossiers } from "./large-database";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DOSSIERS = arg("dossiers", 200_000);
const SHARED = arg("shared", 20_000);
const RUNS = arg("runs", 100);
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = "oma_bench_portal";
const adminUrl = Object.assign(new URL(serverUrl), { pathname: "/postgres" }).toString();
const dbUrl = Object.assign(new URL(serverUrl), { pathname: `/${DB_NAME}` }).toString();

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function seed(): Promise<string> {
  const admin = await openDatabase({ kind: "postgres", url: adminUrl, poolSize: 1 });
  await admin.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${DB_NAME}"`);
  await admin.close();
  const handle = await openDatabase({ kind: "postgres", url: dbUrl, poolSize: 4 });
  await migrate(handle);
  await seedReferenceData(handle.db);
  const handler = await createUser(handle.db, { role: "case_handler", email: "handler@bench.test", password: "x" });
  const officer = await createUser(handle.db, {
    role: "municipality_officer",
    municipalityId: "amsterdam",
    email: "officer@bench.test",
    password: "x",
  });
  const t0 = performance.now();
  await insertDossiers(handle, DOSSIERS, [handler.id]);
  // Every (DOSSIERS / SHARED)-th dossier shared once with its municipality; a quarter of those
  // (the even ones among every second) with an open request, due around today.
  const step = Math.max(1, Math.floor(DOSSIERS / SHARED));
  await handle.query(
    `INSERT INTO dossier_shares (dossier_id, municipality_id, shared_by, shared_at)
     SELECT id, municipality_id, $1, submitted_at + interval '10 days'
       FROM (SELECT id, municipality_id, submitted_at, row_number() OVER (ORDER BY submitted_at) AS n FROM dossiers) d
      WHERE n % ${step} = 0`,
    [handler.id],
  );
  await handle.query(
    `INSERT INTO municipality_requests (dossier_id, municipality_id, kind, questions, sent_at, sent_on, term_weeks,
                                        nominal_due_on, skipped_days, due_on, status, sent_by)
     SELECT s.dossier_id, s.municipality_id, 'information', 'Vraag', now(), current_date, 4,
            current_date + (n % 40 - 10)::int, '[]'::jsonb, current_date + (n % 40 - 10)::int,
            (CASE WHEN n % 4 = 0 THEN 'open' ELSE 'answered' END)::request_status, $1
       FROM (SELECT dossier_id, municipality_id, row_number() OVER (ORDER BY shared_at) AS n FROM dossier_shares) s
      WHERE n % 2 = 0`,
    [handler.id],
  );
  await handle.query("ANALYZE");
  process.stdout.write(
    `seeded ${DOSSIERS} dossiers, every ${step}th shared, in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  await handle.close();
  return officer.id;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

async function main() {
  setLogLevel("warn");
  const officerId = await seed();
  // With --explain, the list's statements are captured and EXPLAINed with their own parameters.
  const captured: { text: string; params: unknown[] }[] = [];
  let capture = false;
  const client = postgres(dbUrl, {
    max: 4,
    onnotice: () => {},
    debug: (_conn, text, params) => {
      if (capture) captured.push({ text, params: params as unknown[] });
    },
  });
  const db = drizzle({ client, schema }) as unknown as Database;
  const actor = { id: officerId, role: "municipality_officer" as const, municipalityId: "amsterdam" };
  const scope = scopeFor(actor);

  const { rows, total } = await listSharedDossiers(db, actor);
  const closedFilter = { zoek: null, stand: "afgesloten" as const, pagina: 1 };
  const searchFilter = { zoek: rows[0]?.number.slice(-5) ?? "00001", stand: "alle" as const, pagina: 1 };
  const lastPage = { zoek: null, stand: "alle" as const, pagina: Math.ceil(total / PORTAL_PAGE_SIZE) };
  const [{ shared } = { shared: 0 }] = await db
    .select({ shared: count() })
    .from(dossiers)
    .where(and(eq(dossiers.municipalityId, "amsterdam"), scope.dossiers));
  const list = await time(RUNS, () => listSharedDossiers(db, actor));
  const closedList = await time(RUNS, () => listSharedDossiers(db, actor, closedFilter));
  const searched = await time(RUNS, () => listSharedDossiers(db, actor, searchFilter));
  const last = await time(RUNS, () => listSharedDossiers(db, actor, lastPage));
  const baseline = await time(RUNS, () =>
    db
      .select({ n: count() })
      .from(dossiers)
      .where(and(eq(dossiers.municipalityId, "amsterdam"), scope.dossiers)),
  );
  const p95 = Math.max(pct(list, 95), pct(closedList, 95), pct(searched, 95), pct(last, 95));
  if (args.includes("--explain")) {
    capture = true;
    await listSharedDossiers(db, actor);
    await listSharedDossiers(db, actor, closedFilter);
    capture = false;
    for (const q of captured) {
      const plan = await client.unsafe(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.params as never[]);
      process.stdout.write(plan.map((r) => Object.values(r)[0]).join("\n") + "\n");
    }
  }
  const lines = [
    `portal list (Amsterdam, ${shared} shared of ${DOSSIERS}; first page ${rows.length} rows of ${total}): p50 ${pct(list, 50).toFixed(1)} ms, p95 ${pct(list, 95).toFixed(1)} ms (goal < 50 ms)`,
    `  closed only: p95 ${pct(closedList, 95).toFixed(1)} ms; number search "${searchFilter.zoek}": p95 ${pct(searched, 95).toFixed(1)} ms; last page (${lastPage.pagina}): p95 ${pct(last, 95).toFixed(1)} ms`,
    `baseline, the bare count of those dossiers: p50 ${pct(baseline, 50).toFixed(1)} ms, p95 ${pct(baseline, 95).toFixed(1)} ms; list/baseline p95 ${(pct(list, 95) / pct(baseline, 95)).toFixed(2)}`,
    `first rows: ${rows
      .slice(0, 3)
      .map((r) => `${r.number} due ${r.nextDueOn ?? "-"}`)
      .join(", ")}`,
  ];
  process.stdout.write(lines.join("\n") + "\n");
  await client.end();
  const admin = await openDatabase({ kind: "postgres", url: adminUrl, poolSize: 1 });
  await admin.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin.close();
  if (p95 >= 50) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
