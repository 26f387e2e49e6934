import type { Messages } from "#app/i18n/catalogue.server";
import { interpolate } from "#app/i18n/i18n";
import type { UploadRefusalCode } from "./policy";
import type { ApiRefusalCode } from "./uploads.server";

type Limits = { maxFileBytes: number; maxFiles: number; maxTotalBytes: number };

/** A refused file in the resident's words, for the form without JavaScript and for the uploader alike. */
export function refusalMessage(
  t: Messages["intake"]["attachments"],
  refusal: { code: UploadRefusalCode | Exclude<ApiRefusalCode, "invalid_category">; fileName: string },
  limits: Limits,
): string {
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const words: Record<typeof refusal.code, string> = {
    bad_type: t.badType,
    empty: t.empty,
    too_large: t.tooLarge,
    total_too_large: t.totalTooLarge,
    too_many: t.tooMany,
    infected: t.infected,
    scan_failed: t.scanFailed,
    storage_failed: t.storageFailed,
    verifying: t.verifying,
    missing: t.missingFile,
  };
  return interpolate(words[refusal.code], {
    name: refusal.fileName,
    mb: mb(refusal.code === "total_too_large" ? limits.maxTotalBytes : limits.maxFileBytes),
    files: limits.maxFiles,
  });
}
