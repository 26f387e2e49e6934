import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { projectRoot } from "#db/project-root";

/**
 * A script of test/support in a process of its own (a mail worker, a reminder run), for the
 * tests that run several against one PostgreSQL database. A script started with --wait-for-go
 * prints "ready" once connected and starts when `go()` sends it a line, so several start at once.
 */
export type ScriptProcess = {
  ready: Promise<void>;
  go(): void;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
};

export function startScriptProcess(script: string, args: string[]): ScriptProcess {
  const file = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
    cwd: projectRoot(),
    env: process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes("ready\n")) markReady();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (code) => {
      markReady();
      resolve({ code, stdout, stderr });
    });
  });
  return { ready, go: () => child.stdin.end("go\n"), done };
}
