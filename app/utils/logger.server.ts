import { AsyncLocalStorage } from "node:async_hooks";

type Level = "debug" | "info" | "warn" | "error";
const rank: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

type RequestContext = { requestId: string };
const requestContext = new AsyncLocalStorage<RequestContext>();

let threshold = rank.info;

export function setLogLevel(level: Level | "silent"): void {
  threshold = rank[level];
}

/** Runs fn with a request id that every log line written inside it carries. */
export function withRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return requestContext.run(ctx, fn);
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

function serialiseError(err: unknown, depth = 0): Record<string, unknown> {
  if (err instanceof Error) {
    const out: Record<string, unknown> = { name: err.name, message: err.message, stack: err.stack };
    // Drivers wrap the database's own error (with its code and detail) as the cause.
    if (err.cause !== undefined && depth < 3) out.cause = serialiseError(err.cause, depth + 1);
    for (const key of ["code", "detail", "constraint_name", "constraint"] as const) {
      const value = (err as unknown as Record<string, unknown>)[key];
      if (typeof value === "string") out[key] = value;
    }
    return out;
  }
  return { value: String(err) };
}

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  if (rank[level] < threshold) return;
  const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg };
  const requestId = currentRequestId();
  if (requestId) entry.requestId = requestId;
  if (fields) {
    for (const [key, value] of Object.entries(fields)) {
      entry[key] = key === "err" || value instanceof Error ? serialiseError(value) : value;
    }
  }
  const line = JSON.stringify(entry) + "\n";
  if (level === "error" || level === "warn") process.stderr.write(line);
  else process.stdout.write(line);
}

export const logger = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
