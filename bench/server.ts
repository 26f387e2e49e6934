import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";

export type BuiltServerOptions = {
  port: number;
  /** Node flags for the server (the `npm run serve` flags, or a profiler's). */
  nodeArgs?: readonly string[];
  /** Settings on top of the production ones every benchmark needs; they win. */
  env: Record<string, string>;
  /** The server's own output: shown when profiling or tracing, dropped otherwise. */
  showOutput?: boolean;
};

/**
 * Starts `build/index.js` in production mode, as a deployment runs it, and waits for `/readyz`.
 * Every setting production requires is filled in (a session secret, the TOTP key, mail), with the
 * mail worker and the periodic jobs off: they would run in the middle of a measurement.
 */
export async function startBuiltServer({
  port,
  nodeArgs = [],
  env,
  showOutput = false,
}: BuiltServerOptions): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, "build/index.js"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: base,
      SESSION_SECRET: randomBytes(32).toString("hex"),
      TOTP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      SMTP_HOST: "127.0.0.1",
      MAIL_FROM: "bench@example.nl",
      OMBUDSMAN_POSTAL_ADDRESS: "Postbus 202, 1000 AE Amsterdam",
      MAIL_WORKER: "false",
      HOUSEKEEPING: "false",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", showOutput ? "inherit" : "ignore", "inherit"],
  });
  let exited = false;
  child.once("exit", () => (exited = true));
  for (let i = 0; i < 300 && !exited; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error("the server did not start");
}
