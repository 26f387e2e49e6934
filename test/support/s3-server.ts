import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver, { type S3rverMiddleware } from "s3rver";
import { configureBucket } from "#storage/configure-bucket";
import { createS3Client, type S3StorageConfig } from "#storage/s3";

export type TestS3Server = {
  endpoint: string;
  bucket: string;
  config: S3StorageConfig;
  /** The folder s3rver serves; tests look here for anything a failed upload left behind. */
  directory: string;
  stop(): Promise<void>;
};

/**
 * A real S3-compatible server (s3rver) in this process, on a free port and a fresh folder,
 * with one bucket configured for browser uploads the way production is configured.
 */
export async function startS3Server(
  options: { bucket?: string; allowedOrigins?: string[]; port?: number } = {},
): Promise<TestS3Server> {
  allowS3rverContinuationTokens();
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), "oma-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: options.port ?? 0, silent: true, directory });
  server.middleware.unshift(abortMultipartUpload(directory));
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const bucket = options.bucket ?? "oma-test";
  const config: S3StorageConfig = {
    driver: "s3",
    bucket,
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
  };
  const client = createS3Client(config);
  try {
    await configureBucket(client, bucket, { allowedOrigins: options.allowedOrigins ?? ["*"] });
  } finally {
    client.destroy();
  }

  let stopped = false;
  return {
    endpoint,
    bucket,
    config,
    directory,
    async stop() {
      if (stopped) return;
      stopped = true;
      const closing = server.close();
      // Keep-alive sockets of clients that are still around would hold close() open.
      server.httpServer?.closeAllConnections();
      await closing;
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * s3rver 3.7.1 answers AbortMultipartUpload with 405 and keeps the parts. Real S3 deletes them,
 * and our upload code relies on that, so the test server gets the same behaviour here.
 */
function abortMultipartUpload(directory: string): S3rverMiddleware {
  return async (ctx, next) => {
    const uploadId = ctx.query.uploadId;
    if (ctx.method !== "DELETE" || typeof uploadId !== "string") return next();
    const bucket = ctx.path.split("/")[1] ?? "";
    if (!/^[a-z0-9.-]+$/.test(bucket) || !/^[0-9a-f]+$/.test(uploadId)) return next();
    await fs.rm(path.join(directory, bucket, "._S3rver_uploads", uploadId), { recursive: true, force: true });
    ctx.status = 204;
    ctx.body = "";
  };
}

let tokensPatched = false;

/**
 * s3rver encrypts ListObjectsV2 continuation tokens with single DES, which OpenSSL 3 (Node 17 and
 * later) refuses, so every truncated listing fails with a 500. The tokens only have to round-trip
 * through s3rver itself, so DES is swapped for AES in this process; nothing else here asks for DES.
 */
function allowS3rverContinuationTokens(): void {
  if (tokensPatched) return;
  tokensPatched = true;
  type CipherFactory = (algorithm: string, key: Buffer, iv: Buffer, ...rest: unknown[]) => unknown;
  const api = crypto as unknown as Record<"createCipheriv" | "createDecipheriv", CipherFactory>;
  for (const name of ["createCipheriv", "createDecipheriv"] as const) {
    const original = api[name].bind(crypto);
    api[name] = (algorithm, key, iv, ...rest) =>
      algorithm === "des"
        ? original("aes-128-cbc", Buffer.concat([key, key]), Buffer.concat([iv, iv]))
        : original(algorithm, key, iv, ...rest);
  }
}
