import os from "node:os";
import { resealTotpSecrets, totpKeyring } from "#app/auth/totp-secrets.server";
import type { Env } from "#app/config/env.server";
import { startHousekeeping } from "#app/housekeeping.server";
import { startMetricsServer, type MetricsServer } from "#app/http/metrics.server";
import { createTransport } from "#app/mail/transport.server";
import { startMailWorker } from "#app/mail/worker.server";
import { logger } from "#app/utils/logger.server";
import type { Services } from "#app/utils/services.server";
import { openDatabase } from "#db/client";
import { migrate, pendingMigrations } from "#db/migrate";
import { seedDemoAccounts, seedReferenceData } from "#app/seed.server";
import { createS3Client, createS3Storage, createStorage } from "#storage/index";
import { presign, type PresignRequest } from "#storage/s3-presign";

export type Running = {
  services: Services;
  /** The metrics server (METRICS_PORT); null when the setting is unset or its listen failed. */
  metrics: MetricsServer | null;
  stop(): Promise<void>;
};

/** Opens the database (migrated and seeded), the storage and the mail worker. */
export async function startServices(env: Env): Promise<Running> {
  const database = await openDatabase(env.database);
  if (env.migrateOnStart) {
    const { applied } = await migrate(database);
    if (applied > 0) logger.info("migrations applied", { applied });
  } else {
    const pending = await pendingMigrations(database);
    if (pending > 0) {
      await database.close();
      throw new Error(
        `the database lacks ${pending} migration(s); run \`npm run db:migrate\` first (MIGRATE_ON_START is off)`,
      );
    }
  }
  await seedReferenceData(database.db);
  // Key rotation and legacy plaintext: every TOTP secret ends up under the current key.
  const sealed = await resealTotpSecrets(database.db, totpKeyring(env.totpEncryption));
  if (sealed.resealed > 0) logger.info("TOTP secrets re-encrypted under the current key", { count: sealed.resealed });
  if (sealed.unreadable.length > 0) {
    logger.error(
      "TOTP secrets that no configured key opens: these users cannot sign in until a key is added or they are re-enrolled",
      {
        users: sealed.unreadable,
      },
    );
  }
  if (env.seedDemoAccounts) {
    const accounts = await seedDemoAccounts(database.db);
    logger.info("demo accounts ready", { accounts: accounts.map((a) => ({ role: a.role, email: a.email })) });
  }

  const s3Client = env.storage.driver === "s3" ? createS3Client(env.storage) : null;
  const storage =
    env.storage.driver === "s3" ? createS3Storage(env.storage, { client: s3Client! }) : createStorage(env.storage);
  const bucket = env.storage.driver === "s3" ? env.storage.bucket : "";
  const sign = s3Client ? (request: PresignRequest) => presign(s3Client, bucket, request) : null;
  let worker: { stop(): Promise<void>; wake(): void } | undefined;
  if (env.mailWorker) {
    worker = startMailWorker({
      db: database.db,
      transport: createTransport(env),
      from: env.mailFrom,
      workerId: `${os.hostname()}:${process.pid}`,
      maxAttempts: env.mailMaxAttempts,
      intervalMs: env.mailPollIntervalMs,
    });
  }

  const services: Services = {
    env,
    db: database.db,
    database,
    storage,
    presign: sign,
    wakeMailWorker: () => worker?.wake(),
    now: () => new Date(),
  };
  const housekeeping = env.housekeeping ? startHousekeeping(services) : null;
  const metrics = env.metricsPort === null ? null : await startMetricsServer(services, env.metricsPort);
  return {
    services,
    metrics,
    async stop() {
      await metrics?.close();
      await housekeeping?.stop();
      await worker?.stop();
      await database.close();
    },
  };
}
