import { describe, expect, it } from "vitest";
import { readAhead } from "./read-ahead";

const KB = 1024;

/** A source of `count` chunks of `size` bytes (chunk i filled with i % 256), recording how far it was read. */
function source(count: number, size: number, { failAt }: { failAt?: number } = {}) {
  const state = { pulled: 0, returned: false };
  const iterable: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]() {
      return {
        async next() {
          await new Promise((resolve) => setImmediate(resolve));
          if (failAt !== undefined && state.pulled === failAt) throw new Error("connection reset");
          if (state.pulled >= count) return { done: true, value: undefined };
          state.pulled++;
          return { done: false, value: new Uint8Array(size).fill((state.pulled - 1) % 256) };
        },
        async return() {
          state.returned = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { iterable, state };
}

describe("readAhead", () => {
  it("hands on every byte in order, in batches of at least sliceBytes but the last", async () => {
    const { iterable } = source(50, 10 * KB);
    const slices: Buffer[] = [];
    for await (const batch of readAhead(iterable, { sliceBytes: 64 * KB, maxQueued: 128 * KB }))
      slices.push(Buffer.concat(batch));
    const all = Buffer.concat(slices);
    expect(all.length).toBe(500 * KB);
    for (let i = 0; i < 50; i++) expect(all[i * 10 * KB]).toBe(i % 256);
    expect(slices.slice(0, -1).every((s) => s.length >= 64 * KB)).toBe(true);
    expect(slices.length).toBeLessThan(10);
  });

  it("reads ahead while the consumer is busy, but never more than maxQueued", async () => {
    const { iterable, state } = source(100, 16 * KB);
    const it = readAhead(iterable, { sliceBytes: 32 * KB, maxQueued: 64 * KB });
    await it.next();
    // The consumer is "writing": the reader keeps going, up to the limit.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const queuedChunks = state.pulled - 2;
    expect(queuedChunks).toBeGreaterThanOrEqual(4);
    expect(queuedChunks * 16 * KB).toBeLessThanOrEqual(64 * KB + 16 * KB);
    await it.return(undefined);
  });

  it("throws the source's error to the consumer", async () => {
    const { iterable } = source(100, 16 * KB, { failAt: 10 });
    const consume = async () => {
      for await (const _ of readAhead(iterable, { sliceBytes: 32 * KB, maxQueued: 64 * KB })) void _;
    };
    await expect(consume()).rejects.toThrow("connection reset");
  });

  it("cancels the source when the consumer stops early (a limit crossed)", async () => {
    const { iterable, state } = source(1000, 16 * KB);
    let seen = 0;
    for await (const batch of readAhead(iterable, { sliceBytes: 32 * KB, maxQueued: 64 * KB })) {
      seen += batch.reduce((sum, chunk) => sum + chunk.length, 0);
      if (seen > 100 * KB) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.returned).toBe(true);
    expect(state.pulled).toBeLessThan(20);
  });
});
