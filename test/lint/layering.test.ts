import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "#db/project-root";

/**
 * The layering rules of eslint.config.js, run through ESLint's own API on small modules placed
 * (in name only) where they would live: a wrong import must fail the lint, a right one must pass.
 */

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: projectRoot() });
});

const LAYERING = "@typescript-eslint/no-restricted-imports";

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === LAYERING).map((m) => m.message);
}

describe("the layering lint rules", () => {
  it.each([
    [
      "app/intake/fixture.server.ts",
      'import { loader } from "#app/routes/klacht.gemeente";\nvoid loader;\n',
      /routes or components/,
    ],
    ["app/dossiers/fixture.ts", 'import { useState } from "react";\nvoid useState;\n', /no React/],
    ["app/uploads/fixture.server.ts", 'import { redirect } from "@remix-run/node";\nvoid redirect;\n', /result codes/],
    [
      "app/mail/fixture.server.ts",
      'import { messagesFor } from "#app/i18n/catalogue.server";\nvoid messagesFor;\n',
      /not words/,
    ],
    [
      "app/dossiers/fixture.ts",
      'import type { Messages } from "#app/i18n/catalogue.server";\nexport type T = Messages;\n',
      /not words/,
    ],
    ["app/intake/fixture.ts", 'import { stepPath } from "#app/routing/intake-paths";\nvoid stepPath;\n', /URLs/],
    [
      "app/portal/fixture.server.ts",
      'import { getDraft } from "#app/intake/drafts.server";\nvoid getDraft;\n',
      /unfinished drafts/,
    ],
    [
      "app/routes/gemeente.fixture.tsx",
      'import { getDraft } from "#app/intake/drafts.server";\nvoid getDraft;\n',
      /unfinished drafts/,
    ],
    ["db/fixture.ts", 'import { getEnv } from "#app/config/env.server";\nvoid getEnv;\n', /bottom layer/],
    ["storage/fixture.ts", 'import { logger } from "../app/utils/logger.server";\nvoid logger;\n', /bottom layer/],
    ["db/fixture.ts", 'import { createUser } from "#test/support/factories";\nvoid createUser;\n', /test code/],
  ])("refuses in %s: %s", async (filePath, code, message) => {
    const errors = await layeringErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    [
      "app/routes/klacht.fixture.tsx",
      'import { journey } from "#app/intake/journey";\nimport { stepPath } from "#app/routing/intake-paths";\nvoid journey;\nvoid stepPath;\n',
    ],
    [
      "app/intake/fixture.server.ts",
      'import { draftAttachments } from "#db/schema/index";\nimport type { Locale } from "#app/i18n/catalogue.server";\nvoid draftAttachments;\nexport type L = Locale;\n',
    ],
    [
      "app/intake/step.server.ts",
      'import { redirect } from "@remix-run/node";\nimport { stepPath } from "#app/routing/intake-paths";\nvoid redirect;\nvoid stepPath;\n',
    ],
    ["app/portal/fixture.server.ts", 'import { dossiers } from "#db/schema/index";\nvoid dossiers;\n'],
    ["storage/fixture.ts", 'import type { StorageConfig } from "./types";\nexport type C = StorageConfig;\n'],
    ["db/cli/fixture.ts", 'import { getEnv } from "#app/config/env.server";\nvoid getEnv;\n'],
  ])("lets %s import what its layer may", async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).toEqual([]);
  });

  it("still keeps React and routes out of the edge modules that may use Remix and the catalogue", async () => {
    const errors = await layeringErrors(
      "app/intake/step.server.ts",
      'import { Link } from "@remix-run/react";\nvoid Link;\n',
    );
    expect(errors).toEqual([expect.stringMatching(/no React/)]);
  });
});
