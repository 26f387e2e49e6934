import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "#db/client";
import { migrate } from "#db/migrate";
import { seedReferenceData } from "#app/seed.server";
import { adminUrlFor, templateDatabaseName } from "./support/database-names";

/**
 * Migrates and seeds one template database per run. Each test file then starts from a
 * copy: a PGlite data-dir dump by default, or CREATE DATABASE … TEMPLATE on a server
 * when DATABASE_URL is set.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = templateDatabaseName();
    const admin = await openDatabase({ kind: "postgres", url: adminUrlFor(url), poolSize: 1 });
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
    const tpl = await openDatabase({ kind: "postgres", url: withDatabase(url, template), poolSize: 1 });
    await migrate(tpl);
    await seedReferenceData(tpl.db);
    await tpl.close();
    project.provide("databaseTemplate", { kind: "postgres", name: template });
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.close();
    };
  }

  const handle = await openDatabase({ kind: "pglite" });
  await migrate(handle);
  await seedReferenceData(handle.db);
  if (!handle.pglite) throw new Error("expected an embedded database");
  const dump = await handle.pglite.dumpDataDir("none");
  await handle.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-test-"));
  const file = path.join(dir, "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("databaseTemplate", { kind: "pglite", file });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate: { kind: "postgres"; name: string } | { kind: "pglite"; file: string };
  }
}
