import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv, type Env } from "#app/config/env.server";
import { CSRF_COOKIE, CSRF_FIELD, csrfTokenFor } from "#app/security/csrf.server";
import type { RequestContext, Services } from "#app/utils/services.server";
import { createLocalStorage } from "#storage/local";
import type { ObjectStorage } from "#storage/types";
import type { TestDatabase } from "./database";

export const BASE_URL = "http://localhost:3000";
const CSRF_SEED = "test-csrf-seed";

/**
 * The settings production refuses to start without (placeholders; nothing is contacted), for
 * services that behave as in production: TOTP required for every role, Secure cookies, no demo sign-ins.
 */
export const PRODUCTION_ENV: Record<string, string> = {
  NODE_ENV: "production",
  SESSION_SECRET: "production-test-secret-with-at-least-32-characters",
  TOTP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  DATABASE_URL: "postgres://app@db.example:5432/oma",
  PUBLIC_URL: "https://klachten.example",
  STORAGE_DRIVER: "local",
  STORAGE_DIR: "files",
  SMTP_HOST: "smtp.example",
  MAIL_FROM: "Ombudsman <noreply@example.test>",
  OMBUDSMAN_POSTAL_ADDRESS: "Postbus 202, 1000 AE Amsterdam",
};

/** Services for calling loaders and actions directly: the test's database, a temp folder for files. */
export function createTestServices(
  database: TestDatabase,
  overrides: {
    env?: Record<string, string>;
    storage?: ObjectStorage;
    now?: () => Date;
    presign?: Services["presign"];
  } = {},
): Services & { cleanup(): void; wakeCount: () => number } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-app-"));
  const env: Env = parseEnv({ NODE_ENV: "test", DATA_DIR: dataDir, ...overrides.env });
  let wakes = 0;
  return {
    env,
    db: database.db,
    database,
    storage: overrides.storage ?? createLocalStorage(path.join(dataDir, "files")),
    presign: overrides.presign ?? null,
    wakeMailWorker: () => {
      wakes++;
    },
    wakeCount: () => wakes,
    now: overrides.now ?? (() => new Date()),
    cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

export function contextFor(services: Services, clientIp = "203.0.113.7"): RequestContext {
  return {
    requestId: "test-request",
    cspNonce: "test-nonce",
    csrfToken: csrfTokenFor(CSRF_SEED, services.env.sessionSecret),
    clientIp,
    services,
  };
}

type RequestOptions = { cookie?: string; headers?: Record<string, string> };

export function getRequest(pathname: string, options: RequestOptions = {}): Request {
  return new Request(new URL(pathname, BASE_URL), { headers: cookieHeaders(options) });
}

/** A form post as the browser sends it, with a valid CSRF cookie and token unless told otherwise. */
export function postForm(
  pathname: string,
  services: Services,
  fields: Record<string, string | string[]>,
  options: RequestOptions & { csrf?: boolean } = {},
): Request {
  const body = new URLSearchParams();
  if (options.csrf !== false) body.set(CSRF_FIELD, csrfTokenFor(CSRF_SEED, services.env.sessionSecret));
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  const headers = cookieHeaders(options);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(new URL(pathname, BASE_URL), { method: "POST", body, headers });
}

function cookieHeaders(options: RequestOptions): Headers {
  const headers = new Headers(options.headers);
  headers.set("Cookie", [`${CSRF_COOKIE}=${CSRF_SEED}`, options.cookie].filter(Boolean).join("; "));
  return headers;
}

/** The name=value part of a Set-Cookie header, to send back on the next request. */
export function cookieFrom(response: Response, name: string): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    if (pair?.startsWith(`${name}=`)) return pair;
  }
  return undefined;
}

/** Runs a loader or action and returns what it threw or returned as a Response when it is one. */
export async function settle<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
