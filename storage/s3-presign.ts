import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { assertValidKey } from "./types";

/**
 * Presigned URLs for a browser that uploads straight to the bucket (Uppy's S3 plugin asks
 * for one request at a time). The app decides the key and what may be signed; this module
 * only turns an already authorised request into a URL.
 */

export type PresignRequest =
  | { kind: "putObject"; key: string; contentType: string }
  | { kind: "createMultipart"; key: string; contentType: string }
  | { kind: "uploadPart"; key: string; uploadId: string; partNumber: number }
  | { kind: "completeMultipart"; key: string; uploadId: string }
  | { kind: "listParts"; key: string; uploadId: string }
  | { kind: "abortMultipart"; key: string; uploadId: string };

export type Presigned = { url: string; headers?: Record<string, string> };

export async function presign(
  client: S3Client,
  bucket: string,
  request: PresignRequest,
  expiresIn = 900,
): Promise<Presigned> {
  assertValidKey(request.key);
  const Key = request.key;
  const Bucket = bucket;
  switch (request.kind) {
    case "putObject":
      return {
        url: await getSignedUrl(client, new PutObjectCommand({ Bucket, Key, ContentType: request.contentType }), {
          expiresIn,
        }),
        headers: { "Content-Type": request.contentType },
      };
    case "createMultipart":
      return {
        url: await getSignedUrl(
          client,
          new CreateMultipartUploadCommand({ Bucket, Key, ContentType: request.contentType }),
          { expiresIn },
        ),
        headers: { "Content-Type": request.contentType },
      };
    case "uploadPart":
      return {
        url: await getSignedUrl(
          client,
          new UploadPartCommand({ Bucket, Key, UploadId: request.uploadId, PartNumber: request.partNumber }),
          { expiresIn },
        ),
      };
    case "completeMultipart":
      return {
        url: await getSignedUrl(
          client,
          new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: request.uploadId }),
          { expiresIn },
        ),
      };
    case "listParts":
      return {
        url: await getSignedUrl(client, new ListPartsCommand({ Bucket, Key, UploadId: request.uploadId }), {
          expiresIn,
        }),
      };
    case "abortMultipart":
      return {
        url: await getSignedUrl(client, new AbortMultipartUploadCommand({ Bucket, Key, UploadId: request.uploadId }), {
          expiresIn,
        }),
      };
  }
}
