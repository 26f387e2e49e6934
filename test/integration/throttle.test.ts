import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSecret, totpCode, totpStep } from "#app/auth/totp.server";
import { action as loginAction } from "#app/routes/inloggen";
import { action as codeAction } from "#app/routes/inloggen_.code";
import { createUser } from "#test/support/factories";
import { auditEvents, signInThrottle } from "#db/schema/index";
import { contextFor, cookieFrom, createTestServices, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

/**
 * The sign-in throttle under bursts: every attempt is counted before it is checked, so however
 * many arrive at once, no more than the free failures are checked. On PostgreSQL (a pool of 20
 * connections) the attempts really run side by side.
 */

type Services = ReturnType<typeof createTestServices>;
type Answer = { status: number; error?: string; response?: Response };

let database: TestDatabase;
let services: Services;
let clock = Date.parse("2026-12-01T09:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database, { now: () => new Date(clock) });
});
afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

function answer(result: unknown): Answer {
  if (result instanceof Response) return { status: result.status, response: result };
  const failure = result as { data: { errors: Record<string, string> }; init: { status: number } };
  return { status: failure.init.status, error: Object.values(failure.data.errors)[0] };
}

async function signIn(
  email: string,
  password: string,
  { ip = "198.51.100.1", cookie }: { ip?: string; cookie?: string } = {},
): Promise<Answer> {
  const request = postForm("/inloggen", services, { email, password }, { cookie });
  return answer(await settle(() => loginAction({ request, context: contextFor(services, ip), params: {} })));
}

async function enterCode(pending: string, code: string, ip = "198.51.100.1"): Promise<Answer> {
  const request = postForm("/inloggen/code", services, { code }, { cookie: pending });
  return answer(await settle(() => codeAction({ request, context: contextFor(services, ip), params: {} })));
}

const statuses = (answers: Answer[]) =>
  answers.reduce<Record<number, number>>((n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }), {});

async function auditCount(action: string, email: string) {
  const [row] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), sql`${auditEvents.details}->>'email' = ${email}`));
  return row!.n;
}

async function bucket(name: string) {
  const [row] = await database.db.select().from(signInThrottle).where(eq(signInThrottle.bucket, name));
  return row ?? null;
}

function deviceIdOf(cookie: string): string {
  const [payload] = decodeURIComponent(cookie.slice("oma_device=".length)).split(".");
  return (JSON.parse(Buffer.from(payload!, "base64url").toString()) as { d: string }).d;
}

const WRONG_PASSWORD = "Het e-mailadres of het wachtwoord is niet juist.";
const WRONG_CODE =
  "Deze code is niet juist of is al gebruikt. Wacht tot de app een nieuwe code laat zien en vul die in.";

describe("30 wrong attempts at once", () => {
  it("checks at most 5 passwords; the others are refused as throttled without a check, and the right password waits out the delay", async () => {
    const user = await createUser(database.db, { role: "case_handler" });
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(user.email, `wrong-${i}`, { ip: "198.51.100.10" })),
    );

    expect(statuses(burst)).toEqual({ 400: 5, 429: 25 });
    expect(burst.filter((a) => a.status === 400).every((a) => a.error === WRONG_PASSWORD)).toBe(true);
    expect(burst.find((a) => a.status === 429)?.error).toBe(
      "Te veel mislukte pogingen. Wacht 1 minuut en probeer het dan opnieuw.",
    );
    expect(await auditCount("login.failed", user.email)).toBe(5);
    expect(await auditCount("login.throttled", user.email)).toBe(25);
    expect(await bucket(`account:${user.email}`)).toMatchObject({
      failures: 5,
      nextAllowedAt: new Date(clock + 60_000),
    });
    expect(await bucket("address:198.51.100.10")).toMatchObject({ failures: 5 });

    // From another address too: the wait is the account's.
    expect((await signIn(user.email, user.password, { ip: "198.51.100.11" })).status).toBe(429);
    clock += 59_000;
    expect((await signIn(user.email, user.password, { ip: "198.51.100.11" })).status).toBe(429);
    clock += 1_000;
    const inside = await signIn(user.email, user.password, { ip: "198.51.100.11" });
    expect(inside.status).toBe(302);
    expect(cookieFrom(inside.response!, "oma_session")).toBeDefined();
    // A whole sign-in starts the account afresh.
    expect(await bucket(`account:${user.email}`)).toBeNull();
  });

  it("checks at most 5 second-step codes, and then refuses the right code and the password alike", async () => {
    const secret = generateSecret();
    const user = await createUser(database.db, { role: "coordinator", totpSecret: secret });
    const afterPassword = await signIn(user.email, user.password, { ip: "198.51.100.20" });
    const pending = cookieFrom(afterPassword.response!, "oma_login_pending")!;
    const right = totpCode(secret, totpStep(clock));
    const wrong = Array.from({ length: 30 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, "0"));

    const burst = await Promise.all(wrong.map((code) => enterCode(pending, code, "198.51.100.20")));

    expect(statuses(burst)).toEqual({ 400: 5, 429: 25 });
    expect(burst.filter((a) => a.status === 400).every((a) => a.error === WRONG_CODE)).toBe(true);
    expect(await bucket(`account:${user.email}`)).toMatchObject({ failures: 5 });
    expect((await enterCode(pending, right, "198.51.100.21")).status).toBe(429);
    expect((await signIn(user.email, user.password, { ip: "198.51.100.21" })).status).toBe(429);

    clock += 60_000;
    const later = await signIn(user.email, user.password, { ip: "198.51.100.21" });
    const signedIn = await enterCode(
      cookieFrom(later.response!, "oma_login_pending")!,
      totpCode(secret, totpStep(clock)),
      "198.51.100.21",
    );
    expect(signedIn.status).toBe(302);
    expect(cookieFrom(signedIn.response!, "oma_session")).toBeDefined();
  });

  it("checks at most 30 attempts from one address, whatever accounts they name; other addresses are not held up", async () => {
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn(`spray-${i}-${clock}@example.test`, "Welkom01!", { ip: "198.51.100.30" }),
      ),
    );
    expect(statuses(burst)).toEqual({ 400: 30, 429: 10 });

    const bystander = await createUser(database.db, { role: "case_handler" });
    expect((await signIn(bystander.email, bystander.password, { ip: "198.51.100.30" })).status).toBe(429);
    expect((await signIn(bystander.email, bystander.password, { ip: "198.51.100.31" })).status).toBe(302);
  });
});

describe("known devices", () => {
  it("let their owner in while the account is under attack, and are throttled in a bucket of their own", async () => {
    const owner = await createUser(database.db, { role: "case_handler" });
    const first = await signIn(owner.email, owner.password, { ip: "198.51.100.40" });
    const device = cookieFrom(first.response!, "oma_device")!;
    expect(first.response!.headers.getSetCookie().find((c) => c.startsWith("oma_device="))).toMatch(
      /HttpOnly; Max-Age=7776000$/,
    );

    const attack = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(owner.email, `guess-${i}`, { ip: `203.0.113.${100 + (i % 5)}` })),
    );
    expect(statuses(attack)).toEqual({ 400: 5, 429: 25 });
    expect((await signIn(owner.email, owner.password, { ip: "198.51.100.41" })).status).toBe(429);

    const fromDevice = await signIn(owner.email, owner.password, { ip: "198.51.100.41", cookie: device });
    expect(fromDevice.status).toBe(302);
    expect(cookieFrom(fromDevice.response!, "oma_session")).toBeDefined();
    // The browser keeps its device id.
    expect(deviceIdOf(cookieFrom(fromDevice.response!, "oma_device")!)).toBe(deviceIdOf(device));

    // The cookie is no pass: wrong passwords from the device are counted there, five at most.
    const fromDeviceWrong = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn(owner.email, `typo-${i}`, { ip: "198.51.100.41", cookie: device })),
    );
    expect(statuses(fromDeviceWrong)).toEqual({ 400: 5, 429: 5 });

    // It names its account: for another account it is an ordinary, throttled attempt.
    const colleague = await createUser(database.db, { role: "coordinator" });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => signIn(colleague.email, `guess-${i}`, { ip: "203.0.113.120" })),
    );
    expect((await signIn(colleague.email, colleague.password, { ip: "198.51.100.41", cookie: device })).status).toBe(
      429,
    );
  });

  it("do not count when tampered with", async () => {
    const owner = await createUser(database.db, { role: "coordinator" });
    const device = cookieFrom(
      (await signIn(owner.email, owner.password, { ip: "198.51.100.50" })).response!,
      "oma_device",
    )!;
    await Promise.all(Array.from({ length: 5 }, (_, i) => signIn(owner.email, `guess-${i}`, { ip: "203.0.113.130" })));
    const [payload, signature] = decodeURIComponent(device.slice("oma_device=".length)).split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, d: "another-device-id-of-my-choice" })).toString(
      "base64url",
    );
    expect(
      (await signIn(owner.email, owner.password, { ip: "198.51.100.50", cookie: `oma_device=${forged}.${signature}` }))
        .status,
    ).toBe(429);
  });
});
