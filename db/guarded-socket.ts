import net from "node:net";
import { Duplex } from "node:stream";
import { createReplyTracker } from "./reply-tracker";

/** What postgres.js hands its `socket` option: the parsed connection options. */
type SocketOptions = { path?: string | false; host: string[]; port: number[] };

/** The code of the error a query gets when its connection was dropped for a silent server. */
export const SILENT_SERVER = "DATABASE_SILENT";

/**
 * A socket factory for postgres.js that drops a connection when the server owes an answer and has
 * sent nothing for `timeoutMs`. TCP alone would retransmit for many minutes to a host that went
 * away, and never notice a peer that keeps the connection open without answering. The server's
 * statement timeout must be shorter, so that a slow but live query ends in the server's own error.
 */
export function guardedSocket(timeoutMs: number, keepAliveMs = 60_000) {
  let attempt = 0;
  return (options: SocketOptions): Duplex => {
    const i = attempt++ % options.host.length;
    const inner = options.path ? net.connect(options.path) : net.connect(options.port[i] ?? 5432, options.host[i]);
    inner.setKeepAlive(true, keepAliveMs);
    inner.setNoDelay(true);
    return new GuardedSocket(inner, timeoutMs, options.path ? undefined : options.host[i], options.port[i]);
  };
}

/**
 * A stream in front of the TCP socket rather than a subclass of it: postgres.js layers TLS over
 * whatever socket it gets, and only a JavaScript stream keeps seeing the traffic under TLS.
 */
class GuardedSocket extends Duplex {
  private readonly tracker = createReplyTracker();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly inner: net.Socket,
    private readonly timeoutMs: number,
    // postgres.js reads these for TLS server names and error messages.
    readonly host: string | undefined,
    readonly port: number | undefined,
  ) {
    super({ emitClose: false });
    inner.on("data", (chunk: Buffer) => {
      this.tracker.received(chunk);
      if (this.tracker.waiting) this.restart();
      else this.stop();
      if (!this.push(chunk)) inner.pause();
    });
    inner.on("end", () => this.push(null));
    inner.on("error", (err) => this.destroy(err));
    inner.on("close", () => this.destroy());
  }

  get readyState(): string {
    return this.inner.readyState;
  }

  setKeepAlive(enable?: boolean, delay?: number): this {
    this.inner.setKeepAlive(enable, delay);
    return this;
  }

  override _read(): void {
    this.inner.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    this.tracker.sent(chunk);
    // Measured from the first unanswered write: more writes to a silent server do not extend it.
    if (this.tracker.waiting && !this.timer) this.restart();
    this.inner.write(chunk, done);
  }

  override _final(done: (err?: Error | null) => void): void {
    this.inner.end(done);
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.stop();
    this.inner.destroy();
    done(err);
    // Right behind 'error', as net.Socket does: postgres.js fails the queries in flight on 'error'
    // and takes the connection out of use on 'close'; a query sent in between would wait forever.
    process.nextTick(() => this.emit("close", Boolean(err)));
  }

  private restart(): void {
    this.stop();
    this.timer = setTimeout(() => {
      const err = Object.assign(
        new Error(`the database server sent nothing for ${this.timeoutMs} ms while an answer was due`),
        {
          code: SILENT_SERVER,
        },
      );
      this.destroy(err);
    }, this.timeoutMs);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
