import { randomBytes } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { configureBucket } from "#storage/configure-bucket";
import { createS3Client, createS3Storage } from "#storage/s3";
import { presign } from "#storage/s3-presign";
import type { ObjectStorage } from "#storage/types";
import { createTestServices } from "./app";
import type { TestDatabase } from "./database";
import type { TestS3Server } from "./s3-server";

export type Transport = "local" | "s3";
type TestServices = ReturnType<typeof createTestServices>;

/**
 * Services on a fresh storage each time: an empty folder, or a new bucket (configured for browser
 * uploads) on a shared s3rver, so that "nothing left behind" can be listed. `cleanup` removes the
 * folders and closes the S3 clients.
 */
export function freshStorageServices(bucketPrefix: string) {
  const opened: { cleanup(): void }[] = [];
  const clients: S3Client[] = [];
  let counter = 0;
  return {
    async servicesFor(
      database: TestDatabase,
      s3: TestS3Server,
      transport: Transport,
      { env = {}, wrap }: { env?: Record<string, string>; wrap?: (s: ObjectStorage) => ObjectStorage } = {},
    ): Promise<TestServices> {
      if (transport === "local") {
        const base = createTestServices(database, { env });
        opened.push(base);
        if (!wrap) return base;
        const services = createTestServices(database, { env, storage: wrap(base.storage) });
        opened.push(services);
        return services;
      }
      const bucket = `${bucketPrefix}-${++counter}-${randomBytes(3).toString("hex")}`;
      const config = { ...s3.config, bucket };
      const client = createS3Client(config);
      clients.push(client);
      await configureBucket(client, bucket, { allowedOrigins: ["*"] });
      const storage = createS3Storage(config, { client });
      const services = createTestServices(database, {
        env,
        storage: wrap ? wrap(storage) : storage,
        presign: (r) => presign(client, bucket, r),
      });
      opened.push(services);
      return services;
    },
    /** Services made elsewhere in a test, cleaned up with the rest. */
    track<S extends { cleanup(): void }>(services: S): S {
      opened.push(services);
      return services;
    },
    cleanup() {
      for (const s of opened) s.cleanup();
      for (const c of clients) c.destroy();
    },
  };
}
