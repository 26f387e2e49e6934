import { Readable } from "node:stream";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { meter } from "./meter";
import {
  ObjectNotFoundError,
  assertValidKey,
  assertValidPrefix,
  type ObjectStorage,
  type StorageConfig,
} from "./types";

export type S3StorageConfig = Extract<StorageConfig, { driver: "s3" }>;

export type S3StorageOptions = {
  /** Reuse one client (and its connection pool), e.g. the one that presigns browser uploads. */
  client?: S3Client;
  /** Bytes per multipart part; S3 requires at least 5 MB for every part but the last. */
  partSize?: number;
  /** Parts uploaded in parallel; memory use is about partSize × (queueSize + 1). */
  queueSize?: number;
  /** Keys per ListObjectsV2 request (S3 caps it at 1000); small values let tests exercise paging. */
  listPageSize?: number;
};

const MIN_PART_SIZE = 5 * 1024 * 1024;
const DEFAULT_CONTENT_TYPE = "application/octet-stream";

export function createS3Client(config: S3StorageConfig): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined, // falls back to the SDK's provider chain (instance role, profile, …)
    // The default (WHEN_SUPPORTED) signs a checksum of an empty body into presigned PUT URLs,
    // which real S3 then rejects for any non-empty browser upload (toolchain P10).
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

export function createS3Storage(config: S3StorageConfig, opts: S3StorageOptions = {}): ObjectStorage {
  const client = opts.client ?? createS3Client(config);
  const Bucket = config.bucket;
  const partSize = Math.max(opts.partSize ?? MIN_PART_SIZE, MIN_PART_SIZE);
  const queueSize = opts.queueSize ?? 2;
  const listPageSize = opts.listPageSize ?? 1000;

  return {
    kind: "s3",

    async put(key, body, { maxBytes, contentType }) {
      assertValidKey(key);
      const metered = meter(body, maxBytes);
      const stream = Readable.from(metered.chunks, { objectMode: false });
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: stream, ContentType: contentType ?? DEFAULT_CONTENT_TYPE },
        partSize,
        queueSize,
        // Upload aborts the multipart upload on any failure, so no parts are left billed.
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (err) {
        stream.destroy();
        // When the limit was crossed, a failing abort must not hide the reason from the user.
        throw metered.tooLarge ?? err;
      }
      return { key, ...metered.result() };
    },

    async get(key) {
      assertValidKey(key);
      let out;
      try {
        out = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      } catch (err) {
        if (isMissingObject(err)) throw new ObjectNotFoundError(key);
        throw err;
      }
      if (!(out.Body instanceof Readable)) throw new Error("Expected a Node stream as GetObject body");
      return { body: out.Body, size: out.ContentLength ?? 0, contentType: out.ContentType };
    },

    async head(key) {
      assertValidKey(key);
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return {
          key,
          size: out.ContentLength ?? 0,
          contentType: out.ContentType,
          lastModified: out.LastModified ?? new Date(0),
        };
      } catch (err) {
        if (isMissingObject(err)) return null;
        throw err;
      }
    },

    async sizeOf(key) {
      assertValidKey(key);
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return out.ContentLength ?? 0;
      } catch (err) {
        if (isMissingObject(err)) return null;
        throw err;
      }
    },

    async delete(key) {
      assertValidKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async move(from, to) {
      assertValidKey(from);
      assertValidKey(to);
      try {
        // A server-side copy: the bytes stay in the bucket (objects here are at most 25 MB, far below
        // CopyObject's 5 GB). Keys are [a-z0-9._/-] only, so the source needs no escaping; escaping
        // the slashes would break S3-compatible servers that do not decode %2F.
        await client.send(
          new CopyObjectCommand({ Bucket, Key: to, CopySource: `${Bucket}/${from}`, MetadataDirective: "COPY" }),
        );
      } catch (err) {
        if (isMissingObject(err)) throw new ObjectNotFoundError(from);
        throw err;
      }
      await client.send(new DeleteObjectCommand({ Bucket, Key: from }));
    },

    async *list(prefix) {
      assertValidPrefix(prefix);
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket,
            Prefix: prefix === "" ? undefined : prefix,
            ContinuationToken: token,
            MaxKeys: listPageSize,
          }),
        );
        for (const o of page.Contents ?? []) {
          if (o.Key === undefined) continue;
          yield { key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },

    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
  };
}

/** A missing object, not a missing bucket: that is a configuration error and must surface as such. */
function isMissingObject(err: unknown): boolean {
  if (!(err instanceof S3ServiceException)) return false;
  if (err.name === "NoSuchKey" || err.name === "NotFound") return true;
  return err.$metadata.httpStatusCode === 404 && err.name !== "NoSuchBucket";
}
