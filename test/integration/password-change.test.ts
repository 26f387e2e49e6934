import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "#app/auth/password.server";
import { createSession, getUser } from "#app/auth/session.server";
import { action as loginAction } from "#app/routes/inloggen";
import { action, loader } from "#app/routes/account.wachtwoord";
import { createUser } from "#test/support/factories";
import { auditEvents, users } from "#db/schema/index";
import { contextFor, cookieFrom, createTestServices, getRequest, postForm, settle } from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

type Services = ReturnType<typeof createTestServices>;
type Failure = { data: { errors: Record<string, string> }; init: { status: number } };

let database: TestDatabase;
let services: Services;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database);
});
afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

const NEW = "een lange zin die ik onthoud";

async function signedIn(userId: string) {
  const session = await createSession(contextFor(services), userId, getRequest("/inloggen"));
  return session.cookie.split(";")[0]!;
}

async function post(cookie: string | undefined, fields: Record<string, string>, ip = "203.0.113.7") {
  const request = postForm("/account/wachtwoord", services, fields, { cookie });
  return settle(() => action({ request, context: contextFor(services, ip), params: {} }));
}

async function whoIs(cookie: string) {
  return getUser(getRequest("/behandelaar", { cookie }), contextFor(services));
}

async function hashOf(userId: string) {
  const [row] = await database.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row!.hash;
}

describe("changing one's password", () => {
  it("changes it for a municipality officer, keeps this session and ends the others; the new password signs in", async () => {
    const user = await createUser(database.db, { role: "municipality_officer", municipalityId: "diemen" });
    const here = await signedIn(user.id);
    const elsewhere = await signedIn(user.id);

    const done = (await post(here, { current: user.password, next: NEW, repeat: NEW })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/account/wachtwoord?gewijzigd=1");

    expect(await verifyPassword(await hashOf(user.id), NEW)).toBe(true);
    expect(await whoIs(here)).toMatchObject({ id: user.id });
    expect(await whoIs(elsewhere)).toBeNull();
    const page = await loader({
      request: getRequest("/account/wachtwoord?gewijzigd=1", { cookie: here }),
      context: contextFor(services),
      params: {},
    });
    expect(page).toMatchObject({ changed: true, home: "/gemeente", min: 12 });

    const oldPassword = (await settle(() =>
      loginAction({
        request: postForm("/inloggen", services, { email: user.email, password: user.password }),
        context: contextFor(services, "198.51.100.9"),
        params: {},
      }),
    )) as Failure;
    expect(oldPassword.init.status).toBe(400);
    const newPassword = (await settle(() =>
      loginAction({
        request: postForm("/inloggen", services, { email: user.email, password: NEW }),
        context: contextFor(services, "198.51.100.9"),
        params: {},
      }),
    )) as Response;
    expect(cookieFrom(newPassword, "oma_session")).toBeDefined();

    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "password.changed"));
    expect(event).toMatchObject({
      actorUserId: user.id,
      subjectId: user.id,
      ip: "203.0.113.7",
      details: { otherSessionsEnded: 1 },
    });
  });

  it("names each problem at its field, in plain words, and changes nothing", async () => {
    const user = await createUser(database.db, { role: "case_handler" });
    const cookie = await signedIn(user.id);
    const before = await hashOf(user.id);
    const errors = async (fields: Record<string, string>) => ((await post(cookie, fields)) as Failure).data.errors;

    expect(await errors({ current: "", next: "", repeat: "" })).toEqual({
      current: "Vul uw huidige wachtwoord in.",
      next: "Vul een nieuw wachtwoord in.",
    });
    expect(await errors({ current: user.password, next: "te kort", repeat: "te kort" })).toEqual({
      next: "Het nieuwe wachtwoord moet minstens 12 tekens hebben.",
    });
    expect(await errors({ current: user.password, next: user.password, repeat: user.password })).toEqual({
      next: "Het nieuwe wachtwoord is hetzelfde als het huidige. Kies een ander wachtwoord.",
    });
    expect(await errors({ current: user.password, next: NEW, repeat: `${NEW}.` })).toEqual({
      repeat: "De twee nieuwe wachtwoorden zijn niet hetzelfde.",
    });
    expect(await errors({ current: user.password, next: NEW, repeat: "" })).toEqual({
      repeat: "Herhaal het nieuwe wachtwoord.",
    });
    expect(await errors({ current: "niet mijn wachtwoord", next: NEW, repeat: NEW })).toEqual({
      current: "Dit is niet uw huidige wachtwoord.",
    });

    expect(await hashOf(user.id)).toBe(before);
  });

  it("counts a wrong current password as a failed sign-in: after five, even the right one waits", async () => {
    const user = await createUser(database.db, { role: "coordinator" });
    const cookie = await signedIn(user.id);
    for (let i = 0; i < 5; i++) {
      expect(
        ((await post(cookie, { current: `fout-${i}`, next: NEW, repeat: NEW }, `192.0.2.${i + 1}`)) as Failure).init
          .status,
      ).toBe(400);
    }
    const locked = (await post(cookie, { current: user.password, next: NEW, repeat: NEW })) as Failure;
    expect(locked.init.status).toBe(429);
    expect(locked.data.errors.current).toMatch(/^Te veel mislukte pogingen\. Wacht (1 minuut|\d+ minuten)/);
    expect(await verifyPassword(await hashOf(user.id), user.password)).toBe(true);
    const failures = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id));
    expect(failures.filter((e) => e.action === "password.change_failed")).toHaveLength(5);
  });

  it("is only for someone signed in", async () => {
    const response = (await settle(() =>
      loader({ request: getRequest("/account/wachtwoord"), context: contextFor(services), params: {} }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/inloggen?terug=%2Faccount%2Fwachtwoord");
    const posted = (await post(undefined, { current: "x", next: NEW, repeat: NEW })) as Response;
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toMatch(/^\/inloggen\?terug=/);
  });
});
