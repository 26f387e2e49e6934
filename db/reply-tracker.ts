/**
 * Follows the PostgreSQL wire protocol on one connection just far enough to tell whether the client
 * is owed an answer: every Sync, simple Query and FunctionCall ends in one ReadyForQuery, and the
 * startup ends in one too. Message bodies are skipped, never read.
 *
 * Once the connection switches to TLS the bytes are opaque; the tracker then only knows whether
 * something was sent after the last bytes received.
 */
export type ReplyTracker = {
  sent(chunk: Uint8Array): void;
  received(chunk: Uint8Array): void;
  /** An answer is due from the server. */
  readonly waiting: boolean;
  /** The connection is encrypted, so only the order of sends and receipts is known. */
  readonly opaque: boolean;
};

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

const byte = (c: string) => c.charCodeAt(0);
const ENDS_IN_READY = new Set([byte("S"), byte("Q"), byte("F")]);
const FLUSH = byte("H");
const READY_FOR_QUERY = byte("Z");
// postgres.js flushes only after Parse + Describe; the answer ends with one of these.
const ENDS_DESCRIBE = new Set([byte("T"), byte("n"), byte("E")]);

/**
 * Splits a byte stream into messages (an optional type byte, a 4-byte length, then the body) and
 * reports each one, with its type byte and the 4 bytes after the length, once its last byte is in.
 */
function framer(onMessage: (type: number, code: number) => void) {
  const header = new Uint8Array(8);
  const view = new DataView(header.buffer);
  let filled = 0;
  let skip = 0;
  let pending: [number, number] | null = null;
  return {
    /** Header size of the next message: 8 for the untyped start-up messages, 5 otherwise. */
    headerSize: 5,
    push(chunk: Uint8Array): void {
      let at = 0;
      while (at < chunk.length) {
        if (skip > 0) {
          const n = Math.min(skip, chunk.length - at);
          skip -= n;
          at += n;
        } else {
          const size = this.headerSize;
          const n = Math.min(size - filled, chunk.length - at);
          header.set(chunk.subarray(at, at + n), filled);
          filled += n;
          at += n;
          if (filled < size) return;
          filled = 0;
          // The length counts itself (and, for untyped messages, the code after it) but not the type byte.
          skip = size === 8 ? Math.max(0, view.getInt32(0) - 8) : Math.max(0, view.getInt32(1) - 4);
          pending = size === 8 ? [0, view.getInt32(4)] : [header[0]!, 0];
        }
        if (skip === 0 && pending) {
          const [type, code] = pending;
          pending = null;
          onMessage(type, code);
        }
      }
    },
  };
}

export function createReplyTracker(): ReplyTracker {
  let opaque = false;
  let readyDue = 0;
  let describeDue = false;
  let negotiationDue = false;
  let sentSinceReceipt = false;

  const outbound = framer((type, code) => {
    if (type === 0) {
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) negotiationDue = true;
      else if (code !== CANCEL_REQUEST) {
        readyDue++;
        outbound.headerSize = 5;
      }
      return;
    }
    if (ENDS_IN_READY.has(type)) readyDue++;
    else if (type === FLUSH) describeDue = true;
  });
  outbound.headerSize = 8;

  const inbound = framer((type) => {
    if (type === READY_FOR_QUERY) readyDue = Math.max(0, readyDue - 1);
    if (ENDS_DESCRIBE.has(type)) describeDue = false;
  });

  return {
    sent(chunk) {
      sentSinceReceipt = true;
      if (!opaque) outbound.push(chunk);
    },
    received(chunk) {
      sentSinceReceipt = false;
      if (opaque || chunk.length === 0) return;
      if (negotiationDue) {
        // The answer to an SSL or GSS request is one unframed byte: 'S' (or 'G') switches to encryption.
        negotiationDue = false;
        if (chunk[0] === byte("S") || chunk[0] === byte("G")) {
          opaque = true;
          return;
        }
        if (chunk[0] === byte("N")) chunk = chunk.subarray(1);
      }
      inbound.push(chunk);
    },
    get waiting() {
      return opaque ? sentSinceReceipt : readyDue > 0 || describeDue || negotiationDue;
    },
    get opaque() {
      return opaque;
    },
  };
}
