import type { PassThrough, Readable } from "node:stream";
import { ZipFile } from "yazl";
import { logger } from "#app/utils/logger.server";
import type { ObjectStorage } from "#storage/types";

/**
 * The case file of one share as a ZIP, made while it is sent: the summary first, then each
 * document read from storage in its turn and copied in as it is (stored, not compressed: PDFs and
 * photos hardly shrink, and copying keeps the speed of a plain file copy). Memory stays flat: one
 * object is open at a time and a slow reader holds the copy back. Every size is known in advance,
 * so the ZIP's length is too (a Content-Length the browser can show progress against).
 *
 * A failure halfway (an object gone from storage, a read error, fewer or more bytes than recorded)
 * destroys the stream with the error and logs it: the download fails visibly, and never ends as a
 * ZIP that looks complete but lacks a file.
 */

export const SUMMARY_ENTRY = "samenvatting.pdf";
export const DOCUMENTS_FOLDER = "documenten";

export type ZipDocument = {
  /** Unique within the ZIP (caseFileEntryNames). */
  name: string;
  storageKey: string;
  size: number;
  modifiedAt: Date;
};

export type CaseFileZip = { body: Readable; size: number | null };

// @types/yazl declares end()'s callback without its argument, the ZIP's total size in bytes (-1: not known).
type EndWithSize = (options: Record<string, never>, calculatedTotalSize: (bytes: number) => void) => void;

export function caseFileZip(
  storage: ObjectStorage,
  input: { summary: Uint8Array; createdAt: Date; documents: readonly ZipDocument[] },
  logFields: Record<string, unknown> = {},
): CaseFileZip {
  const zip = new ZipFile();
  const output = zip.outputStream as PassThrough;
  let open: Readable | null = null;
  let failed = false;
  const fail = (err: unknown, entry?: string) => {
    if (failed) return;
    failed = true;
    logger.error("case file ZIP broke off", { err, entry, ...logFields });
    open?.destroy();
    output.destroy(err instanceof Error ? err : new Error(String(err)));
  };
  zip.on("error", (err: unknown) => fail(err));
  // Logged by fail(); whoever reads the stream, also later, gets the error from it.
  output.on("error", () => undefined);
  // A reader that went away (a cancelled download) must not leave the object it was reading open.
  output.once("close", () => open?.destroy());

  zip.addBuffer(Buffer.from(input.summary), SUMMARY_ENTRY, { compress: false, mtime: input.createdAt });
  for (const document of input.documents) {
    const entry = `${DOCUMENTS_FOLDER}/${document.name}`;
    const options = { compress: false, size: document.size, mtime: document.modifiedAt };
    zip.addReadStreamLazy(entry, options, (callback) => {
      storage.get(document.storageKey).then(
        (object) => {
          if (failed || output.destroyed) return void object.body.destroy();
          if (object.size !== document.size) {
            object.body.destroy();
            return fail(new Error(`storage holds ${object.size} bytes, ${document.size} were recorded`), entry);
          }
          open = object.body;
          object.body.on("error", (err) => fail(err, entry));
          object.body.once("end", () => {
            if (open === object.body) open = null;
          });
          callback(null, object.body);
        },
        (err: unknown) => fail(err, entry),
      );
    });
  }
  let size: number | null = null;
  (zip.end as unknown as EndWithSize).call(zip, {}, (bytes) => {
    size = bytes >= 0 ? bytes : null;
  });
  return { body: output, size };
}
