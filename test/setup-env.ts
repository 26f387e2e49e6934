import { afterEach, vi } from "vitest";

// Tests run with the embedded defaults unless a test sets its own configuration.
process.env.NODE_ENV = "test";

afterEach(() => {
  vi.useRealTimers();
});
