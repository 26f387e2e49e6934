import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { action as loginAction } from "#app/routes/inloggen";
import { action as logoutAction } from "#app/routes/uitloggen";
import { loader as handlerHome } from "#app/routes/behandelaar._index";
import { loader as municipalityHome } from "#app/routes/gemeente._index";
import { createUser } from "#db/factories";
import { auditEvents, sessions } from "#db/schema/index";
import { createTestDatabase, type TestDatabase } from "#test/support/database";
import { contextFor, cookieFrom, createTestServices, getRequest, postForm, settle } from "#test/support/app";

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database);
});
afterAll(async () => {
  services.cleanup();
  await database.destroy();
});

async function signIn(email: string, password: string, ip = "203.0.113.7") {
  const request = postForm("/inloggen", services, { email, password });
  return settle(() => loginAction({ request, context: contextFor(services, ip), params: {} }));
}

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
    const home = await handlerHome({ request: getRequest("/behandelaar", { cookie }), context: contextFor(services), params: {} });
    expect(home).toMatchObject({ user: { name: user.name, role: "case_handler" } });
  });

  it("refuses a wrong password with one message that does not reveal which part was wrong", async () => {
    const user = await createUser(database.db, { role: "coordinator" });
    const wrongPassword = (await signIn(user.email, "not-it")) as { data: { errors: Record<string, string> }; init: { status: number } };
    const unknownUser = (await signIn("nobody@example.test", "not-it")) as typeof wrongPassword;
    expect(wrongPassword.init.status).toBe(400);
    expect(wrongPassword.data.errors.email).toBe("Het e-mailadres of het wachtwoord is niet juist.");
    expect(unknownUser.data.errors.email).toBe(wrongPassword.data.errors.email);
  });

  it("locks an account for a while after five failed attempts, even for the right password", async () => {
    const user = await createUser(database.db, { role: "case_handler" });
    for (let i = 0; i < 5; i++) await signIn(user.email, `wrong-${i}`, `198.51.100.${i}`);
    const locked = (await signIn(user.email, user.password, "198.51.100.99")) as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(locked.init.status).toBe(429);
    expect(locked.data.errors.email).toMatch(/Te veel mislukte pogingen\. Wacht \d+ minuten/);
    const other = await createUser(database.db, { role: "case_handler" });
    expect(((await signIn(other.email, other.password, "198.51.100.100")) as Response).status).toBe(302);
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
    const response = await settle(() => handlerHome({ request: getRequest("/behandelaar"), context: contextFor(services), params: {} }));
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/inloggen?terug=%2Fbehandelaar");
  });

  it("gives a municipality officer 403 in the back office, and their own municipality in the portal", async () => {
    const officer = await createUser(database.db, { role: "municipality_officer", municipalityId: "zaanstad" });
    const cookie = cookieFrom((await signIn(officer.email, officer.password)) as Response, "oma_session")!;
    const backOffice = await settle(() => handlerHome({ request: getRequest("/behandelaar", { cookie }), context: contextFor(services), params: {} }));
    expect((backOffice as Response).status).toBe(403);
    const portal = await municipalityHome({ request: getRequest("/gemeente", { cookie }), context: contextFor(services), params: {} });
    expect(portal).toEqual({ name: officer.name, municipality: "Zaanstad" });
  });

  it("ends a session that was idle longer than the limit", async () => {
    const user = await createUser(database.db, { role: "case_handler" });
    const cookie = cookieFrom((await signIn(user.email, user.password)) as Response, "oma_session")!;
    const id = cookie.split("=")[1]!;
    const idle = new Date(Date.now() - (services.env.sessionIdleMinutes + 1) * 60_000);
    await database.db.update(sessions).set({ lastSeenAt: idle }).where(eq(sessions.id, id));
    const response = await settle(() => handlerHome({ request: getRequest("/behandelaar", { cookie }), context: contextFor(services), params: {} }));
    expect((response as Response).headers.get("Location")).toBe("/inloggen?terug=%2Fbehandelaar&verlopen=1");
    expect(await database.db.select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
  });

  it("signing out deletes the session, so the old cookie no longer works", async () => {
    const user = await createUser(database.db, { role: "coordinator" });
    const cookie = cookieFrom((await signIn(user.email, user.password)) as Response, "oma_session")!;
    const out = (await settle(() => logoutAction({ request: postForm("/uitloggen", services, {}, { cookie }), context: contextFor(services), params: {} }))) as Response;
    expect(out.headers.get("Location")).toBe("/inloggen?uitgelogd=1");
    const again = await settle(() => handlerHome({ request: getRequest("/behandelaar", { cookie }), context: contextFor(services), params: {} }));
    expect((again as Response).status).toBe(302);
  });
});
