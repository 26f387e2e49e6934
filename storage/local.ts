import { createHash, randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import {
  mkdir,
  open,
  type FileHandle,
  readFile,
  readdir,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { readAhead } from "./read-ahead";
import {
  ObjectNotFoundError,
  ObjectTooLargeError,
  assertValidKey,
  assertValidPrefix,
  type ObjectInfo,
  type ObjectStorage,
} from "./types";

const DEFAULT_CONTENT_TYPE = "application/octet-stream";
/** Key segments never start with a dot, so these folders can never clash with an object. */
const META_DIR = ".meta";
const TMP_DIR = ".tmp";
const SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;
/** A large object is synced to disk in steps of this size while it arrives. */
const SYNC_EVERY_BYTES = 16 * 1024 * 1024;

type Sidecar = { contentType: string };

/**
 * Objects are plain files under `dir` (key "dossiers/12/a.pdf" is the file dossiers/12/a.pdf),
 * so operators can back them up and inspect them with ordinary tools. The content type sits in
 * a sidecar at the same relative path under `.meta/`; uploads are written to `.tmp/` on the
 * same file system and renamed into place, so a reader never sees a half-written object.
 */
export function createLocalStorage(dir: string): ObjectStorage {
  const root = path.resolve(dir);
  const tmpRoot = path.join(root, TMP_DIR);
  const metaRoot = path.join(root, META_DIR);

  const objectPath = (key: string) => resolveInside(root, key);
  const metaPath = (key: string) => resolveInside(metaRoot, key);

  async function readSidecar(key: string): Promise<Sidecar | undefined> {
    try {
      const parsed: unknown = JSON.parse(await readFile(metaPath(key), "utf8"));
      if (parsed && typeof parsed === "object" && "contentType" in parsed && typeof parsed.contentType === "string") {
        return { contentType: parsed.contentType };
      }
    } catch (err) {
      if (!isMissing(err) && !(err instanceof SyntaxError)) throw err;
    }
    return undefined;
  }

  async function statFile(file: string) {
    try {
      const s = await stat(file);
      return s.isFile() ? s : null;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  return {
    kind: "local",

    async put(key, body, { maxBytes, contentType }) {
      assertValidKey(key);
      await mkdir(tmpRoot, { recursive: true });
      const tmp = path.join(tmpRoot, randomUUID());
      const tmpMeta = `${tmp}.meta`;
      let tooLarge: ObjectTooLargeError | undefined;
      // Opened before streaming, so a failure can never race the file's creation and leave it behind.
      const handle = await open(tmp, "wx");
      try {
        const hash = createHash("sha256");
        let size = 0;
        let unsynced = 0;
        let syncing: Promise<void> = Promise.resolve();
        // The body is read ahead while the previous batch is written; each batch goes to disk in
        // one writev while this thread hashes it (bench/upload.ts).
        for await (const batch of readAhead(body)) {
          for (const chunk of batch) size += chunk.length;
          if (size > maxBytes) throw (tooLarge = new ObjectTooLargeError(maxBytes));
          const writing = writeAll(handle, batch);
          for (const chunk of batch) hash.update(chunk);
          await writing;
          unsynced += batch.reduce((sum, chunk) => sum + chunk.length, 0);
          if (unsynced >= SYNC_EVERY_BYTES) {
            // Written back to disk as it arrives, so that the final sync below has little left to do.
            unsynced = 0;
            syncing = syncing.then(() => handle.datasync());
            syncing.catch(() => undefined); // awaited below; an upload that fails first must not leave it unhandled
          }
        }
        await syncing;
        const sha256 = hash.digest("hex");
        // The rename below must never publish a file whose bytes are still only in cache.
        await handle.sync();
        await handle.close();
        const sidecar: Sidecar = { contentType: contentType ?? DEFAULT_CONTENT_TYPE };
        await writeFile(tmpMeta, JSON.stringify(sidecar), { flag: "wx" });
        // Sidecar first: a crash in between leaves a harmless sidecar without object, never an
        // object with another upload's content type.
        await moveInto(tmpMeta, metaPath(key));
        await moveInto(tmp, objectPath(key));
        return { key, size, sha256 };
      } catch (err) {
        await handle.close().catch(() => undefined);
        await Promise.all([rm(tmp, { force: true }), rm(tmpMeta, { force: true })]);
        throw tooLarge ?? err;
      }
    },

    async get(key) {
      assertValidKey(key);
      const sidecar = await readSidecar(key);
      let handle;
      try {
        handle = await open(objectPath(key), "r");
      } catch (err) {
        if (isMissing(err)) throw new ObjectNotFoundError(key);
        throw err;
      }
      const info = await handle.stat().catch(async (err: unknown) => {
        await handle.close();
        throw err;
      });
      if (!info.isFile()) {
        await handle.close();
        throw new ObjectNotFoundError(key);
      }
      return {
        body: handle.createReadStream(),
        size: info.size,
        contentType: sidecar?.contentType ?? DEFAULT_CONTENT_TYPE,
      };
    },

    async head(key) {
      assertValidKey(key);
      const info = await statFile(objectPath(key));
      if (!info) return null;
      const sidecar = await readSidecar(key);
      return {
        key,
        size: info.size,
        contentType: sidecar?.contentType ?? DEFAULT_CONTENT_TYPE,
        lastModified: info.mtime,
      };
    },

    async sizeOf(key) {
      assertValidKey(key);
      // One stat, and the sidecar with the content type is not read. A synchronous stat on a
      // local disk answers from the inode cache in microseconds; handing it to the thread pool
      // cost the final submit more than the stat itself (measured in bench/intake-submit.ts).
      const info = statSync(objectPath(key), { throwIfNoEntry: false });
      return info?.isFile() ? info.size : null;
    },

    async delete(key) {
      assertValidKey(key);
      await removeFile(objectPath(key));
      await removeFile(metaPath(key));
      await Promise.all([pruneEmptyParents(root, objectPath(key)), pruneEmptyParents(metaRoot, metaPath(key))]);
    },

    async move(from, to) {
      assertValidKey(from);
      assertValidKey(to);
      try {
        await moveInto(objectPath(from), objectPath(to));
      } catch (err) {
        if (isMissing(err)) throw new ObjectNotFoundError(from);
        throw err;
      }
      await moveInto(metaPath(from), metaPath(to)).catch((err: unknown) => {
        if (!isMissing(err)) throw err;
      });
      await Promise.all([pruneEmptyParents(root, objectPath(from)), pruneEmptyParents(metaRoot, metaPath(from))]);
    },

    async *list(prefix) {
      assertValidPrefix(prefix);
      yield* walk(root, prefix.slice(0, prefix.lastIndexOf("/") + 1), prefix);
    },

    async check() {
      await mkdir(tmpRoot, { recursive: true });
      const probe = path.join(tmpRoot, `check-${randomUUID()}`);
      try {
        await writeFile(probe, "ok", { flag: "wx" });
      } finally {
        await rm(probe, { force: true });
      }
    },
  };
}

/** Yields objects in the same order S3 lists them: by key, byte by byte. */
async function* walk(root: string, relDir: string, prefix: string): AsyncGenerator<ObjectInfo> {
  let entries;
  try {
    entries = await readdir(path.join(root, relDir), { withFileTypes: true });
  } catch (err) {
    if (isMissing(err) || (err as NodeJS.ErrnoException).code === "ENOTDIR") return;
    throw err;
  }
  const items = entries
    .filter((e) => SEGMENT.test(e.name) && (e.isFile() || e.isDirectory()))
    // A folder sorts as "name/" so that "a-b" comes before everything under "a/", as in S3.
    .map((e) => ({ key: relDir + e.name, isDir: e.isDirectory(), sortKey: e.isDirectory() ? `${e.name}/` : e.name }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));

  for (const item of items) {
    if (item.isDir) {
      const sub = `${item.key}/`;
      if (sub.startsWith(prefix) || prefix.startsWith(sub)) yield* walk(root, sub, prefix);
      continue;
    }
    if (!item.key.startsWith(prefix)) continue;
    try {
      const info = await stat(path.join(root, item.key));
      yield { key: item.key, size: info.size, lastModified: info.mtime };
    } catch (err) {
      // Deleted between readdir and stat: it is simply no longer there.
      if (!isMissing(err)) throw err;
    }
  }
}

function resolveInside(base: string, key: string): string {
  const resolved = path.resolve(base, key);
  // assertValidKey already forbids this; the check keeps a future regex change from escaping the folder.
  if (!resolved.startsWith(base + path.sep)) throw new Error(`Key resolves outside the storage folder: ${key}`);
  return resolved;
}

async function moveInto(from: string, to: string): Promise<void> {
  // A concurrent delete may prune the freshly made parent folder; try again a few times.
  for (let attempt = 0; ; attempt++) {
    await mkdir(path.dirname(to), { recursive: true });
    try {
      await rename(from, to);
      return;
    } catch (err) {
      if (!isMissing(err) || attempt >= 3) throw err;
    }
  }
}

/** Removes folders that a delete left empty, up to (not including) the storage root. */
async function pruneEmptyParents(base: string, file: string): Promise<void> {
  let current = path.dirname(file);
  while (current.startsWith(base + path.sep)) {
    try {
      await rmdir(current);
    } catch {
      return; // not empty, already gone or not ours to remove
    }
    current = path.dirname(current);
  }
}

async function removeFile(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (err) {
    // EISDIR: the key is only a prefix of other keys, so there is no object to delete.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "EISDIR") throw err;
  }
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}

/** A writev that goes on after a short write (rare for files, but the call allows it). */
async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    let { bytesWritten } = await handle.writev(rest);
    if (bytesWritten === 0) throw new Error("The file system accepted no bytes");
    const left: Buffer[] = [];
    for (const buffer of rest) {
      if (bytesWritten >= buffer.length) bytesWritten -= buffer.length;
      else {
        left.push(bytesWritten > 0 ? buffer.subarray(bytesWritten) : buffer);
        bytesWritten = 0;
      }
    }
    rest = left;
  }
}
