import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env.server";

const KEY = Buffer.alloc(32, 5).toString("base64");

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("settings", () => {
  it("runs on the embedded defaults without any setting", () => {
    const env = parseEnv({});
    expect(env.database.kind).toBe("pglite");
    expect(env.storage.driver).toBe("local");
    expect(env.smtp).toBeNull();
    expect(env.port).toBe(3000);
    expect(env.seedDemoAccounts).toBe(true);
  });

  it("refuses production without its required settings and names each of them", () => {
    const missing = problems({ NODE_ENV: "production" });
    for (const name of [
      "SESSION_SECRET",
      "TOTP_ENCRYPTION_KEY",
      "DATABASE_URL",
      "PUBLIC_URL",
      "STORAGE_DRIVER",
      "SMTP_HOST",
      "MAIL_FROM",
      "OMBUDSMAN_POSTAL_ADDRESS",
    ]) {
      expect(missing.some((p) => p.startsWith(`${name} is required in production`))).toBe(true);
    }
  });

  it("asks in production for the bucket and region once S3 is chosen", () => {
    const missing = problems({
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      TOTP_ENCRYPTION_KEY: KEY,
      DATABASE_URL: "postgres://db/oma",
      PUBLIC_URL: "https://klacht.example.nl",
      STORAGE_DRIVER: "s3",
      SMTP_HOST: "smtp.example.nl",
      MAIL_FROM: "noreply@example.nl",
      OMBUDSMAN_POSTAL_ADDRESS: "Postbus 202, 1000 AE Amsterdam",
    });
    expect(missing).toEqual(["S3_BUCKET is required in production", "S3_REGION is required in production"]);
  });

  it("starts in production when everything is given, and never seeds demo accounts there", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      TOTP_ENCRYPTION_KEY: KEY,
      DATABASE_URL: "postgres://db/oma",
      PUBLIC_URL: "https://klacht.example.nl/",
      STORAGE_DRIVER: "s3",
      S3_BUCKET: "dossiers",
      S3_REGION: "eu-central-1",
      SMTP_HOST: "smtp.example.nl",
      MAIL_FROM: "noreply@example.nl",
      OMBUDSMAN_POSTAL_ADDRESS: "Postbus 202, 1000 AE Amsterdam",
    });
    expect(env.publicUrl).toBe("https://klacht.example.nl");
    expect(env.postalAddress).toEqual(["Postbus 202", "1000 AE Amsterdam"]);
    expect(env.seedDemoAccounts).toBe(false);
    expect(env.database).toEqual({
      kind: "postgres",
      url: "postgres://db/oma",
      poolSize: 10,
      timeouts: { connectMs: 3000, statementMs: 5000, responseMs: 7000 },
    });
    expect(env.migrateOnStart).toBe(true);
  });

  it("lets the server end a slow query before the client gives up on the connection", () => {
    const db = (extra: Record<string, string>) => parseEnv({ DATABASE_URL: "postgres://db/oma", ...extra }).database;
    expect(db({ DATABASE_STATEMENT_TIMEOUT_MS: "10000" })).toMatchObject({
      timeouts: { statementMs: 10000, responseMs: 12000 },
    });
    expect(db({ DATABASE_STATEMENT_TIMEOUT_MS: "0" })).toMatchObject({ timeouts: { statementMs: 0, responseMs: 0 } });
    const refused =
      "DATABASE_RESPONSE_TIMEOUT_MS must be longer than DATABASE_STATEMENT_TIMEOUT_MS (which must then be set), so that the server ends a slow query before the client drops its connection";
    expect(problems({ DATABASE_STATEMENT_TIMEOUT_MS: "5000", DATABASE_RESPONSE_TIMEOUT_MS: "5000" })).toEqual([
      refused,
    ]);
    expect(problems({ DATABASE_STATEMENT_TIMEOUT_MS: "0", DATABASE_RESPONSE_TIMEOUT_MS: "9000" })).toEqual([refused]);
    expect(problems({ DATABASE_STATEMENT_TIMEOUT_MS: "0", DATABASE_RESPONSE_TIMEOUT_MS: "0" })).toEqual([]);
  });

  it("takes the TOTP key and the previous keys as base64 of 32 bytes, and refuses demo accounts in production", () => {
    const env = parseEnv({
      TOTP_ENCRYPTION_KEY: KEY,
      TOTP_ENCRYPTION_KEY_PREVIOUS: ` ${Buffer.alloc(32, 6).toString("base64")}, ${Buffer.alloc(32, 7).toString("base64")}`,
    });
    expect(env.totpEncryption).toEqual({
      key: Buffer.alloc(32, 5),
      previous: [Buffer.alloc(32, 6), Buffer.alloc(32, 7)],
    });
    expect(parseEnv({}).totpEncryption.key).toHaveLength(32);
    expect(problems({ TOTP_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") })[0]).toMatch(
      /^TOTP_ENCRYPTION_KEY: must be 32 bytes in base64/,
    );
    expect(problems({ TOTP_ENCRYPTION_KEY_PREVIOUS: `${KEY},short` })[0]).toMatch(
      /^TOTP_ENCRYPTION_KEY_PREVIOUS\.1: must be 32 bytes/,
    );
    expect(problems({ NODE_ENV: "production", SEED_DEMO_ACCOUNTS: "true" })).toContain(
      "SEED_DEMO_ACCOUNTS cannot be on in production: demo accounts never sign in there",
    );
  });

  it("names a malformed setting instead of ignoring it", () => {
    expect(problems({ PORT: "eighty" })[0]).toMatch(/^PORT:/);
    expect(problems({ SESSION_SECRET: "short" })[0]).toMatch(/^SESSION_SECRET: must be at least 32 characters/);
    expect(problems({ DATABASE_URL: "mysql://x" })[0]).toMatch(/^DATABASE_URL: must be a postgres:\/\/ URL/);
  });
});
