import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getUser } from "#app/auth/session.server";
import { openTotpSecret, totpKeyring } from "#app/auth/totp-secrets.server";
import { generateSecret, totpCode, totpStep } from "#app/auth/totp.server";
import { action as setupAction, loader as setupLoader } from "#app/routes/account.tweede-stap";
import { action as loginAction } from "#app/routes/inloggen";
import { action as codeAction, loader as codeLoader } from "#app/routes/inloggen_.code";
import { loader as municipalityHome } from "#app/routes/gemeente._index";
import { createUser } from "#test/support/factories";
import { auditEvents, users } from "#db/schema/index";
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
/** Embedded mode (TOTP optional) and production mode (TOTP required for staff), on one database and one clock. */
let embedded: Services;
let production: Services;
let clock = Date.now();

const PENDING = "oma_login_pending";

beforeAll(async () => {
  database = await createTestDatabase();
  const now = () => new Date(clock);
  embedded = createTestServices(database, { now });
  production = createTestServices(database, {
    now,
    env: PRODUCTION_ENV,
  });
});
afterAll(async () => {
  embedded.cleanup();
  production.cleanup();
  await database.destroy();
});

const currentCode = (secret: string) => totpCode(secret, totpStep(clock));

async function password(
  services: Services,
  email: string,
  pw: string,
  extra: Record<string, string> = {},
  ip = "203.0.113.7",
) {
  const request = postForm("/inloggen", services, { email, password: pw, ...extra });
  return settle(() => loginAction({ request, context: contextFor(services, ip), params: {} }));
}

async function code(services: Services, cookie: string | undefined, value: string, ip = "203.0.113.7") {
  const request = postForm("/inloggen/code", services, { code: value }, { cookie });
  return settle(() => codeAction({ request, context: contextFor(services, ip), params: {} }));
}

async function pendingFor(services: Services, email: string, pw: string): Promise<string> {
  const response = (await password(services, email, pw)) as Response;
  const cookie = cookieFrom(response, PENDING);
  if (!cookie) throw new Error(`no pending sign-in cookie (status ${response.status})`);
  return cookie;
}

/** Who the app takes the visitor with these cookies for. */
async function signedInAs(services: Services, cookie: string | undefined) {
  return getUser(getRequest("/behandelaar", { cookie }), contextFor(services));
}

async function auditActions(userId: string) {
  const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, userId));
  return rows.map((r) => ({ action: r.action, details: r.details }));
}

/** The TOTP columns, with the secret as it opens under either configuration's key. */
async function totpColumns(userId: string) {
  const [row] = await database.db
    .select({ secret: users.totpSecret, lastStep: users.totpLastStep, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId));
  const { secret: stored, ...rest } = row!;
  if (stored === null) return { secret: null, ...rest };
  const opened = [embedded, production]
    .map((s) => openTotpSecret(totpKeyring(s.env.totpEncryption), userId, stored))
    .find(Boolean);
  return { secret: opened?.secret ?? `unreadable: ${stored}`, ...rest };
}

describe("signing in with a code (TOTP set up)", () => {
  it("asks for the code after the password, and only then creates a session", async () => {
    const secret = generateSecret();
    const user = await createUser(database.db, { role: "coordinator", totpSecret: secret });
    const afterPassword = (await password(embedded, user.email, user.password, {
      terug: "/behandelaar/dossiers/OMA-1",
    })) as Response;
    expect(afterPassword.status).toBe(302);
    expect(afterPassword.headers.get("Location")).toBe("/inloggen/code");
    expect(cookieFrom(afterPassword, "oma_session")).toBeUndefined();
    const pendingHeader = afterPassword.headers.getSetCookie().find((c) => c.startsWith(`${PENDING}=`));
    expect(pendingHeader).toMatch(/HttpOnly/);
    expect(pendingHeader).toMatch(/Max-Age=300/);
    expect((await auditActions(user.id)).map((a) => a.action)).not.toContain("login.succeeded");

    const pending = cookieFrom(afterPassword, PENDING)!;
    // The pending cookie is not a session.
    expect(await signedInAs(embedded, pending)).toBeNull();
    expect(
      await codeLoader({
        request: getRequest("/inloggen/code", { cookie: pending }),
        context: contextFor(embedded),
        params: {},
      }),
    ).toBeNull();

    const typed = currentCode(secret).replace(/^(\d{3})/, "$1 ");
    const signedIn = (await code(embedded, pending, typed)) as Response;
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("Location")).toBe("/behandelaar/dossiers/OMA-1");
    expect(signedIn.headers.getSetCookie().find((c) => c.startsWith(`${PENDING}=`))).toMatch(/Max-Age=0/);
    const session = cookieFrom(signedIn, "oma_session")!;
    expect(await signedInAs(embedded, session)).toMatchObject({ id: user.id, role: "coordinator" });

    expect((await totpColumns(user.id)).lastStep).toBe(totpStep(clock));
    expect(await auditActions(user.id)).toContainEqual({ action: "login.succeeded", details: { secondFactor: true } });
  });

  it("refuses a wrong code without a session, and after five wrong codes refuses even the right one", async () => {
    const secret = generateSecret();
    const user = await createUser(database.db, { role: "case_handler", totpSecret: secret });
    const pending = await pendingFor(embedded, user.email, user.password);
    const right = currentCode(secret);
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, "0");

    const first = (await code(embedded, pending, wrong)) as Failure;
    expect(first.init.status).toBe(400);
    expect(first.data.errors.code).toBe(
      "Deze code is niet juist of is al gebruikt. Wacht tot de app een nieuwe code laat zien en vul die in.",
    );
    // Four more, each from another address: the lock is per account.
    for (let i = 0; i < 4; i++)
      expect(((await code(embedded, pending, wrong, `198.51.100.${i + 20}`)) as Failure).init.status).toBe(400);

    const locked = (await code(embedded, pending, right)) as Failure;
    expect(locked.init.status).toBe(429);
    expect(locked.data.errors.code).toMatch(/^Te veel mislukte pogingen\. Wacht (1 minuut|\d+ minuten)/);
    expect((await totpColumns(user.id)).lastStep).toBeNull();
    // The password step is locked as well.
    expect(((await password(embedded, user.email, user.password)) as Failure).init.status).toBe(429);
    expect((await auditActions(user.id)).map((a) => a.action)).not.toContain("login.succeeded");
  });

  it("checks the form: an empty code or one that is not 6 digits is named at the field", async () => {
    const user = await createUser(database.db, { role: "case_handler", totpSecret: generateSecret() });
    const pending = await pendingFor(embedded, user.email, user.password);
    expect(((await code(embedded, pending, "")) as Failure).data.errors.code).toBe(
      "Vul de code in uit uw authenticator-app.",
    );
    expect(((await code(embedded, pending, "12345")) as Failure).data.errors.code).toBe(
      "De code bestaat uit 6 cijfers.",
    );
  });

  it("accepts a code once: the same code again is refused, the next one works", async () => {
    const secret = generateSecret();
    const user = await createUser(database.db, { role: "case_handler", totpSecret: secret });
    const used = currentCode(secret);
    expect(
      ((await code(embedded, await pendingFor(embedded, user.email, user.password), used)) as Response).status,
    ).toBe(302);

    const again = (await code(embedded, await pendingFor(embedded, user.email, user.password), used)) as Failure;
    expect(again.init.status).toBe(400);
    expect(again.data.errors.code).toMatch(/al gebruikt/);

    clock += 30_000;
    try {
      const next = (await code(
        embedded,
        await pendingFor(embedded, user.email, user.password),
        currentCode(secret),
      )) as Response;
      expect(next.status).toBe(302);
      expect(cookieFrom(next, "oma_session")).toBeDefined();
    } finally {
      clock -= 30_000;
    }
  });

  it("sends an expired, forged or missing pending sign-in back to the password, without a session", async () => {
    const secret = generateSecret();
    const user = await createUser(database.db, { role: "coordinator", totpSecret: secret });
    const other = await createUser(database.db, { role: "coordinator", totpSecret: generateSecret() });
    const pending = await pendingFor(embedded, user.email, user.password);

    const [payload, signature] = pending.slice(PENDING.length + 1).split(".");
    const claims = JSON.parse(Buffer.from(decodeURIComponent(payload!), "base64url").toString()) as Record<
      string,
      unknown
    >;
    const otherUser = Buffer.from(JSON.stringify({ ...claims, u: other.id })).toString("base64url");
    const longer = Buffer.from(JSON.stringify({ ...claims, e: Number(claims.e) + 3_600_000 })).toString("base64url");

    const forged = [
      `${PENDING}=${otherUser}.${signature}`,
      `${PENDING}=${longer}.${signature}`,
      `${PENDING}=${payload}.AAAA`,
      `${PENDING}=garbage`,
      undefined,
    ];
    for (const cookie of forged) {
      const page = (await settle(() =>
        codeLoader({ request: getRequest("/inloggen/code", { cookie }), context: contextFor(embedded), params: {} }),
      )) as Response;
      expect(page.headers.get("Location"), cookie).toBe("/inloggen?opnieuw=1");
      const post = (await code(embedded, cookie, currentCode(secret))) as Response;
      expect(post.headers.get("Location"), cookie).toBe("/inloggen?opnieuw=1");
      expect(cookieFrom(post, "oma_session")).toBeUndefined();
    }

    // Signed with another secret (the production configuration's).
    const elsewhere = await pendingFor(production, user.email, user.password);
    expect(((await code(embedded, elsewhere, currentCode(secret))) as Response).headers.get("Location")).toBe(
      "/inloggen?opnieuw=1",
    );

    clock += 5 * 60_000 + 1000;
    try {
      const expired = (await code(embedded, pending, currentCode(secret))) as Response;
      expect(expired.headers.get("Location")).toBe("/inloggen?opnieuw=1");
      expect(cookieFrom(expired, "oma_session")).toBeUndefined();
    } finally {
      clock -= 5 * 60_000 + 1000;
    }
    // Still within five minutes the same cookie works: the refusals above were not about the user.
    expect(((await code(embedded, pending, currentCode(secret))) as Response).status).toBe(302);
    expect((await totpColumns(other.id)).lastStep).toBeNull();
  });
});

describe("setting up the code", () => {
  async function setupPage(services: Services, cookie: string | undefined) {
    const result = await settle(() =>
      setupLoader({
        request: getRequest("/account/tweede-stap", { cookie }),
        context: contextFor(services),
        params: {},
      }),
    );
    return result as Exclude<Awaited<ReturnType<typeof setupLoader>>, Response> | Response;
  }
  async function confirm(services: Services, cookie: string | undefined, fields: Record<string, string>) {
    const request = postForm("/account/tweede-stap", services, fields, { cookie });
    return settle(() => setupAction({ request, context: contextFor(services), params: {} }));
  }
  function shownSecret(page: Awaited<ReturnType<typeof setupPage>>) {
    if (page instanceof Response || page.state !== "setup") throw new Error("expected the set-up form");
    expect(page.setup.key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
    return { secret: page.setup.key.replace(/ /g, ""), token: page.setup.token, page };
  }

  it("in production, sends staff without TOTP to the set-up page and signs them in only after a right code", async () => {
    const user = await createUser(database.db, { role: "case_handler" });
    const afterPassword = (await password(production, user.email, user.password)) as Response;
    expect(afterPassword.headers.get("Location")).toBe("/account/tweede-stap");
    expect(cookieFrom(afterPassword, "oma_session")).toBeUndefined();
    const pending = cookieFrom(afterPassword, PENDING)!;
    // A pending set-up is not a pending code.
    expect(
      (
        (await settle(() =>
          codeLoader({
            request: getRequest("/inloggen/code", { cookie: pending }),
            context: contextFor(production),
            params: {},
          }),
        )) as Response
      ).headers.get("Location"),
    ).toBe("/inloggen?opnieuw=1");

    const { secret, token, page } = shownSecret(await setupPage(production, pending));
    expect(page).toMatchObject({ required: true });
    expect(page.setup.uri).toBe(
      `otpauth://totp/Ombudsman%20Metropool%20Amsterdam:${encodeURIComponent(user.email)}?secret=${secret}&issuer=Ombudsman%20Metropool%20Amsterdam&algorithm=SHA1&digits=6&period=30`,
    );
    expect(page.setup.qr).toMatch(/^data:image\/svg\+xml;base64,/);

    const wrong = (await confirm(production, pending, {
      intent: "aanzetten",
      token,
      code: String((Number(currentCode(secret)) + 1) % 1_000_000).padStart(6, "0"),
    })) as Failure & {
      data: { setup: { key: string } };
    };
    expect(wrong.init.status).toBe(400);
    expect(wrong.data.errors.code).toMatch(/^Deze code is niet juist\./);
    expect(wrong.data.setup.key.replace(/ /g, "")).toBe(secret); // the same key stays on the page
    expect((await totpColumns(user.id)).secret).toBeNull();

    const done = (await confirm(production, pending, {
      intent: "aanzetten",
      token,
      code: currentCode(secret),
    })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/behandelaar");
    const session = cookieFrom(done, "oma_session")!;
    expect(await signedInAs(production, session)).toMatchObject({ id: user.id });
    const stored = await totpColumns(user.id);
    expect(stored).toMatchObject({ secret, lastStep: totpStep(clock) });
    expect(stored.enabledAt).toBeInstanceOf(Date);
    const actions = await auditActions(user.id);
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["login.setup_required", "totp.enabled", "login.succeeded"]),
    );
    expect(actions).toContainEqual({ action: "login.succeeded", details: { secondFactor: true } });

    // From now on the password leads to the code step, and the code cannot be turned off in production.
    expect(((await password(production, user.email, user.password)) as Response).headers.get("Location")).toBe(
      "/inloggen/code",
    );
    expect(await setupPage(production, session)).toMatchObject({ state: "enabled", canDisable: false });
    expect(((await confirm(production, session, { intent: "uitzetten" })) as Response).status).toBe(403);
    expect((await totpColumns(user.id)).secret).toBe(secret);
  });

  it("never trusts a posted secret that this page did not sign for this user", async () => {
    const user = await createUser(database.db, { role: "coordinator" });
    const pending = await pendingFor(production, user.email, user.password);
    const { token } = shownSecret(await setupPage(production, pending));
    const mine = generateSecret();
    const [, expires, signature] = token.split(".");
    const swapped = (await confirm(production, pending, {
      intent: "aanzetten",
      token: `${mine}.${expires}.${signature}`,
      code: currentCode(mine),
    })) as Failure;
    expect(swapped.init.status).toBe(400);
    expect(swapped.data.errors.code).toMatch(/^Deze pagina was te lang open\./);

    const someoneElse = await createUser(database.db, { role: "coordinator" });
    const theirs = shownSecret(
      await setupPage(production, await pendingFor(production, someoneElse.email, someoneElse.password)),
    );
    const borrowed = (await confirm(production, pending, {
      intent: "aanzetten",
      token: theirs.token,
      code: currentCode(theirs.secret),
    })) as Failure;
    expect(borrowed.data.errors.code).toMatch(/^Deze pagina was te lang open\./);
    expect((await totpColumns(user.id)).secret).toBeNull();
  });

  it("in production, a municipality officer cannot finish signing in without the second step", async () => {
    const officer = await createUser(database.db, { role: "municipality_officer", municipalityId: "zaanstad" });
    const afterPassword = (await password(production, officer.email, officer.password)) as Response;
    expect(afterPassword.headers.get("Location")).toBe("/account/tweede-stap");
    expect(cookieFrom(afterPassword, "oma_session")).toBeUndefined();
    const pending = cookieFrom(afterPassword, PENDING)!;
    expect(await signedInAs(production, pending)).toBeNull();
    const portal = (await settle(() =>
      municipalityHome({
        request: getRequest("/gemeente", { cookie: pending }),
        context: contextFor(production),
        params: {},
      }),
    )) as Response;
    expect(portal.headers.get("Location")).toBe("/inloggen?terug=%2Fgemeente");

    // With the code enrolled the password leads to the code, and only the code to the portal.
    const { secret, token } = shownSecret(await setupPage(production, pending));
    const done = (await confirm(production, pending, {
      intent: "aanzetten",
      token,
      code: currentCode(secret),
    })) as Response;
    expect(done.headers.get("Location")).toBe("/gemeente");
    clock += 30_000;
    try {
      const next = (await password(production, officer.email, officer.password)) as Response;
      expect(next.headers.get("Location")).toBe("/inloggen/code");
      expect(cookieFrom(next, "oma_session")).toBeUndefined();
      const signedIn = (await code(production, cookieFrom(next, PENDING), currentCode(secret))) as Response;
      expect(signedIn.headers.get("Location")).toBe("/gemeente");
      expect(await signedInAs(production, cookieFrom(signedIn, "oma_session"))).toMatchObject({
        id: officer.id,
        role: "municipality_officer",
      });
    } finally {
      clock -= 30_000;
    }
  });

  it("sends a visitor without a session or pending sign-in to the sign-in page", async () => {
    expect(((await setupPage(embedded, undefined)) as Response).headers.get("Location")).toBe(
      "/inloggen?terug=%2Faccount%2Ftweede-stap",
    );
  });

  it("in embedded mode, lets a signed-in user turn the code on with a right code and off again", async () => {
    const user = await createUser(database.db, { role: "coordinator" });
    const session = cookieFrom((await password(embedded, user.email, user.password)) as Response, "oma_session")!;
    const { secret, token, page } = shownSecret(await setupPage(embedded, session));
    expect(page).toMatchObject({ required: false });

    const wrong = (await confirm(embedded, session, { intent: "aanzetten", token, code: "" })) as Failure;
    expect(wrong.data.errors.code).toBe("Vul de code in uit uw authenticator-app.");
    const on = (await confirm(embedded, session, {
      intent: "aanzetten",
      token,
      code: currentCode(secret),
    })) as Response;
    expect(on.headers.get("Location")).toBe("/account/tweede-stap?aan=1");
    expect((await totpColumns(user.id)).secret).toBe(secret);
    expect(await setupPage(embedded, session)).toMatchObject({ state: "enabled", canDisable: true });
    // The code used to turn it on counts as used.
    expect(
      ((await code(embedded, await pendingFor(embedded, user.email, user.password), currentCode(secret))) as Failure)
        .init.status,
    ).toBe(400);

    const off = (await confirm(embedded, session, { intent: "uitzetten" })) as Response;
    expect(off.headers.get("Location")).toBe("/account/tweede-stap?uit=1");
    expect(await totpColumns(user.id)).toEqual({ secret: null, lastStep: null, enabledAt: null });
    expect((await auditActions(user.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(["totp.enabled", "totp.disabled"]),
    );
    const again = (await password(embedded, user.email, user.password)) as Response;
    expect(cookieFrom(again, "oma_session")).toBeDefined();
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.action, "totp.disabled")));
    expect(events[0]?.actorUserId).toBe(user.id);
  });
});
