import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resealTotpSecrets, totpKeyring } from "#app/auth/totp-secrets.server";
import { generateSecret, totpCode, totpStep } from "#app/auth/totp.server";
import { action as loginAction } from "#app/routes/inloggen";
import { action as codeAction } from "#app/routes/inloggen_.code";
import { createUser } from "#test/support/factories";
import { users } from "#db/schema/index";
import { PRODUCTION_ENV, contextFor, cookieFrom, createTestServices, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

/** Rotating the key that encrypts TOTP secrets, as an operator does it (README › TOTP key rotation). */

type Services = ReturnType<typeof createTestServices>;

const OLD = Buffer.alloc(32, 11).toString("base64");
const NEW = Buffer.alloc(32, 12).toString("base64");

let database: TestDatabase;
let clock = Date.parse("2026-12-01T09:00:00Z");
const made: Services[] = [];

function production(keys: { key: string; previous?: string }): Services {
  const env = {
    ...PRODUCTION_ENV,
    TOTP_ENCRYPTION_KEY: keys.key,
    ...(keys.previous ? { TOTP_ENCRYPTION_KEY_PREVIOUS: keys.previous } : {}),
  };
  const services = createTestServices(database, { env, now: () => new Date(clock) });
  made.push(services);
  return services;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const s of made) s.cleanup();
  await database.destroy();
});

/** Password and code; the status of the code step (302: signed in). */
async function signInWithCode(services: Services, email: string, password: string, secret: string): Promise<number> {
  clock += 30_000; // every sign-in uses a fresh step
  const ip = "192.0.2.50";
  const afterPassword = (await settle(() =>
    loginAction({
      request: postForm("/inloggen", services, { email, password }),
      context: contextFor(services, ip),
      params: {},
    }),
  )) as Response;
  const pending = cookieFrom(afterPassword, "oma_login_pending");
  const request = postForm(
    "/inloggen/code",
    services,
    { code: totpCode(secret, totpStep(clock)) },
    { cookie: pending },
  );
  const result = await settle(() => codeAction({ request, context: contextFor(services, ip), params: {} }));
  return result instanceof Response ? result.status : (result as { init: { status: number } }).init.status;
}

async function stored(userId: string): Promise<string> {
  const [row] = await database.db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId));
  return row!.secret!;
}

describe("TOTP key rotation", () => {
  it("reads secrets under the previous key and unencrypted ones, then moves them all to the new key", async () => {
    const before = production({ key: OLD });
    const oldRing = totpKeyring(before.env.totpEncryption);
    const underOld = generateSecret();
    const a = await createUser(database.db, { role: "case_handler", totpSecret: underOld, totpKeyring: oldRing });
    const legacy = generateSecret();
    const b = await createUser(database.db, { role: "municipality_officer" });
    // A development database from before encryption.
    await database.db.update(users).set({ totpSecret: legacy }).where(eq(users.id, b.id));
    expect(await signInWithCode(before, a.email, a.password, underOld)).toBe(302);

    // Step 2 of the README: the new key is current, the old one still readable.
    const during = production({ key: NEW, previous: OLD });
    const newRing = totpKeyring(during.env.totpEncryption);
    expect(newRing.current.id).not.toBe(oldRing.current.id);
    expect(await signInWithCode(during, a.email, a.password, underOld)).toBe(302);
    expect(await signInWithCode(during, b.email, b.password, legacy)).toBe(302);

    const report = await resealTotpSecrets(database.db, newRing);
    expect(report).toMatchObject({ resealed: 2, unreadable: [] });
    for (const user of [a, b]) expect((await stored(user.id)).startsWith(`v1.${newRing.current.id}.`)).toBe(true);
    expect(await stored(b.id)).not.toContain(legacy);
    // Nothing left to do on a second run (another process starting).
    expect(await resealTotpSecrets(database.db, newRing)).toMatchObject({ resealed: 0, current: 2 });

    // Step 3: the old key is gone; everyone still signs in.
    const after = production({ key: NEW });
    expect(await signInWithCode(after, a.email, a.password, underOld)).toBe(302);
    expect(await signInWithCode(after, b.email, b.password, legacy)).toBe(302);
  });

  it("reports secrets that no configured key opens, and leaves them as they are", async () => {
    const lost = totpKeyring({ key: Buffer.alloc(32, 13), previous: [] });
    const user = await createUser(database.db, {
      role: "coordinator",
      totpSecret: generateSecret(),
      totpKeyring: lost,
    });
    const value = await stored(user.id);
    const report = await resealTotpSecrets(database.db, totpKeyring(production({ key: NEW }).env.totpEncryption));
    expect(report.unreadable).toEqual([user.id]);
    expect(await stored(user.id)).toBe(value);
  });
});
