import type { Readable } from "node:stream";

/**
 * The one storage interface. Only storage/ knows about buckets, folders and key layout;
 * the app sees keys and streams. Nothing is buffered whole in memory.
 */

/** Which backend and its settings; the app builds this from its own configuration and passes it in. */
export type StorageConfig =
  | { driver: "local"; dir: string }
  | {
      driver: "s3";
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      accessKeyId?: string;
      secretAccessKey?: string;
    };

export type StoredObject = { key: string; size: number; sha256: string };
export type ObjectInfo = { key: string; size: number; contentType?: string; lastModified: Date };

export type PutOptions = {
  /** The put fails with ObjectTooLargeError once more than this many bytes arrive; nothing is left behind. */
  maxBytes: number;
  contentType?: string;
};

export interface ObjectStorage {
  readonly kind: "local" | "s3";
  put(key: string, body: Readable | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredObject>;
  /** Throws ObjectNotFoundError when the key does not exist. */
  get(key: string): Promise<{ body: Readable; size: number; contentType?: string }>;
  head(key: string): Promise<ObjectInfo | null>;
  /** The size in bytes, or null when the key does not exist: head without the rest, as cheap as the backend allows. */
  sizeOf(key: string): Promise<number | null>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Renames an object within the store, without its bytes passing through the app. Throws ObjectNotFoundError. */
  move(from: string, to: string): Promise<void>;
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** Throws when the backend cannot be reached; used by /readyz. */
  check(): Promise<void>;
}

export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Object exceeds the limit of ${maxBytes} bytes`);
    this.name = "ObjectTooLargeError";
  }
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No object at ${key}`);
    this.name = "ObjectNotFoundError";
  }
}

export class InvalidKeyError extends Error {
  constructor(readonly key: string) {
    super(`Invalid object key: ${JSON.stringify(key)}`);
    this.name = "InvalidKeyError";
  }
}

/** Keys are chosen by the server: lower-case segments of [a-z0-9._-], separated by '/'. */
export function assertValidKey(key: string): void {
  const ok =
    key.length > 0 &&
    key.length <= 512 &&
    /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/.test(key) &&
    !key.split("/").some((s) => s === "." || s === "..");
  if (!ok) throw new InvalidKeyError(key);
}

/** A list prefix is any leading part of a valid key: "", "dossiers/", "dossiers/12". */
export function assertValidPrefix(prefix: string): void {
  if (prefix === "") return;
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  try {
    assertValidKey(trimmed);
  } catch {
    throw new InvalidKeyError(prefix);
  }
}
