import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { ObjectTooLargeError } from "./types";

export type Meter = {
  /** The body's bytes, counted and hashed on the way through. */
  chunks: AsyncGenerator<Buffer, void, undefined>;
  /** Set once the limit was crossed, so callers can report it over any follow-up error. */
  readonly tooLarge: ObjectTooLargeError | undefined;
  /** Size and sha256 of the whole body; only valid after `chunks` has been read to the end. */
  result(): { size: number; sha256: string };
};

/**
 * Wraps an upload body so both backends enforce the same limit in the same way. Throwing
 * inside the `for await` makes the loop call `return()` on the source, which destroys a
 * Readable, so the client stops sending as soon as the limit is crossed.
 */
export function meter(body: Readable | AsyncIterable<Uint8Array>, maxBytes: number): Meter {
  const hash = createHash("sha256");
  let size = 0;
  let digest: string | undefined;
  let tooLarge: ObjectTooLargeError | undefined;

  async function* chunks(): AsyncGenerator<Buffer, void, undefined> {
    for await (const chunk of body as AsyncIterable<unknown>) {
      const buffer = toBuffer(chunk);
      size += buffer.length;
      if (size > maxBytes) {
        tooLarge = new ObjectTooLargeError(maxBytes);
        throw tooLarge;
      }
      hash.update(buffer);
      yield buffer;
    }
    digest = hash.digest("hex");
  }

  return {
    chunks: chunks(),
    get tooLarge() {
      return tooLarge;
    },
    result() {
      if (digest === undefined) throw new Error("The body was not read to the end");
      return { size, sha256: digest };
    },
  };
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  throw new TypeError(`Upload body yielded a ${typeof chunk}, expected bytes`);
}
