import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountError, addAccount } from "#app/auth/accounts.server";
import { getUser } from "#app/auth/session.server";
import { openTotpSecret, totpKeyring } from "#app/auth/totp-secrets.server";
import { totpCode, totpStep } from "#app/auth/totp.server";
import { action as loginAction } from "#app/routes/inloggen";
import { action as codeAction } from "#app/routes/inloggen_.code";
import { openDatabase } from "#db/client";
import { auditEvents, users } from "#db/schema/index";
import {
  PRODUCTION_ENV,
  contextFor,
  cookieFrom,
  createTestServices,
  getRequest,
  postForm,
  settle,
} from "#test/support/app";
import { createTestDatabase, type TestDatabase } from "#test/support/database";

type Services = ReturnType<typeof createTestServices>;

let database: TestDatabase;
/** Production mode: staff need the second factor. */
let production: Services;
const clock = Date.now();

beforeAll(async () => {
  database = await createTestDatabase();
  production = createTestServices(database, {
    now: () => new Date(clock),
    env: PRODUCTION_ENV,
  });
});
afterAll(async () => {
  production.cleanup();
  await database.destroy();
});

const made = (input: Parameters<typeof addAccount>[1]) =>
  addAccount(database.db, input, { keyring: totpKeyring(production.env.totpEncryption), now: new Date(clock) });

async function signIn(email: string, password: string) {
  const request = postForm("/inloggen", production, { email, password });
  return (await settle(() => loginAction({ request, context: contextFor(production), params: {} }))) as Response;
}

async function enterCode(pending: string | undefined, code: string) {
  const request = postForm("/inloggen/code", production, { code }, { cookie: pending });
  return (await settle(() => codeAction({ request, context: contextFor(production), params: {} }))) as Response;
}

describe("accounts made by an administrator", () => {
  it("gives a case handler a password and an enrolled second factor: the first sign-in asks for the code, never to set one up", async () => {
    const account = await made({ email: " Noor.Bakker@Ombudsman.Example ", name: "Noor Bakker", role: "case_handler" });
    expect(account.email).toBe("noor.bakker@ombudsman.example");
    expect(account.password.length).toBeGreaterThanOrEqual(24);
    expect(account.totp?.uri).toMatch(
      /^otpauth:\/\/totp\/Ombudsman%20Metropool%20Amsterdam:noor\.bakker%40ombudsman\.example\?secret=[A-Z2-7]+&/,
    );

    const [stored] = await database.db.select().from(users).where(eq(users.id, account.id));
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored!.passwordHash).not.toContain(account.password);

    const afterPassword = await signIn(account.email, account.password);
    expect(afterPassword.headers.get("Location")).toBe("/inloggen/code");
    const signedIn = await enterCode(
      cookieFrom(afterPassword, "oma_login_pending"),
      totpCode(account.totp!.secret, totpStep(clock)),
    );
    expect(signedIn.status).toBe(302);
    const session = cookieFrom(signedIn, "oma_session");
    expect(await getUser(getRequest("/behandelaar", { cookie: session }), contextFor(production))).toMatchObject({
      id: account.id,
      role: "case_handler",
    });

    const [created] = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, account.id));
    expect(created).toMatchObject({
      action: "account.created",
      actorUserId: null,
      details: { email: account.email, role: "case_handler", municipality: null, totp: true },
    });
  });

  it("does not accept a code from before the account existed", async () => {
    const account = await made({ email: "early@ombudsman.example", name: "Early Bird", role: "coordinator" });
    const pending = cookieFrom(await signIn(account.email, account.password), "oma_login_pending");
    const stale = (await enterCode(pending, totpCode(account.totp!.secret, totpStep(clock) - 1))) as unknown as {
      init: { status: number };
    };
    expect(stale.init.status).toBe(400);
    // The code of the account's own first step still works.
    expect((await enterCode(pending, totpCode(account.totp!.secret, totpStep(clock)))).status).toBe(302);
  });

  it("binds a municipality officer to an existing municipality and enrols the second factor, which production asks for", async () => {
    const account = await made({
      email: "klachten@zaanstad.example",
      name: "Els de Wit",
      role: "municipality_officer",
      municipality: "zaanstad",
    });
    expect(account.totp?.uri).toMatch(/^otpauth:\/\/totp\//);
    const [stored] = await database.db
      .select({ municipalityId: users.municipalityId })
      .from(users)
      .where(eq(users.id, account.id));
    expect(stored!.municipalityId).toBe("zaanstad");

    const afterPassword = await signIn(account.email, account.password);
    expect(afterPassword.headers.get("Location")).toBe("/inloggen/code");
    expect(cookieFrom(afterPassword, "oma_session")).toBeUndefined();
    const signedIn = await enterCode(
      cookieFrom(afterPassword, "oma_login_pending"),
      totpCode(account.totp!.secret, totpStep(clock)),
    );
    expect(signedIn.headers.get("Location")).toBe("/gemeente");
    expect(
      await getUser(getRequest("/gemeente", { cookie: cookieFrom(signedIn, "oma_session") }), contextFor(production)),
    ).toMatchObject({ id: account.id });
  });

  it("stores the authenticator secret encrypted, bound to the account, never as the secret itself", async () => {
    const account = await made({ email: "sealed@ombudsman.example", name: "Sealed Secret", role: "coordinator" });
    const [row] = await database.db
      .select({ id: users.id, stored: users.totpSecret })
      .from(users)
      .where(eq(users.id, account.id));
    const stored = row!.stored!;
    expect(stored).not.toContain(account.totp!.secret);
    expect(stored).toMatch(/^v1\.[\w-]{8}\.[\w-]+\.[\w-]+$/);
    const keyring = totpKeyring(production.env.totpEncryption);
    expect(openTotpSecret(keyring, account.id, stored)?.secret).toBe(account.totp!.secret);
    // Copied onto another account, the value opens for nobody.
    const other = await made({ email: "other-sealed@ombudsman.example", name: "Other Account", role: "coordinator" });
    expect(openTotpSecret(keyring, other.id, stored)).toBeNull();
  });

  it("names every problem with the input, and makes nothing", async () => {
    const before = (await database.db.select({ id: users.id }).from(users)).length;
    const refused = (input: Parameters<typeof addAccount>[1]) =>
      made(input).then(
        () => "created",
        (err: unknown) => err,
      );

    const many = await refused({ email: "not-an-address", name: "X", role: "municipality_officer" });
    expect(many).toBeInstanceOf(AccountError);
    expect((many as AccountError).message).toMatch(
      /^email: .+; name: .+; municipality: a municipality officer belongs to one municipality/,
    );
    expect(String(await refused({ email: "a@b.example", name: "Ann", role: "admin" as never }))).toMatch(
      /role: one of case_handler, coordinator, municipality_officer/,
    );
    expect(
      String(await refused({ email: "a@b.example", name: "Ann", role: "coordinator", municipality: "amsterdam" })),
    ).toMatch(/only a municipality officer belongs to a municipality/);
    expect(
      String(
        await refused({ email: "a@b.example", name: "Ann", role: "municipality_officer", municipality: "utrecht" }),
      ),
    ).toMatch(/no municipality with id "utrecht"/);
    expect(
      String(await refused({ email: "NOOR.BAKKER@ombudsman.example", name: "Noor", role: "coordinator" })),
    ).toMatch(/an account for noor\.bakker@ombudsman\.example exists already/);

    expect((await database.db.select({ id: users.id }).from(users)).length).toBe(before);
  });
});

describe("npm run account:add", () => {
  it("prints the password and the authenticator secret once, also for an officer, and refuses bad input with exit code 2", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-account-cli-"));
    const run = (args: string[], script = "db/cli/add-account.ts", extraEnv: Record<string, string> = {}) =>
      promisify(execFile)(process.execPath, ["--import", "tsx", script, ...args], {
        env: { PATH: process.env.PATH, NODE_ENV: "development", DATA_DIR: dir, LOG_LEVEL: "warn", ...extraEnv },
      });
    try {
      const made = await run(["--email", "sam@ombudsman.example", "--name", "Sam de Vries", "--role", "coordinator"]);
      expect(made.stdout).toMatch(
        /^account sam@ombudsman\.example \(coordinator\) created\npassword: \S{24}\nauthenticator secret: ([A-Z2-7]{4} ?)+\nauthenticator address: otpauth:\/\/totp\//,
      );
      const officer = await run([
        "--email",
        "els@zaanstad.example",
        "--name",
        "Els de Wit",
        "--role",
        "municipality_officer",
        "--municipality",
        "zaanstad",
      ]);
      expect(officer.stdout).toMatch(
        /^account els@zaanstad\.example \(municipality_officer\) created\npassword: \S{24}\nauthenticator secret: ([A-Z2-7]{4} ?)+\n/,
      );

      const failed = await run(["--email", "sam@ombudsman.example", "--name", "Sam", "--role", "coordinator"]).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      expect(failed?.code).toBe(2);
      expect(failed?.stderr).toBe("account not created: email: an account for sam@ombudsman.example exists already\n");

      // A new key: the command moves both secrets to it.
      const rotated = await run([], "db/cli/reencrypt-totp.ts", {
        TOTP_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
      });
      expect(rotated.stdout).toMatch(/^key [\w-]{8}: 2 re-encrypted, 0 already current, 0 unreadable\n$/);

      // The accounts are in the embedded database the app would open.
      const handle = await openDatabase({ kind: "pglite", dir: path.join(dir, "pglite") });
      try {
        const rows = await handle.db
          .select({ role: users.role, totp: users.totpEnabledAt })
          .from(users)
          .where(eq(users.email, "sam@ombudsman.example"));
        expect(rows).toHaveLength(1);
        expect(rows[0]!.totp).not.toBeNull();
        expect(
          await handle.db.select({ id: users.id }).from(users).where(eq(users.email, "els@zaanstad.example")),
        ).toHaveLength(1);
      } finally {
        await handle.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
