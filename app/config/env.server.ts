import path from "node:path";
import { z } from "zod";
import { projectRoot } from "#db/project-root";
import type { DatabaseTimeouts } from "#db/client";
import type { StorageConfig } from "#storage/types";

/**
 * The only module that reads process.env. Everything has an embedded default for
 * development; production must name its database, storage, mail and secrets
 * explicitly (see README, "Settings").
 */

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const positiveInt = z.coerce.number().int().positive();
const millisOrOff = z.coerce.number().int().min(0);

/** An AES-256 key written as base64 (e.g. `openssl rand -base64 32`). */
const aesKey = z
  .string()
  .trim()
  .transform((v) => Buffer.from(v, "base64"))
  .refine((key) => key.length === 32, "must be 32 bytes in base64 (openssl rand -base64 32)");
const aesKeys = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
  )
  .pipe(z.array(aesKey));

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_IDLE_MINUTES: positiveInt.default(30),
  TOTP_ENCRYPTION_KEY: aesKey.optional(),
  TOTP_ENCRYPTION_KEY_PREVIOUS: aesKeys.optional(),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt.default(3000),
  DATABASE_STATEMENT_TIMEOUT_MS: millisOrOff.default(5000),
  DATABASE_RESPONSE_TIMEOUT_MS: millisOrOff.optional(),
  MIGRATE_ON_START: bool.default(true),
  READINESS_TIMEOUT_MS: positiveInt.default(2000),
  STORAGE_DRIVER: z.enum(["local", "s3"]).optional(),
  STORAGE_DIR: z.string().min(1).optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().positive().default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).optional(),
  /** The ombudsman's postal address as letters print it, its lines separated by commas. */
  OMBUDSMAN_POSTAL_ADDRESS: z.string().trim().min(5).max(200).optional(),
  MAIL_WORKER: bool.default(true),
  HOUSEKEEPING: bool.default(true),
  MAIL_POLL_INTERVAL_MS: positiveInt.default(2000),
  MAIL_MAX_ATTEMPTS: positiveInt.default(8),
  SEED_DEMO_ACCOUNTS: bool.optional(),
  DRAFT_LIFETIME_DAYS: positiveInt.default(30),
  UPLOAD_MAX_FILE_MB: positiveInt.default(25),
  UPLOAD_MAX_FILES: positiveInt.default(20),
  UPLOAD_MAX_TOTAL_MB: positiveInt.default(100),
  HANDLING_TARGET_WEEKS: positiveInt.default(13),
  REQUEST_TERM_WEEKS: positiveInt.default(4),
  FOUR_EYES: bool.default(true),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  CLAMAV_HOST: z.string().min(1).optional(),
  CLAMAV_PORT: z.coerce.number().int().positive().default(3310),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
});

type RawEnv = z.infer<typeof EnvSchema>;

/** Outside production only: an address that is plainly not one (Postbus 0000 does not exist). */
const DEVELOPMENT_POSTAL_ADDRESS = "Postbus 0000, 1000 AA Amsterdam";

export type { StorageConfig };

export type SmtpConfig = {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
};

export type Env = {
  nodeEnv: RawEnv["NODE_ENV"];
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl: string;
  trustProxy: boolean;
  logLevel: RawEnv["LOG_LEVEL"];
  sessionSecret: string;
  sessionIdleMinutes: number;
  /** Encrypts TOTP secrets at rest; `previous` keys are only read (key rotation). */
  totpEncryption: { key: Buffer; previous: Buffer[] };
  dataDir: string;
  database:
    { kind: "postgres"; url: string; poolSize: number; timeouts: DatabaseTimeouts } | { kind: "pglite"; dir: string };
  /** Apply pending migrations at start-up; off when a deployment job runs `npm run db:migrate`. */
  migrateOnStart: boolean;
  /** How long `/readyz` waits for the database and for the storage. */
  readinessTimeoutMs: number;
  storage: StorageConfig;
  smtp: SmtpConfig | null;
  mailFrom: string;
  /** The lines of the ombudsman's postal address under its name, as letters print it. */
  postalAddress: string[];
  mailWorker: boolean;
  /** Run the periodic jobs (expired drafts, stray objects, clock pauses, digest) in this process. */
  housekeeping: boolean;
  mailPollIntervalMs: number;
  mailMaxAttempts: number;
  seedDemoAccounts: boolean;
  draftLifetimeDays: number;
  uploads: { maxFileBytes: number; maxFiles: number; maxTotalBytes: number };
  clamav: { host: string; port: number } | null;
  handlingTargetWeeks: number;
  /** The default answer term of a request to a municipality (Awb 9:31: the ombudsman sets it). */
  requestTermWeeks: number;
  /** The hour (Amsterdam time) each handler's morning digest goes out. */
  digestHour: number;
  /** A case handler's override or close as not taken up / referred waits for a coordinator (app/dossiers/approvals.ts). */
  fourEyes: boolean;
  /** Where `GET /metrics` (Prometheus) is served; null: no metrics server. Never the app's port. */
  metricsPort: number | null;
  metricsHost: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const DEV_SESSION_SECRET = "development-only-secret-never-use-in-production-0000";

/** Published in the source, so secrets under it count as readable by anyone; production sets its own. */
export const DEV_TOTP_ENCRYPTION_KEY = Buffer.from("development-only-totp-key-000000", "utf8");

/** Parses a process environment into the app's settings; throws ConfigError naming every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === "production";
  const missing: string[] = [];
  const need = <K extends keyof RawEnv>(key: K): void => {
    if (raw[key] === undefined) missing.push(`${key} is required in production`);
  };

  if (isProduction) {
    need("SESSION_SECRET");
    need("TOTP_ENCRYPTION_KEY");
    if (raw.SEED_DEMO_ACCOUNTS === true)
      missing.push("SEED_DEMO_ACCOUNTS cannot be on in production: demo accounts never sign in there");
    need("DATABASE_URL");
    need("PUBLIC_URL");
    need("STORAGE_DRIVER");
    if (raw.STORAGE_DRIVER === "s3") {
      need("S3_BUCKET");
      need("S3_REGION");
    }
    if (raw.STORAGE_DRIVER === "local") need("STORAGE_DIR");
    need("SMTP_HOST");
    need("MAIL_FROM");
    // A letter a resident answers by post must never carry the development placeholder.
    need("OMBUDSMAN_POSTAL_ADDRESS");
  }
  const statementMs = raw.DATABASE_STATEMENT_TIMEOUT_MS;
  // Two seconds for the server's cancellation to travel back before the client gives up.
  const responseMs = raw.DATABASE_RESPONSE_TIMEOUT_MS ?? (statementMs > 0 ? statementMs + 2000 : 0);
  if (responseMs > 0 && (statementMs === 0 || responseMs <= statementMs)) {
    missing.push(
      "DATABASE_RESPONSE_TIMEOUT_MS must be longer than DATABASE_STATEMENT_TIMEOUT_MS (which must then be set), so that the server ends a slow query before the client drops its connection",
    );
  }
  const storageDriver = raw.STORAGE_DRIVER ?? (raw.S3_BUCKET ? "s3" : "local");
  if (!isProduction && storageDriver === "s3" && !raw.S3_BUCKET)
    missing.push("S3_BUCKET is required when STORAGE_DRIVER=s3");
  if (raw.METRICS_PORT !== undefined && raw.METRICS_PORT !== 0 && raw.METRICS_PORT === raw.PORT)
    missing.push("METRICS_PORT must differ from PORT: metrics are never served on the public app port");
  if (missing.length > 0) throw new ConfigError(missing);

  const root = projectRoot();
  const dataDir = path.resolve(root, raw.DATA_DIR);
  const port = raw.PORT;

  const storage: StorageConfig =
    storageDriver === "s3"
      ? {
          driver: "s3",
          bucket: raw.S3_BUCKET!,
          region: raw.S3_REGION ?? "us-east-1",
          endpoint: raw.S3_ENDPOINT,
          forcePathStyle: raw.S3_FORCE_PATH_STYLE,
          accessKeyId: raw.S3_ACCESS_KEY_ID,
          secretAccessKey: raw.S3_SECRET_ACCESS_KEY,
        }
      : { driver: "local", dir: path.resolve(root, raw.STORAGE_DIR ?? path.join(raw.DATA_DIR, "files")) };

  return {
    nodeEnv: raw.NODE_ENV,
    isProduction,
    host: raw.HOST,
    port,
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
    trustProxy: raw.TRUST_PROXY,
    logLevel: raw.NODE_ENV === "test" && !source.LOG_LEVEL ? "warn" : raw.LOG_LEVEL,
    sessionSecret: raw.SESSION_SECRET ?? DEV_SESSION_SECRET,
    sessionIdleMinutes: raw.SESSION_IDLE_MINUTES,
    totpEncryption: {
      key: raw.TOTP_ENCRYPTION_KEY ?? DEV_TOTP_ENCRYPTION_KEY,
      previous: raw.TOTP_ENCRYPTION_KEY_PREVIOUS ?? [],
    },
    dataDir,
    database: raw.DATABASE_URL
      ? {
          kind: "postgres",
          url: raw.DATABASE_URL,
          poolSize: raw.DATABASE_POOL_SIZE,
          timeouts: { connectMs: raw.DATABASE_CONNECT_TIMEOUT_MS, statementMs, responseMs },
        }
      : { kind: "pglite", dir: path.join(dataDir, "pglite") },
    migrateOnStart: raw.MIGRATE_ON_START,
    readinessTimeoutMs: raw.READINESS_TIMEOUT_MS,
    storage,
    smtp: raw.SMTP_HOST
      ? {
          host: raw.SMTP_HOST,
          port: raw.SMTP_PORT,
          secure: raw.SMTP_SECURE,
          user: raw.SMTP_USER,
          password: raw.SMTP_PASSWORD,
        }
      : null,
    mailFrom: raw.MAIL_FROM ?? "Ombudsman Metropool Amsterdam <noreply@ombudsman.localhost>",
    postalAddress: (raw.OMBUDSMAN_POSTAL_ADDRESS ?? DEVELOPMENT_POSTAL_ADDRESS)
      .split(",")
      .map((line) => line.trim())
      .filter(Boolean),
    mailWorker: raw.MAIL_WORKER,
    housekeeping: raw.HOUSEKEEPING,
    mailPollIntervalMs: raw.MAIL_POLL_INTERVAL_MS,
    mailMaxAttempts: raw.MAIL_MAX_ATTEMPTS,
    seedDemoAccounts: !isProduction && (raw.SEED_DEMO_ACCOUNTS ?? true),
    draftLifetimeDays: raw.DRAFT_LIFETIME_DAYS,
    uploads: {
      maxFileBytes: raw.UPLOAD_MAX_FILE_MB * 1024 * 1024,
      maxFiles: raw.UPLOAD_MAX_FILES,
      maxTotalBytes: raw.UPLOAD_MAX_TOTAL_MB * 1024 * 1024,
    },
    clamav: raw.CLAMAV_HOST ? { host: raw.CLAMAV_HOST, port: raw.CLAMAV_PORT } : null,
    handlingTargetWeeks: raw.HANDLING_TARGET_WEEKS,
    requestTermWeeks: raw.REQUEST_TERM_WEEKS,
    digestHour: raw.DIGEST_HOUR,
    fourEyes: raw.FOUR_EYES,
    metricsPort: raw.METRICS_PORT ?? null,
    metricsHost: raw.METRICS_HOST,
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
