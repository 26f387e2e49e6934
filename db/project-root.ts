import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/**
 * The folder that holds package.json. Code runs from app/, db/, test/ or, once built, from
 * build/index.js; walking up from this module finds the same root in every case. In db/, the
 * lowest layer, because the migrations need it too and db/ imports nothing from app/.
 */
export function projectRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("package.json not found above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  root = dir;
  return root;
}
