/**
 * Benchmark of the annual figures on a large database: 200,000 dossiers on PostgreSQL (three
 * years, about 8 % open, outcomes on the closed ones, a clock pause on one in ten). Times the
 * figures loader's queries (getAnnualFigures: eight queries in parallel) for a year, a quarter,
 * a municipality and a from–to period. Goal: p95 < 200 ms.
 *
 * Usage: npx tsx bench/figures.ts [--dossiers 200000] [--runs 30]
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 *   a database oma_bench_figures is (re)created there; drop it when done.
 */
import { getAnnualFigures } from "#app/dossiers/annual-figures.server";
import { quarterPeriod, yearPeriod, type Period } from "#app/dossiers/period";
import { setLogLevel } from "#app/utils/logger.server";
import { freshBenchDatabase, insertDossiers } from "./large-database";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DOSSIERS = arg("dossiers", 200_000);
const RUNS = arg("runs", 30);
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = "oma_bench_figures";
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  setLogLevel("warn");
  const { handle, handlerIds, coordinatorId } = await freshBenchDatabase(serverUrl, DB_NAME, 10);

  const t0 = performance.now();
  await insertDossiers(handle, DOSSIERS, handlerIds);
  await handle.query(
    `UPDATE dossiers SET outcome = (ARRAY['resolved_after_intervention','report_with_finding','not_taken_up','referred','withdrawn','policy_signal'])[1 + (sequence % 6)],
                         closed_at = closed_at + ((sequence % 70) * interval '1 day')
      WHERE status = 'closed'`,
  );
  await handle.query(
    `INSERT INTO dossier_pauses (dossier_id, reason, explanation, started_on, ended_on, created_by)
     SELECT id, (CASE WHEN sequence % 2 = 0 THEN 'waiting_for_resident' ELSE 'waiting_for_municipality' END)::pause_reason, 'bench',
            (submitted_at AT TIME ZONE 'Europe/Amsterdam')::date + 20,
            CASE WHEN status = 'closed' THEN (submitted_at AT TIME ZONE 'Europe/Amsterdam')::date + 20 + (sequence % 15) END, $1
       FROM dossiers WHERE sequence % 10 = 0`,
    [coordinatorId],
  );
  await handle.query("VACUUM ANALYZE");
  process.stdout.write(`seeded ${DOSSIERS} dossiers in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  const actor = { id: coordinatorId, role: "coordinator" as const };
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const cases: [string, Period, string | null][] = [
    ["this year, all", yearPeriod(year), null],
    ["last year, all", yearPeriod(year - 1), null],
    ["last year, zaanstad", yearPeriod(year - 1), "zaanstad"],
    ["a quarter, all", quarterPeriod(year - 1, 2), null],
    [
      "18 months from-to, all",
      { kind: "dates", from: `${year - 2}-07-01`, to: `${year - 1}-12-31`, year: year - 2, quarter: null },
      null,
    ],
  ];
  const lines = [`${DOSSIERS} dossiers, PostgreSQL, ${RUNS} runs each (after 3 warm-up runs)`];
  let failed = false;
  for (const [name, period, municipalityId] of cases) {
    const run = () => getAnnualFigures(handle.db, { actor, period, municipalityId, today });
    for (let i = 0; i < 3; i++) await run();
    const times: number[] = [];
    let result: Awaited<ReturnType<typeof run>> = null;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      result = await run();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const p95 = pct(times, 95);
    if (p95 >= 200) failed = true;
    lines.push(
      `${name.padEnd(26)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  received ${result?.receivedTotal.received}  closed ${result?.handlingTotal.closed}  median ${result?.handlingTotal.medianDays} d`,
    );
  }
  process.stdout.write(lines.join("\n") + "\n");
  await handle.close();
  if (failed) {
    process.stdout.write("GOAL MISSED: p95 >= 200 ms\n");
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
