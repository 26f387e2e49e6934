import type { IncomingMessage, ServerResponse } from "node:http";

/** What a body stream fails with once it passes its limit; the HTTP layer then answers 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

export function isBodyTooLarge(err: unknown): boolean {
  return err instanceof BodyTooLargeError || (err instanceof Error && err.name === "BodyTooLargeError");
}

/** Whether a request carries a body at all: chunked, or a declared length above zero. */
export function hasBody(req: IncomingMessage): boolean {
  if (req.headers["transfer-encoding"] !== undefined) return true;
  const declared = declaredLength(req);
  return declared !== null && declared > 0;
}

export function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers["content-length"];
  if (header === undefined) return null;
  const value = Number(header);
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/**
 * Reads a small body whole, but never more than `limit` bytes of it: past the limit the
 * request is left paused (the caller answers 413, then {@link drainAfterResponse} discards the rest).
 */
export function readWhole(req: IncomingMessage, limit: number): Promise<Buffer | "too_large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        chunks.length = 0;
        resolve("too_large");
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onClose = () => {
      cleanup();
      if (!req.complete) reject(new Error("client went away while sending the body"));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/**
 * A request body as a web stream for Remix, counted as it arrives. Past `limit` (when there is
 * one) the stream fails with {@link BodyTooLargeError} and stops taking bytes. Unlike Remix's own
 * conversion, cancelling it (a route that stops reading) never destroys the socket: the rest is
 * drained once the answer is out, so the client reads that answer instead of a reset.
 */
export class BodyStream {
  readonly stream: ReadableStream<Uint8Array>;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  private received = 0;
  private exceeded = false;
  private detached = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly limit: number | null,
  ) {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
          req.on("data", this.onData);
          req.once("end", this.onEnd);
          req.once("error", this.onError);
          req.once("close", this.onClose);
        },
        pull: () => {
          if (!this.detached) req.resume();
        },
        cancel: () => this.detach(),
      },
      // Backpressure: about as much as one socket read ahead of the reader.
      { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
    );
  }

  get tooLarge(): boolean {
    return this.exceeded;
  }

  /** Stops feeding the stream; the request's remaining bytes are then someone else's to drain. */
  detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.req.off("data", this.onData);
    this.req.off("end", this.onEnd);
    this.req.off("error", this.onError);
    this.req.off("close", this.onClose);
    this.req.pause();
  }

  private readonly onData = (chunk: Buffer) => {
    const controller = this.controller;
    if (!controller) return;
    this.received += chunk.length;
    if (this.limit !== null && this.received > this.limit) {
      this.exceeded = true;
      this.controller = null;
      this.detach();
      controller.error(new BodyTooLargeError(this.limit));
      return;
    }
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) this.req.pause();
  };

  private readonly onEnd = () => {
    this.controller?.close();
    this.controller = null;
    this.detach();
  };

  private readonly onError = (err: Error) => {
    this.controller?.error(err);
    this.controller = null;
    this.detach();
  };

  private readonly onClose = () => {
    if (this.controller && !this.req.complete)
      this.controller.error(new Error("client went away while sending the body"));
    this.controller = null;
    this.detach();
  };
}

/** How long a refused or unread body is read and discarded after the answer, before the connection is cut. */
const LINGER_MS = 30_000;

const continued = new WeakSet<IncomingMessage>();

/** Lets the body come: a client that sent `Expect: 100-continue` hears "100 Continue" now. */
export function allowBody(req: IncomingMessage, res: ServerResponse): void {
  if (/^100-continue$/i.test(req.headers.expect ?? "") && !continued.has(req)) {
    continued.add(req);
    res.writeContinue();
  }
}

/** Whether the client is still sending a body it was allowed to send. */
function stillSending(req: IncomingMessage): boolean {
  if (req.complete || req.destroyed) return false;
  // A client that waits for "100 Continue" and never got it sends nothing more.
  return !/^100-continue$/i.test(req.headers.expect ?? "") || continued.has(req);
}

/**
 * Once the answer is sent, reads and discards whatever part of the body nobody read (a body
 * refused before it was read, or cut at its limit), so that the client, still sending, gets to
 * read that answer instead of a connection reset. A client that keeps sending longer than
 * {@link LINGER_MS} is cut off.
 */
export function drainAfterResponse(
  req: IncomingMessage,
  res: ServerResponse,
  body: () => BodyStream | undefined,
): void {
  res.once("finish", () => {
    body()?.detach();
    if (!stillSending(req)) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    const done = () => clearTimeout(timer);
    req.once("end", done);
    req.once("close", done);
    req.resume();
  });
}

/**
 * Ends the answer. On a connection that closes after it (the client asked for that, or the server
 * is shutting down) while the body is still arriving, the answer is written at once but ended only
 * once the rest of the body has been read and discarded: closing a socket with unread bytes sends
 * a reset, which can destroy the answer before the client has read it.
 */
export function endResponse(
  req: IncomingMessage,
  res: ServerResponse,
  chunk?: string | Uint8Array,
  body?: BodyStream,
): void {
  const closes = !res.shouldKeepAlive || /close/i.test(String(res.getHeader("connection") ?? ""));
  if (!closes || !stillSending(req)) {
    res.end(chunk);
    return;
  }
  if (chunk !== undefined) res.write(chunk);
  body?.detach();
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
  timer.unref();
  const end = () => {
    clearTimeout(timer);
    req.off("end", end);
    req.off("close", end);
    if (!res.writableEnded) res.end();
  };
  req.once("end", end);
  req.once("close", end);
  req.resume();
}
