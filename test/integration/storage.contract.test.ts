import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { GetBucketCorsCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { configureBucket } from "#storage/configure-bucket";
import {
  InvalidKeyError,
  ObjectNotFoundError,
  ObjectTooLargeError,
  createLocalStorage,
  createS3Client,
  createS3Storage,
  createStorage,
  type ObjectStorage,
} from "#storage/index";
import { startS3Server, type TestS3Server } from "#test/support/s3-server";

const MB = 1024 * 1024;

type Backend = {
  storage: ObjectStorage;
  /** Every stored file that is not bucket configuration: objects, sidecars, temp files, unfinished parts. */
  leftovers(): Promise<string[]>;
  dispose(): Promise<void>;
};

type BackendFactory = { name: string; create(): Promise<Backend> };

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.stop();
});

const localDisk: BackendFactory = {
  name: "local disk",
  async create() {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "oma-storage-"));
    return {
      storage: createLocalStorage(dir),
      leftovers: () => filesUnder(dir),
      dispose: () => fs.rm(dir, { recursive: true, force: true }),
    };
  },
};

let bucketCounter = 0;
const s3Server: BackendFactory = {
  name: "S3 (s3rver)",
  async create() {
    const bucket = `contract-${++bucketCounter}-${randomBytes(3).toString("hex")}`;
    const config = { ...s3.config, bucket };
    const client = createS3Client(config);
    await configureBucket(client, bucket, { allowedOrigins: ["*"] });
    return {
      // A page size of 2 makes every listing below span several ListObjectsV2 pages.
      storage: createS3Storage(config, { client, listPageSize: 2 }),
      leftovers: async () =>
        (await filesUnder(path.join(s3.directory, bucket))).filter((f) => !/^\._S3rver_[^/]*$/.test(f)),
      dispose: async () => client.destroy(),
    };
  },
};

describe.each([localDisk, s3Server])("storage contract: $name", (factory) => {
  let backend: Backend;
  let storage: ObjectStorage;
  beforeAll(async () => {
    backend = await factory.create();
    storage = backend.storage;
  });
  afterAll(async () => {
    await backend.dispose();
  });
  // Each test starts from an empty store, so "nothing left behind" checks mean what they say.
  afterEach(async () => {
    for await (const o of storage.list("")) await storage.delete(o.key);
  });

  it("check() passes against a working backend", async () => {
    await expect(storage.check()).resolves.toBeUndefined();
  });

  it("gives back the same bytes and content type that were stored", async () => {
    const bytes = Buffer.from("%PDF-1.7 bezwaar tegen parkeerboete\n");
    const stored = await storage.put("dossiers/1/bezwaar.pdf", Readable.from([bytes]), {
      maxBytes: MB,
      contentType: "application/pdf",
    });
    expect(stored).toEqual({ key: "dossiers/1/bezwaar.pdf", size: bytes.length, sha256: sha256(bytes) });

    const got = await storage.get("dossiers/1/bezwaar.pdf");
    expect(got.size).toBe(bytes.length);
    expect(got.contentType).toBe("application/pdf");
    expect(await readAll(got.body)).toEqual(bytes);

    const info = await storage.head("dossiers/1/bezwaar.pdf");
    expect(info).toMatchObject({ key: "dossiers/1/bezwaar.pdf", size: bytes.length, contentType: "application/pdf" });
    expect(Math.abs(Date.now() - (info?.lastModified.getTime() ?? 0))).toBeLessThan(60_000);
  });

  it("labels an object without a content type as application/octet-stream", async () => {
    await storage.put("misc/blob", Readable.from([Buffer.from([0, 1, 2])]), { maxBytes: 10 });
    expect((await storage.head("misc/blob"))?.contentType).toBe("application/octet-stream");
    const got = await storage.get("misc/blob");
    got.body.destroy();
    expect(got.contentType).toBe("application/octet-stream");
  });

  it("accepts an async iterable of Uint8Array chunks and an empty body", async () => {
    async function* parts() {
      yield new TextEncoder().encode("hallo ");
      yield new Uint8Array(Buffer.from("wereld"));
    }
    const stored = await storage.put("misc/greeting.txt", parts(), { maxBytes: 100, contentType: "text/plain" });
    expect(stored.sha256).toBe(sha256(Buffer.from("hallo wereld")));
    expect((await readAll((await storage.get("misc/greeting.txt")).body)).toString()).toBe("hallo wereld");

    const empty = await storage.put("misc/empty", Readable.from([]), { maxBytes: 0 });
    expect(empty).toEqual({ key: "misc/empty", size: 0, sha256: sha256(Buffer.alloc(0)) });
    expect((await storage.head("misc/empty"))?.size).toBe(0);
  });

  it("streams a 12 MB body from a generator and returns it intact", async () => {
    const source = randomSource(12 * MB);
    const stored = await storage.put("dossiers/2/video.mp4", source.chunks(), {
      maxBytes: 20 * MB,
      contentType: "video/mp4",
    });
    expect(stored.size).toBe(12 * MB);
    expect(stored.sha256).toBe(source.sha256());

    const got = await storage.get("dossiers/2/video.mp4");
    expect(got.size).toBe(12 * MB);
    expect(got.contentType).toBe("video/mp4");
    expect(await hashStream(got.body)).toEqual({ size: 12 * MB, sha256: source.sha256() });
    expect((await storage.head("dossiers/2/video.mp4"))?.size).toBe(12 * MB);
  });

  it("accepts a body of exactly maxBytes", async () => {
    const bytes = randomBytes(1000);
    const stored = await storage.put("misc/exact", Readable.from([bytes]), { maxBytes: 1000 });
    expect(stored.size).toBe(1000);
  });

  it("refuses a body over maxBytes, stops reading it and leaves nothing behind", async () => {
    // Over one 5 MB part, so the S3 backend has really started a multipart upload by then.
    const source = randomSource(12 * MB);
    await expect(
      storage.put("dossiers/3/too-big.mp4", source.chunks(), { maxBytes: 6 * MB, contentType: "video/mp4" }),
    ).rejects.toBeInstanceOf(ObjectTooLargeError);

    expect(source.closed()).toBe(true);
    expect(source.bytesRead()).toBeLessThan(7 * MB);
    expect(await storage.head("dossiers/3/too-big.mp4")).toBeNull();
    expect(await keys(storage.list(""))).toEqual([]);
    expect(await backend.leftovers()).toEqual([]);
  });

  it("refuses a small body one byte over the limit", async () => {
    const err = await storage
      .put("misc/eleven", Readable.from([Buffer.alloc(11)]), { maxBytes: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ObjectTooLargeError);
    expect((err as ObjectTooLargeError).maxBytes).toBe(10);
    expect(await storage.head("misc/eleven")).toBeNull();
    expect(await backend.leftovers()).toEqual([]);
  });

  it("keeps the previous version when a replacement is refused", async () => {
    await storage.put("dossiers/4/scan.png", Readable.from([Buffer.from("v1")]), {
      maxBytes: 10,
      contentType: "image/png",
    });
    await expect(
      storage.put("dossiers/4/scan.png", Readable.from([Buffer.alloc(11)]), {
        maxBytes: 10,
        contentType: "text/plain",
      }),
    ).rejects.toBeInstanceOf(ObjectTooLargeError);
    const got = await storage.get("dossiers/4/scan.png");
    expect((await readAll(got.body)).toString()).toBe("v1");
    expect(got.contentType).toBe("image/png");
  });

  it("replaces an object, content type included, when the same key is stored again", async () => {
    await storage.put("dossiers/5/note", Readable.from([Buffer.from("first")]), {
      maxBytes: 100,
      contentType: "text/plain",
    });
    await storage.put("dossiers/5/note", Readable.from([Buffer.from("second!")]), {
      maxBytes: 100,
      contentType: "text/markdown",
    });
    const got = await storage.get("dossiers/5/note");
    expect((await readAll(got.body)).toString()).toBe("second!");
    expect(got.contentType).toBe("text/markdown");
    expect(await keys(storage.list("dossiers/5/"))).toEqual(["dossiers/5/note"]);
  });

  it("reports a missing object as ObjectNotFoundError on get and null on head and sizeOf", async () => {
    await expect(storage.get("dossiers/404/missing.pdf")).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(await storage.head("dossiers/404/missing.pdf")).toBeNull();
    expect(await storage.sizeOf("dossiers/404/missing.pdf")).toBeNull();
  });

  it("tells the size of an object, an empty one included, without reading it", async () => {
    await storage.put("dossiers/7/brief.pdf", Readable.from([Buffer.alloc(1234, 7)]), {
      maxBytes: 10_000,
      contentType: "application/pdf",
    });
    await storage.put("dossiers/7/leeg", Readable.from([]), { maxBytes: 10 });
    expect(await storage.sizeOf("dossiers/7/brief.pdf")).toBe(1234);
    expect(await storage.sizeOf("dossiers/7/leeg")).toBe(0);
    // A prefix is not an object.
    expect(await storage.sizeOf("dossiers/7")).toBeNull();
  });

  it("forgets a deleted object", async () => {
    await storage.put("dossiers/6/a.txt", Readable.from([Buffer.from("a")]), { maxBytes: 10 });
    await storage.put("dossiers/6/b.txt", Readable.from([Buffer.from("b")]), { maxBytes: 10 });
    await storage.delete("dossiers/6/a.txt");
    expect(await storage.head("dossiers/6/a.txt")).toBeNull();
    await expect(storage.get("dossiers/6/a.txt")).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(await keys(storage.list("dossiers/6/"))).toEqual(["dossiers/6/b.txt"]);
  });

  it("treats deleting a missing key, or a key that is only a prefix, as done", async () => {
    await expect(storage.delete("dossiers/7/never-stored")).resolves.toBeUndefined();
    await storage.put("dossiers/7/sub/file", Readable.from([Buffer.from("x")]), { maxBytes: 10 });
    await expect(storage.delete("dossiers/7/sub")).resolves.toBeUndefined();
    expect(await storage.head("dossiers/7/sub/file")).not.toBeNull();
  });

  it("lists by prefix in key order, across pages", async () => {
    const all = ["dossiers/1/a", "dossiers/1/b/c", "dossiers/10/a", "dossiers/2/a", "other/x"];
    for (const key of [...all].reverse()) await storage.put(key, Readable.from([Buffer.from(key)]), { maxBytes: 100 });

    expect(await keys(storage.list(""))).toEqual(all);
    expect(await keys(storage.list("dossiers/1/"))).toEqual(["dossiers/1/a", "dossiers/1/b/c"]);
    // A prefix is a string prefix, not a folder: "dossiers/1" includes dossiers/10.
    expect(await keys(storage.list("dossiers/1"))).toEqual(["dossiers/1/a", "dossiers/1/b/c", "dossiers/10/a"]);
    expect(await keys(storage.list("nothing/"))).toEqual([]);

    const listed = [];
    for await (const o of storage.list("other/")) listed.push(o);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ key: "other/x", size: "other/x".length });
    expect(listed[0]?.lastModified).toBeInstanceOf(Date);
  });

  it.each(["../x", "/abs", "A/B", "", "a/../b", "a//b", "a/", "dossiers/1/.hidden"])(
    "rejects the key %j before touching storage",
    async (key) => {
      await expect(storage.put(key, Readable.from([Buffer.from("x")]), { maxBytes: 10 })).rejects.toBeInstanceOf(
        InvalidKeyError,
      );
      await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.head(key)).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidKeyError);
      expect(await backend.leftovers()).toEqual([]);
    },
  );

  it("rejects a list prefix that could leave the store", async () => {
    await expect(keys(storage.list("../"))).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(keys(storage.list("/etc"))).rejects.toBeInstanceOf(InvalidKeyError);
  });
});

describe("local disk storage", () => {
  it("keeps objects as plain files named by their key, with nothing but objects in list()", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "oma-storage-"));
    try {
      const storage = createStorage({ driver: "local", dir });
      await storage.put("dossiers/8/brief.pdf", Readable.from([Buffer.from("pdf")]), {
        maxBytes: 10,
        contentType: "application/pdf",
      });
      expect(await fs.readFile(path.join(dir, "dossiers/8/brief.pdf"), "utf8")).toBe("pdf");
      expect(await keys(storage.list(""))).toEqual(["dossiers/8/brief.pdf"]);
      await storage.delete("dossiers/8/brief.pdf");
      expect(await filesUnder(dir)).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("lists in S3's byte order, where 'a-b' comes before everything under 'a/'", async () => {
    // s3rver walks folders instead, so it lists (and pages) these differently from real S3.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "oma-storage-"));
    try {
      const storage = createLocalStorage(dir);
      for (const key of ["x/a/b", "x/a-b", "x/a.b", "x/a0"]) {
        await storage.put(key, Readable.from([Buffer.from(key)]), { maxBytes: 10 });
      }
      expect(await keys(storage.list("x/a"))).toEqual(["x/a-b", "x/a.b", "x/a/b", "x/a0"]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("check() fails when the folder cannot be created", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "oma-storage-"));
    try {
      await fs.writeFile(path.join(dir, "a-file"), "");
      await expect(createLocalStorage(path.join(dir, "a-file", "files")).check()).rejects.toThrow(/ENOTDIR/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe("S3 storage", () => {
  it("check() fails for a bucket that does not exist", async () => {
    const storage = createStorage({ ...s3.config, bucket: "no-such-bucket" });
    await expect(storage.check()).rejects.toThrow();
  });

  it("check() fails once the server is gone", async () => {
    const other = await startS3Server();
    const storage = createStorage(other.config);
    await expect(storage.check()).resolves.toBeUndefined();
    await other.stop();
    await expect(storage.check()).rejects.toThrow();
  });

  it("a missing bucket is a configuration error, not a missing object", async () => {
    const storage = createStorage({ ...s3.config, bucket: "no-such-bucket" });
    const err = await storage.get("dossiers/1/a").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ObjectNotFoundError);
  });

  describe("configureBucket", () => {
    let client: S3Client;
    beforeAll(() => {
      client = createS3Client(s3.config);
    });
    afterAll(() => {
      client.destroy();
    });

    it("creates the bucket once and lets the app's origin upload from the browser", async () => {
      const bucket = `cors-${randomBytes(3).toString("hex")}`;
      const origin = "http://localhost:3000";
      expect(await configureBucket(client, bucket, { allowedOrigins: [origin] })).toMatchObject({ created: true });
      expect(await configureBucket(client, bucket, { allowedOrigins: [origin] })).toMatchObject({ created: false });

      const cors = await client.send(new GetBucketCorsCommand({ Bucket: bucket }));
      expect(cors.CORSRules).toHaveLength(1);
      expect(cors.CORSRules?.[0]).toMatchObject({
        AllowedOrigins: [origin],
        AllowedMethods: ["PUT", "GET", "POST", "HEAD", "DELETE"],
        AllowedHeaders: ["*"],
        ExposeHeaders: ["ETag"],
      });

      const preflight = (from: string) =>
        fetch(`${s3.endpoint}/${bucket}/uploads/x.pdf`, {
          method: "OPTIONS",
          headers: {
            Origin: from,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "content-type",
          },
        });
      const allowed = await preflight(origin);
      expect(allowed.status).toBe(200);
      // Real S3 echoes the origin; s3rver answers every allowed preflight with "*".
      expect([origin, "*"]).toContain(allowed.headers.get("access-control-allow-origin"));
      expect(allowed.headers.get("access-control-allow-methods")).toContain("PUT");
      expect((await preflight("https://evil.example")).status).toBe(403);
    });
  });
});

async function keys(iterable: AsyncIterable<{ key: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const o of iterable) out.push(o.key);
  return out;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
}

async function hashStream(stream: Readable): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Uint8Array;
    size += bytes.length;
    hash.update(bytes);
  }
  return { size, sha256: hash.digest("hex") };
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A body produced on the fly in 64 KB chunks, so the test itself never holds it whole. */
function randomSource(total: number) {
  const hash = createHash("sha256");
  let read = 0;
  let closed = false;
  let digest: string | undefined;
  return {
    async *chunks(): AsyncGenerator<Uint8Array> {
      try {
        while (read < total) {
          const chunk = randomBytes(Math.min(64 * 1024, total - read));
          read += chunk.length;
          hash.update(chunk);
          yield chunk;
        }
        digest = hash.digest("hex");
      } finally {
        closed = true;
      }
    },
    sha256: () => digest ?? "",
    bytesRead: () => read,
    closed: () => closed,
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
