/**
 * Reads a body ahead of whoever writes it away, and hands it on in batches.
 *
 * Remix gives an action the body as a web ReadableStream whose queue holds 16 KB: the socket is
 * paused as soon as one chunk waits, and resumed only when the next is asked for. Written to disk
 * chunk by chunk (each write awaited before the next read), receiving and writing take turns
 * instead of overlapping, and every 64 KB costs a write and several promise hops. Here a reader
 * keeps pulling while the consumer writes (at most `maxQueued` bytes waiting), and the consumer
 * gets batches of at least `sliceBytes` (but the last): the chunks as they arrived, not copied,
 * for one `writev` each. Memory stays bounded by the two, about 1.3 MB per body.
 *
 * When the consumer stops early (a limit crossed, a write failed), the source is cancelled, which
 * destroys the request stream; an error of the source is thrown to the consumer at once, and what
 * was queued is dropped (the write failed anyway).
 */
export async function* readAhead(
  source: AsyncIterable<Uint8Array | string>,
  { sliceBytes = 256 * 1024, maxQueued = 1024 * 1024 }: { sliceBytes?: number; maxQueued?: number } = {},
): AsyncGenerator<Buffer[], void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let stopped = false;
  let failure: { error: unknown } | null = null;
  let wakeConsumer: (() => void) | null = null;
  let wakeReader: (() => void) | null = null;
  const wake = (which: "consumer" | "reader") => {
    const fn = which === "consumer" ? wakeConsumer : wakeReader;
    if (which === "consumer") wakeConsumer = null;
    else wakeReader = null;
    fn?.();
  };

  const reader = (async () => {
    try {
      for (;;) {
        while (queued >= maxQueued && !stopped) await new Promise<void>((resolve) => (wakeReader = resolve));
        if (stopped) return;
        const next = await iterator.next();
        if (next.done || stopped) return;
        const chunk = toBuffer(next.value);
        queue.push(chunk);
        queued += chunk.length;
        if (queued >= sliceBytes) wake("consumer");
      }
    } catch (error) {
      failure = { error };
    } finally {
      ended = true;
      wake("consumer");
    }
  })();

  try {
    for (;;) {
      while (!failure && !ended && queued < sliceBytes) await new Promise<void>((resolve) => (wakeConsumer = resolve));
      if (failure) throw (failure as { error: unknown }).error;
      if (queued === 0) return;
      // The chunks as they came: no copy (a writev takes them as they are).
      const batch = queue;
      queue = [];
      queued = 0;
      wake("reader");
      yield batch;
    }
  } finally {
    stopped = true;
    queue = [];
    wake("reader");
    // Cancels the body, which destroys the request stream. Not awaited: with a read still pending,
    // the cancel waits for it, and a client that stopped sending must not hold the response back.
    if (!ended) void iterator.return?.().catch(() => undefined);
    void reader;
  }
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
