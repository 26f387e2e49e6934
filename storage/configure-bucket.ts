import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  S3ServiceException,
  type BucketLocationConstraint,
  type S3Client,
} from "@aws-sdk/client-s3";

export type BucketSettings = {
  /** Origins whose pages may upload and download directly, e.g. "https://klachten.example.nl". */
  allowedOrigins: string[];
};

/**
 * Creates the bucket when it is missing and allows browsers on the given origins to PUT parts
 * straight into it. ETag must be exposed: multipart uploads from the browser need every part's
 * ETag to complete the upload.
 */
export async function configureBucket(
  client: S3Client,
  bucket: string,
  { allowedOrigins }: BucketSettings,
): Promise<{ created: boolean; lifecycle: boolean }> {
  if (allowedOrigins.length === 0) throw new Error("configureBucket needs at least one allowed origin");

  let created = false;
  if (!(await bucketExists(client, bucket))) {
    const region = await client.config.region();
    try {
      await client.send(
        new CreateBucketCommand({
          Bucket: bucket,
          // us-east-1 is the one region that rejects an explicit location constraint.
          ...(region === "us-east-1"
            ? {}
            : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
        }),
      );
      created = true;
    } catch (err) {
      // Another instance may have created it between our check and our create.
      if (!(err instanceof S3ServiceException && err.name === "BucketAlreadyOwnedByYou")) throw err;
    }
  }

  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: allowedOrigins,
            // DELETE lets Uppy abort a multipart upload the resident cancels.
            AllowedMethods: ["PUT", "GET", "POST", "HEAD", "DELETE"],
            AllowedHeaders: ["*"],
            ExposeHeaders: ["ETag"],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
  // Parts of uploads that were never completed or aborted (a closed laptop) would stay billed
  // and invisible to listings; S3 drops them after a day. Some S3-compatible servers lack the API.
  let lifecycle = true;
  try {
    await client.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket,
        LifecycleConfiguration: {
          Rules: [
            {
              ID: "abort-incomplete-uploads",
              Status: "Enabled",
              Filter: { Prefix: "" },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            },
          ],
        },
      }),
    );
  } catch {
    lifecycle = false;
  }
  return { created, lifecycle };
}

async function bucketExists(client: S3Client, bucket: string): Promise<boolean> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (err) {
    // A 403 means the bucket exists but belongs to someone else: creating it would fail anyway.
    if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return false;
    throw err;
  }
}
