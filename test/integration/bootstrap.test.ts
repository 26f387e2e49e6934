import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openTotpSecret, totpKeyring } from "#app/auth/totp-secrets.server";
import { generateSecret } from "#app/auth/totp.server";
import { startServices } from "#app/bootstrap.server";
import { parseEnv } from "#app/config/env.server";
import { loader as healthz } from "#app/routes/healthz";
import { loader as livez } from "#app/routes/livez";
import { loader as readyz } from "#app/routes/readyz";
import { openDatabase } from "#db/client";
import { migrate } from "#db/migrate";
import { DEMO_ACCOUNTS } from "#app/seed.server";
import { municipalities, users } from "#db/schema/index";
import { contextFor } from "#test/support/app";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-boot-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// Embedded mode only: this is what `npm start` does on a fresh clone.
const env = parseEnv({ NODE_ENV: "development", DATA_DIR: dataDir, MAIL_WORKER: "false", LOG_LEVEL: "warn" });

describe("start-up on the embedded defaults", () => {
  it("migrates, seeds the demo accounts (an officer for Amsterdam and one for Zaanstad), keeps data across a restart, and encrypts a plain TOTP secret at start-up", async () => {
    const first = await startServices(env);
    // METRICS_PORT unset: no metrics server listens.
    expect(first.metrics).toBeNull();
    const accounts = await first.services.db.select({ email: users.email, role: users.role }).from(users);
    expect(accounts.map((a) => a.role).sort()).toEqual([
      "case_handler",
      "coordinator",
      "municipality_officer",
      "municipality_officer",
    ]);
    await first.services.db.update(municipalities).set({ handlingWeeks: 10 }).where(eq(municipalities.id, "diemen"));
    // As a development database from before encryption holds it.
    const plain = generateSecret();
    await first.services.db.update(users).set({ totpSecret: plain }).where(eq(users.email, DEMO_ACCOUNTS[0]!.email));
    await first.stop();

    const second = await startServices(env);
    const [diemen] = await second.services.db.select().from(municipalities).where(eq(municipalities.id, "diemen"));
    expect(diemen?.handlingWeeks).toBe(10);
    const again = await second.services.db.select({ email: users.email }).from(users);
    expect(again).toHaveLength(DEMO_ACCOUNTS.length);
    const [demo] = await second.services.db
      .select({ id: users.id, secret: users.totpSecret })
      .from(users)
      .where(eq(users.email, DEMO_ACCOUNTS[0]!.email));
    expect(demo!.secret).toMatch(/^v1\./);
    expect(openTotpSecret(totpKeyring(env.totpEncryption), demo!.id, demo!.secret!)?.secret).toBe(plain);
    await second.stop();
  }, 60_000);

  it("reports ready, and 503 naming the storage once it is unusable, while the process stays live", async () => {
    const running = await startServices(env);
    const probe = async (loader: typeof readyz, path: string) =>
      (await loader({
        request: new Request(`http://x${path}`),
        context: contextFor(running.services),
        params: {},
      })) as Response;
    try {
      expect((await probe(readyz, "/readyz")).status).toBe(200);
      fs.rmSync(path.join(dataDir, "files"), { recursive: true, force: true });
      fs.writeFileSync(path.join(dataDir, "files"), "not a folder");
      for (const [loader, at] of [
        [readyz, "/readyz"],
        [healthz, "/healthz"],
      ] as const) {
        const down = await probe(loader, at);
        expect(down.status).toBe(503);
        expect(await down.json()).toEqual({ status: "error", checks: { database: "ok", storage: "error" } });
      }
      const live = (await livez()) as Response;
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: "ok" });
    } finally {
      fs.rmSync(path.join(dataDir, "files"), { force: true });
      await running.stop();
    }
  }, 60_000);

  it("with MIGRATE_ON_START=false, refuses a database that lacks migrations and starts once they are applied", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-boot-nomigrate-"));
    try {
      const jobEnv = parseEnv({
        NODE_ENV: "development",
        DATA_DIR: dir,
        MAIL_WORKER: "false",
        MIGRATE_ON_START: "false",
      });
      await expect(startServices(jobEnv)).rejects.toThrow(
        /the database lacks \d+ migration\(s\); run `npm run db:migrate` first/,
      );
      // What the deployment job does.
      const handle = await openDatabase(jobEnv.database);
      await migrate(handle);
      await handle.close();
      const running = await startServices(jobEnv);
      expect(await running.services.db.select({ id: municipalities.id }).from(municipalities)).toHaveLength(8);
      await running.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
