import { describe, expect, it } from "vitest";
import { createReplyTracker, type ReplyTracker } from "./reply-tracker";

function message(type: string, body: Uint8Array | string = new Uint8Array()): Uint8Array {
  const payload = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const out = new Uint8Array(5 + payload.length);
  out[0] = type.charCodeAt(0);
  new DataView(out.buffer).setInt32(1, 4 + payload.length);
  out.set(payload, 5);
  return out;
}

function untyped(code: number, body: Uint8Array = new Uint8Array()): Uint8Array {
  const out = new Uint8Array(8 + body.length);
  new DataView(out.buffer).setInt32(0, 8 + body.length);
  new DataView(out.buffer).setInt32(4, code);
  out.set(body, 8);
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const STARTUP = untyped(196608, new TextEncoder().encode("user\0app\0database\0oma\0\0"));
const READY = message("Z", "I");
const SERVER_HELLO = concat(
  message("R", new Uint8Array(4)),
  message("S", "TimeZone\0UTC\0"),
  message("K", new Uint8Array(8)),
  READY,
);
const EXTENDED_QUERY = concat(
  message("P", "\0select 1\0\0\0"),
  message("B", new Uint8Array(10)),
  message("D", "P\0"),
  message("E", "\0\0\0\0\0"),
  message("S"),
);
const RESULT = concat(
  message("1"),
  message("2"),
  message("T", new Uint8Array(20)),
  message("D", new Uint8Array(12)),
  message("C", "SELECT 1\0"),
  READY,
);

/** Feeds bytes one at a time, as a connection may deliver them. */
function trickle(feed: (chunk: Uint8Array) => void, bytes: Uint8Array) {
  for (let i = 0; i < bytes.length; i++) feed(bytes.subarray(i, i + 1));
}

function connected(): ReplyTracker {
  const t = createReplyTracker();
  t.sent(STARTUP);
  t.received(SERVER_HELLO);
  return t;
}

describe("reply tracker", () => {
  it("owes an answer from the start-up message until the server is ready", () => {
    const t = createReplyTracker();
    expect(t.waiting).toBe(false);
    t.sent(STARTUP);
    expect(t.waiting).toBe(true);
    t.received(SERVER_HELLO.subarray(0, SERVER_HELLO.length - 1));
    expect(t.waiting).toBe(true);
    t.received(SERVER_HELLO.subarray(SERVER_HELLO.length - 1));
    expect(t.waiting).toBe(false);
  });

  it("waits from a query's Sync to its ReadyForQuery, however the bytes are split", () => {
    const t = connected();
    trickle((c) => t.sent(c), EXTENDED_QUERY);
    expect(t.waiting).toBe(true);
    trickle((c) => t.received(c), RESULT.subarray(0, RESULT.length - 6));
    expect(t.waiting).toBe(true);
    trickle((c) => t.received(c), RESULT.subarray(RESULT.length - 6));
    expect(t.waiting).toBe(false);
  });

  it("keeps waiting for the second of two pipelined queries after the first is answered", () => {
    const t = connected();
    t.sent(concat(EXTENDED_QUERY, message("Q", "select 2\0")));
    t.received(RESULT);
    expect(t.waiting).toBe(true);
    t.received(
      concat(message("T", new Uint8Array(20)), message("D", new Uint8Array(12)), message("C", "SELECT 1\0"), READY),
    );
    expect(t.waiting).toBe(false);
  });

  it("is not fooled by row data that looks like a ReadyForQuery", () => {
    const t = connected();
    t.sent(message("Q", "select 'Z'\0"));
    t.received(message("D", READY));
    expect(t.waiting).toBe(true);
    t.received(concat(message("C", "SELECT 1\0"), READY));
    expect(t.waiting).toBe(false);
  });

  it("waits after a Flush until the statement is described", () => {
    const t = connected();
    t.sent(concat(message("P", "\0select $1\0\0\0"), message("D", "S\0"), message("H")));
    expect(t.waiting).toBe(true);
    t.received(concat(message("1"), message("t", new Uint8Array(6))));
    expect(t.waiting).toBe(true);
    t.received(message("T", new Uint8Array(20)));
    expect(t.waiting).toBe(false);
  });

  it("owes nothing to a cancel request, which the server answers by closing", () => {
    const t = createReplyTracker();
    t.sent(untyped(80877102, new Uint8Array(8)));
    expect(t.waiting).toBe(false);
  });

  it("reads the plain start-up after the server declines TLS", () => {
    const t = createReplyTracker();
    t.sent(untyped(80877103));
    expect(t.waiting).toBe(true);
    t.received(new Uint8Array([78]));
    expect(t.waiting).toBe(false);
    t.sent(STARTUP);
    t.received(SERVER_HELLO);
    expect(t.waiting).toBe(false);
    expect(t.opaque).toBe(false);
  });

  it("after TLS is accepted, only knows whether bytes went out after the last ones came in", () => {
    const t = createReplyTracker();
    t.sent(untyped(80877103));
    t.received(new Uint8Array([83]));
    expect(t.opaque).toBe(true);
    expect(t.waiting).toBe(false);
    t.sent(new Uint8Array([22, 3, 1, 0, 5]));
    expect(t.waiting).toBe(true);
    t.received(new Uint8Array([22, 3, 3, 0, 5]));
    expect(t.waiting).toBe(false);
  });
});
