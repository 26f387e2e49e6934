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
import { DEMO_ACCOUNTS } from "#db/seed";
import { municipalities, users } from "#db/schema/index";
import { contextFor } from "#test/support/app";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-boot-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// Embedded mode only: this is what `npm start` does on a fresh clone.
const env = parseEnv({ NODE_ENV: "development", DATA_DIR: dataDir, MAIL_WORKER: "false", LOG_LEVEL: "warn" });

describe("start-up on the embedded defaults", () => {
  it("migrates, seeds one demo account per role, keeps data across a restart, and encrypts a plain TOTP secret at start-up", async () => {
    const first = await startServices(env);
    const accounts = await first.services.db.select({ email: users.email, role: users.role }).from(users);
    expect(accounts.map((a) => a.role).sort()).toEqual(["case_handler", "coordinator", "municipality_officer"]);
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
    const [demo] = await second.services.db.select({ id: users.id, secret: users.totpSecret }).from(users).where(eq(users.email, DEMO_ACCOUNTS[0]!.email));
    expect(demo!.secret).toMatch(/^v1\./);
    expect(openTotpSecret(totpKeyring(env.totpEncryption), demo!.id, demo!.secret!)?.secret).toBe(plain);
    await second.stop();
  }, 60_000);

  it("reports healthy, and 503 once the file storage is unusable", async () => {
    const running = await startServices(env);
    try {
      const ok = (await healthz({ request: new Request("http://x/healthz"), context: contextFor(running.services), params: {} })) as Response;
      expect(ok.status).toBe(200);
      fs.rmSync(path.join(dataDir, "files"), { recursive: true, force: true });
      fs.writeFileSync(path.join(dataDir, "files"), "not a folder");
      const down = (await healthz({ request: new Request("http://x/healthz"), context: contextFor(running.services), params: {} })) as Response;
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: "error", checks: { database: "ok", storage: "error" } });
    } finally {
      fs.rmSync(path.join(dataDir, "files"), { force: true });
      await running.stop();
    }
  }, 60_000);
});
