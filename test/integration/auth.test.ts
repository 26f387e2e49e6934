import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { runHourlyHousekeeping } from "#app/housekeeping.server";
import { action as loginAction, loader as loginLoader } from "#app/routes/inloggen";
import { action as logoutAction } from "#app/routes/uitloggen";
import { loader as handlerHome } from "#app/routes/behandelaar._index/route";
import { loader as municipalityHome } from "#app/routes/gemeente._index";
import { createUser } from "#test/support/factories";
import { DEMO_ACCOUNTS, seedDemoAccounts } from "#app/seed.server";
import { auditEvents, sessions, signInThrottle, users } from "#db/schema/index";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import {
  PRODUCTION_ENV,
  contextFor,
  cookieFrom,
  createTestServices,
  getRequest,
  postForm,
  settle,
} from "#test/support/app";

type Services = ReturnType<typeof createTestServices>;
type Failure = { data: { errors: Record<string, string> }; init: { status: number } };

let database: TestDatabase;
let services: Services;
let production: Services;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database);
  production = createTestServices(database, { env: PRODUCTION_ENV });
});
afterAll(async () => {
  services.cleanup();
  production.cleanup();
  await database.destroy();
});

async function signIn(email: string, password: string, ip = "203.0.113.7", on = services) {
  const request = postForm("/inloggen", on, { email, password });
  return settle(() => loginAction({ request, context: contextFor(on, ip), params: {} }));
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
/** The session id as the browser holds it. */
const sessionToken = (cookie: string) => decodeURIComponent(cookie.slice("oma_session=".length));

describe("signing in", () => {
  it("signs a case handler in with an httpOnly session cookie and sends them to the back office", async () => {
    const user = await createUser(database.db, { role: "case_handler", email: "sanne@ombudsman.test" });
    const response = await signIn("Sanne@Ombudsman.test ", user.password);
    expect(response).toBeInstanceOf(Response);
    const res = response as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/behandelaar");
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("oma_session="));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = cookieFrom(res, "oma_session")!;
    const home = await handlerHome({
      request: getRequest("/behandelaar", { cookie }),
      context: contextFor(services),
      params: {},
    });
    expect(home).toMatchObject({ user: { name: user.name, role: "case_handler" } });
  });

  it("refuses a wrong password with one message that does not reveal which part was wrong", async () => {
    const user = await createUser(database.db, { role: "coordinator" });
    const wrongPassword = (await signIn(user.email, "not-it")) as {
      data: { errors: Record<string, string> };
      init: { status: number };
    };
    const unknownUser = (await signIn("nobody@example.test", "not-it")) as typeof wrongPassword;
    expect(wrongPassword.init.status).toBe(400);
    expect(wrongPassword.data.errors.email).toBe("Het e-mailadres of het wachtwoord is niet juist.");
    expect(unknownUser.data.errors.email).toBe(wrongPassword.data.errors.email);
  });

  it("makes an account wait after five failed attempts, even for the right password", async () => {
    const user = await createUser(database.db, { role: "case_handler" });
    for (let i = 0; i < 5; i++) await signIn(user.email, `wrong-${i}`, `198.51.100.${i}`);
    const locked = (await signIn(user.email, user.password, "198.51.100.99")) as {
      data: { errors: Record<string, string> };
      init: { status: number };
    };
    expect(locked.init.status).toBe(429);
    expect(locked.data.errors.email).toMatch(/Te veel mislukte pogingen\. Wacht (1 minuut|\d+ minuten)/);
    const other = await createUser(database.db, { role: "case_handler" });
    expect(((await signIn(other.email, other.password, "198.51.100.100")) as Response).status).toBe(302);
  });

  it("after signing in, follows a sign-in link only to a path on this site (terug=%2F%09%2Fevil.example goes home)", async () => {
    const user = await createUser(database.db, { role: "case_handler" });
    const go = async (terug: string) => {
      const request = postForm("/inloggen", services, { email: user.email, password: user.password, terug });
      return (
        (await settle(() =>
          loginAction({ request, context: contextFor(services, "203.0.113.20"), params: {} }),
        )) as Response
      ).headers.get("Location");
    };
    expect(await go("/\t/evil.example")).toBe("/behandelaar");
    expect(await go("/.//evil.example")).toBe("/behandelaar");
    expect(await go("/behandelaar/overzicht?jaar=2026#open")).toBe("/behandelaar/overzicht?jaar=2026#open");

    // Already signed in, the sign-in page sends one on the same way.
    const cookie = cookieFrom((await signIn(user.email, user.password, "203.0.113.20")) as Response, "oma_session")!;
    const page = await settle(() =>
      loginLoader({
        request: getRequest("/inloggen?terug=%2F%09%2Fevil.example", { cookie }),
        context: contextFor(services),
        params: {},
      }),
    );
    expect((page as Response).headers.get("Location")).toBe("/behandelaar");
  });

  it("refuses a post without a valid CSRF token", async () => {
    const user = await createUser(database.db, { role: "case_handler" });
    const request = postForm("/inloggen", services, { email: user.email, password: user.password }, { csrf: false });
    const response = await settle(() => loginAction({ request, context: contextFor(services), params: {} }));
    expect((response as Response).status).toBe(403);
  });

  it("writes audit events for failed and successful sign-ins", async () => {
    const user = await createUser(database.db, { role: "coordinator" });
    await signIn(user.email, "nope");
    await signIn(user.email, user.password);
    const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id));
    expect(rows.map((r) => r.action)).toContain("login.succeeded");
    expect(rows.find((r) => r.action === "login.succeeded")?.ip).toBe("203.0.113.7");
  });
});

describe("sessions and roles", () => {
  it("sends a visitor without a session to the sign-in page and back", async () => {
    const response = await settle(() =>
      handlerHome({ request: getRequest("/behandelaar"), context: contextFor(services), params: {} }),
    );
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/inloggen?terug=%2Fbehandelaar");
  });

  it("gives a municipality officer 403 in the back office, and their own municipality in the portal", async () => {
    const officer = await createUser(database.db, { role: "municipality_officer", municipalityId: "zaanstad" });
    const cookie = cookieFrom((await signIn(officer.email, officer.password)) as Response, "oma_session")!;
    const backOffice = await settle(() =>
      handlerHome({ request: getRequest("/behandelaar", { cookie }), context: contextFor(services), params: {} }),
    );
    expect((backOffice as Response).status).toBe(403);
    const portal = await municipalityHome({
      request: getRequest("/gemeente", { cookie }),
      context: contextFor(services),
      params: {},
    });
    expect(portal).toMatchObject({ municipality: "Zaanstad", dossiers: [] });
  });

  it("ends a session that was idle longer than the limit", async () => {
    const user = await createUser(database.db, { role: "case_handler" });
    const cookie = cookieFrom((await signIn(user.email, user.password)) as Response, "oma_session")!;
    const id = sha256(sessionToken(cookie));
    const idle = new Date(Date.now() - (services.env.sessionIdleMinutes + 1) * 60_000);
    await database.db.update(sessions).set({ lastSeenAt: idle }).where(eq(sessions.id, id));
    const response = await settle(() =>
      handlerHome({ request: getRequest("/behandelaar", { cookie }), context: contextFor(services), params: {} }),
    );
    expect((response as Response).headers.get("Location")).toBe("/inloggen?terug=%2Fbehandelaar&verlopen=1");
    expect(await database.db.select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
  });

  it("signing out deletes the session, so the old cookie no longer works", async () => {
    const user = await createUser(database.db, { role: "coordinator" });
    const cookie = cookieFrom((await signIn(user.email, user.password)) as Response, "oma_session")!;
    const out = (await settle(() =>
      logoutAction({
        request: postForm("/uitloggen", services, {}, { cookie }),
        context: contextFor(services),
        params: {},
      }),
    )) as Response;
    expect(out.headers.get("Location")).toBe("/inloggen?uitgelogd=1");
    const again = await settle(() =>
      handlerHome({ request: getRequest("/behandelaar", { cookie }), context: contextFor(services), params: {} }),
    );
    expect((again as Response).status).toBe(302);
  });
});

describe("what the database holds about sessions", () => {
  it("keeps only a hash of the session id: the cookie's value is nowhere in the table, and a row's id is no cookie", async () => {
    const user = await createUser(database.db, { role: "case_handler" });
    const cookie = cookieFrom((await signIn(user.email, user.password, "203.0.113.30")) as Response, "oma_session")!;
    const token = sessionToken(cookie);
    const rows = await database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.id).toBe(sha256(token));
    // Someone who read the table and sends a row's id as a cookie is not signed in.
    const forged = await settle(() =>
      handlerHome({
        request: getRequest("/behandelaar", { cookie: `oma_session=${rows[0]!.id}` }),
        context: contextFor(services),
        params: {},
      }),
    );
    expect((forged as Response).status).toBe(302);
  });

  it("deletes expired and idle sessions in the housekeeping pass, keeps live ones, and forgets quiet throttle buckets", async () => {
    const user = await createUser(database.db, { role: "coordinator" });
    const ids: Record<string, string> = {};
    for (const name of ["live", "expired", "idle"]) {
      const cookie = cookieFrom((await signIn(user.email, user.password, "203.0.113.31")) as Response, "oma_session")!;
      ids[name] = sha256(sessionToken(cookie));
    }
    const now = Date.now();
    await database.db
      .update(sessions)
      .set({ expiresAt: new Date(now - 60_000) })
      .where(eq(sessions.id, ids.expired!));
    await database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(now - (services.env.sessionIdleMinutes + 1) * 60_000) })
      .where(eq(sessions.id, ids.idle!));
    const quiet = `account:quiet-${now}@example.test`;
    const recent = `account:recent-${now}@example.test`;
    await database.db.insert(signInThrottle).values([
      {
        bucket: quiet,
        failures: 7,
        nextAllowedAt: new Date(now - 16 * 60_000),
        updatedAt: new Date(now - 20 * 60_000),
      },
      { bucket: recent, failures: 7, nextAllowedAt: new Date(now + 4 * 60_000), updatedAt: new Date(now) },
    ]);

    await runHourlyHousekeeping(services);

    const left = await database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    expect(left.map((r) => r.id)).toEqual([ids.live]);
    const buckets = await database.db
      .select({ bucket: signInThrottle.bucket })
      .from(signInThrottle)
      .where(inArray(signInThrottle.bucket, [quiet, recent]));
    expect(buckets.map((b) => b.bucket)).toEqual([recent]);
  });
});

describe("demo accounts under NODE_ENV=production", () => {
  it("refuses a demo password like a wrong one, audits it, and ends a demo session made in development", async () => {
    // As an older seed left it: no flag yet; seeding again sets it.
    await createUser(database.db, {
      role: "case_handler",
      email: DEMO_ACCOUNTS[0]!.email,
      password: DEMO_ACCOUNTS[0]!.password,
    });
    await seedDemoAccounts(database.db);
    const demo = DEMO_ACCOUNTS.find((a) => a.role === "municipality_officer")!;
    const developmentSession = cookieFrom(
      (await signIn(demo.email, demo.password, "203.0.113.40")) as Response,
      "oma_session",
    )!;
    expect(
      await municipalityHome({
        request: getRequest("/gemeente", { cookie: developmentSession }),
        context: contextFor(services),
        params: {},
      }),
    ).toMatchObject({
      municipality: "Amsterdam",
    });

    const refused = (await signIn(demo.email, demo.password, "203.0.113.41", production)) as Failure;
    expect(refused.init.status).toBe(400);
    expect(refused.data.errors.email).toBe("Het e-mailadres of het wachtwoord is niet juist.");
    const [user] = await database.db
      .select({ id: users.id, demo: users.demo })
      .from(users)
      .where(eq(users.email, demo.email));
    expect(user!.demo).toBe(true);
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "login.demo_refused"));
    expect(events).toContainEqual(
      expect.objectContaining({ subjectId: user!.id, ip: "203.0.113.41", details: { email: demo.email } }),
    );

    // The same database, now served in production: the development session no longer counts.
    const later = await settle(() =>
      municipalityHome({
        request: getRequest("/gemeente", { cookie: developmentSession }),
        context: contextFor(production),
        params: {},
      }),
    );
    expect((later as Response).status).toBe(302);
    expect((later as Response).headers.get("Location")).toMatch(/^\/inloggen\?/);
  });

  it("flags the known demo e-mail addresses of a database seeded before the flag existed (the migration's statement)", async () => {
    const dir = path.join(process.cwd(), "db", "migrations");
    const file = fs.readdirSync(dir).find((f) => f.endsWith("_auth_hardening.sql"))!;
    const statement = fs
      .readFileSync(path.join(dir, file), "utf8")
      .split("--> statement-breakpoint")
      .find((s) => s.includes('SET "demo" = true'))!;
    // The accounts seeded before the flag existed; later demo accounts are seeded with it.
    const known = DEMO_ACCOUNTS.filter((a) => statement.includes(`'${a.email}'`));
    expect(known.map((a) => a.role).sort()).toEqual(["case_handler", "coordinator", "municipality_officer"]);
    await database.db
      .update(users)
      .set({ demo: false })
      .where(
        inArray(
          users.email,
          known.map((a) => a.email),
        ),
      );
    const other = await createUser(database.db, { role: "coordinator" });
    await database.query(statement);
    const rows = await database.db
      .select({ email: users.email, demo: users.demo })
      .from(users)
      .where(inArray(users.email, [...known.map((a) => a.email), other.email]));
    expect(Object.fromEntries(rows.map((r) => [r.email, r.demo]))).toEqual({
      ...Object.fromEntries(known.map((a) => [a.email, true])),
      [other.email]: false,
    });
  });
});
