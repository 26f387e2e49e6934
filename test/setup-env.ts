import { afterEach, vi } from "vitest";
import { setLogLevel } from "#app/utils/logger.server";

// Tests run with the embedded defaults unless a test sets its own configuration.
process.env.NODE_ENV = "test";
// Expected failures (a dead SMTP server, a broken disk) log warnings; set LOG_LEVEL=info to see all.
setLogLevel((process.env.LOG_LEVEL as "debug" | "info" | "warn" | "error" | undefined) ?? "error");

afterEach(() => {
  vi.useRealTimers();
});
