import net from "node:net";

/**
 * A client for clamd over TCP: INSTREAM to scan a file as it is read, PING for health checks.
 * Anything short of a clear verdict throws, so that a caller can only ever mistake a failure
 * for "not verified", never for "clean".
 */

export type ClamdOptions = {
  host: string;
  port: number;
  /** The longest the scan may go without progress: connecting, sending, or waiting for the verdict. */
  timeoutMs?: number;
};

export type ClamdVerdict = { clean: true } | { clean: false; signature: string };

export type ClamdFailure = "connection" | "timeout" | "size_limit" | "scanner_error" | "protocol";

export class ClamdError extends Error {
  override name = "ClamdError";
  constructor(
    message: string,
    readonly reason: ClamdFailure,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** clamd reads a stream in chunks of at most this many bytes, each behind its length. */
export const CLAMD_CHUNK_BYTES = 64 * 1024;
const MAX_REPLY_BYTES = 4096;
const STOP = Symbol("stop");

/**
 * Sends `source` to clamd with zINSTREAM and returns its verdict. The source is read one chunk
 * at a time and only as fast as clamd takes it; when clamd answers early (its StreamMaxLength
 * reached) or the connection fails, reading stops and the iterator is closed.
 */
export async function scanWithClamd(
  source: AsyncIterable<Uint8Array> | NodeJS.ReadableStream,
  { host, port, timeoutMs = 30_000 }: ClamdOptions,
): Promise<ClamdVerdict> {
  const conn = connect(host, port, timeoutMs);
  try {
    await conn.connected;
    conn.socket.write("zINSTREAM\0");
    const complete = await sendStream(conn, source as AsyncIterable<Uint8Array | string>);
    return verdict(await conn.reply, complete);
  } finally {
    conn.socket.destroy();
  }
}

/** Resolves when clamd answers PING with PONG; throws a ClamdError otherwise. */
export async function pingClamd({ host, port, timeoutMs = 5_000 }: ClamdOptions): Promise<void> {
  const conn = connect(host, port, timeoutMs);
  try {
    await conn.connected;
    conn.socket.write("zPING\0");
    const reply = (await conn.reply).trim();
    if (reply !== "PONG")
      throw new ClamdError(`clamd answered PING with ${JSON.stringify(reply.slice(0, 200))}`, "protocol");
  } finally {
    conn.socket.destroy();
  }
}

type Connection = {
  socket: net.Socket;
  connected: Promise<void>;
  /** clamd's reply up to its NUL terminator; rejects on a connection error, a timeout or a close without reply. */
  reply: Promise<string>;
  /** Settles, never rejecting, as soon as `reply` does. */
  ended: Promise<typeof STOP>;
  isEnded: () => boolean;
};

function connect(host: string, port: number, timeoutMs: number): Connection {
  const socket = net.createConnection({ host, port });
  const where = `clamd at ${host}:${port}`;
  let ended = false;
  let settle!: (outcome: { reply: string } | { error: ClamdError }) => void;
  const outcome = new Promise<{ reply: string } | { error: ClamdError }>((resolve) => (settle = resolve));
  const finish = (result: { reply: string } | { error: ClamdError }) => {
    if (ended) return;
    ended = true;
    socket.setTimeout(0);
    settle(result);
  };

  const received: Buffer[] = [];
  let size = 0;
  const text = () => Buffer.concat(received).toString("utf8");
  socket.on("data", (data: Buffer) => {
    if (ended) return;
    const nul = data.indexOf(0);
    const part = nul >= 0 ? data.subarray(0, nul) : data;
    received.push(part);
    size += part.length;
    if (nul >= 0) finish({ reply: text() });
    else if (size > MAX_REPLY_BYTES)
      finish({ error: new ClamdError(`${where} sent a reply of over ${MAX_REPLY_BYTES} bytes`, "protocol") });
  });
  // An orderly close after a complete message without its terminator still counts as the reply.
  socket.on("end", () =>
    finish(
      size > 0
        ? { reply: text() }
        : { error: new ClamdError(`${where} closed the connection without a reply`, "connection") },
    ),
  );
  socket.on("error", (err) => {
    const partial = size > 0 ? ` after ${JSON.stringify(text().slice(0, 200))}` : "";
    finish({ error: new ClamdError(`${where}: ${err.message}${partial}`, "connection", { cause: err }) });
  });
  socket.on("close", () =>
    finish({ error: new ClamdError(`${where} closed the connection without a reply`, "connection") }),
  );
  socket.setTimeout(timeoutMs, () => {
    finish({ error: new ClamdError(`${where} made no progress for ${timeoutMs} ms`, "timeout") });
    socket.destroy();
  });

  const reply = outcome.then((o) => ("error" in o ? Promise.reject(o.error) : o.reply));
  // Awaited later, or never when connecting fails first; the rejection is not lost, only not reported twice.
  reply.catch(() => undefined);
  const connected = new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    void outcome.then((o) =>
      reject("error" in o ? o.error : new ClamdError(`${where} spoke before it was asked`, "protocol")),
    );
  });
  connected.catch(() => undefined);
  return { socket, connected, reply, ended: outcome.then(() => STOP), isEnded: () => ended };
}

/**
 * Frames the source as INSTREAM chunks and sends the terminating empty chunk. Returns false
 * when clamd's side ended first, so that the stream was not sent in full.
 */
async function sendStream(conn: Connection, source: AsyncIterable<Uint8Array | string>): Promise<boolean> {
  const iterator = source[Symbol.asyncIterator]();
  let complete = false;
  try {
    for (;;) {
      const next = iterator.next();
      // If clamd ends first, this read is abandoned; its failure then has nobody to tell.
      next.catch(() => undefined);
      const step = await Promise.race([next, conn.ended]);
      if (step === STOP) return false;
      if (step.done) break;
      const chunk = bytesOf(step.value);
      for (let at = 0; at < chunk.length; at += CLAMD_CHUNK_BYTES) {
        if (!(await writeFrame(conn, chunk.subarray(at, at + CLAMD_CHUNK_BYTES)))) return false;
      }
    }
    if (conn.isEnded()) return false;
    // The empty chunk ends the stream. No waiting for the socket to drain: clamd may answer, and close, at once.
    conn.socket.write(Buffer.alloc(4));
    complete = true;
    return true;
  } finally {
    // Not awaited: an async generator only returns after the read that is still pending.
    if (!complete) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}

/** Writes one length-prefixed chunk and waits for the socket to take more; false when clamd's side has ended. */
async function writeFrame(conn: Connection, piece: Uint8Array): Promise<boolean> {
  if (conn.isEnded()) return false;
  const { socket } = conn;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(piece.length);
  socket.cork();
  socket.write(length);
  const more = socket.write(piece);
  socket.uncork();
  if (more) return !conn.isEnded();
  let onDrain!: () => void;
  const drained = new Promise<"drain">((resolve) => (onDrain = () => resolve("drain")));
  socket.once("drain", onDrain);
  try {
    return (await Promise.race([drained, conn.ended])) === "drain";
  } finally {
    socket.off("drain", onDrain);
  }
}

function bytesOf(value: Uint8Array | string): Uint8Array {
  // Text would have to be encoded again, and the scan would not see the file's own bytes.
  if (typeof value === "string")
    throw new TypeError("scanWithClamd needs a byte stream; the stream has an encoding set");
  return value;
}

function verdict(reply: string, complete: boolean): ClamdVerdict {
  const text = reply.trim();
  if (/size limit exceeded/i.test(text)) throw new ClamdError(`clamd refused the file: ${text}`, "size_limit");
  if (/ ERROR$/.test(text)) throw new ClamdError(`clamd could not scan the file: ${text}`, "scanner_error");
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { clean: false, signature: found[1]! };
  // An OK for less than the whole file says nothing about the rest.
  if (text === "stream: OK" && complete) return { clean: true };
  throw new ClamdError(`unexpected reply from clamd: ${JSON.stringify(text.slice(0, 200))}`, "protocol");
}
