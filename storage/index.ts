import { createLocalStorage } from "./local";
import { createS3Storage } from "./s3";
import type { ObjectStorage, StorageConfig } from "./types";

export * from "./types";
export { createLocalStorage } from "./local";
export { createS3Client, createS3Storage, type S3StorageConfig, type S3StorageOptions } from "./s3";

export function createStorage(config: StorageConfig): ObjectStorage {
  switch (config.driver) {
    case "local":
      return createLocalStorage(config.dir);
    case "s3":
      return createS3Storage(config);
  }
}
