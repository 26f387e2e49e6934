import type { Env } from "#app/config/env.server";
import type { SectionRequest } from "#app/i18n/catalogue.server";
import type { Database, DatabaseHandle } from "#db/client";
import type { Presigned, PresignRequest } from "#storage/s3-presign";
import type { ObjectStorage } from "#storage/types";

/** What loaders and actions reach through `context.services`; built once at start-up (or per test). */
export type Services = {
  env: Env;
  db: Database;
  database: DatabaseHandle;
  storage: ObjectStorage;
  /** Signs one browser request to the bucket; null when files are stored locally. */
  presign: ((request: PresignRequest) => Promise<Presigned>) | null;
  /** Asks the mail worker for an immediate pass after something was put in the outbox. */
  wakeMailWorker(): void;
  /** The current instant; tests fix it to check dates and deadlines. */
  now(): Date;
};

export type RequestContext = {
  requestId: string;
  cspNonce: string;
  csrfToken: string;
  clientIp: string | null;
  services: Services;
  /** The catalogue sections this request's page needs (app/http/page-sections.server.ts); absent means all. */
  pageSections?: readonly SectionRequest[] | "all";
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
