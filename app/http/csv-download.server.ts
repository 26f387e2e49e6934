import { CSV_BOM, csvLine } from "#app/dossiers/csv";
import { logger } from "#app/utils/logger.server";

/**
 * A CSV file for Dutch Excel as a streamed download: the header first, then each chunk of rows
 * as it is read (keyset chunks: a large export never sits in memory). Once the status line is
 * sent a failure can only cut the file off; it is logged with the request id.
 */
export function csvDownload<R>({
  header,
  chunks,
  line,
  fileName,
  what,
  requestId,
}: {
  header: readonly string[];
  chunks: AsyncIterable<R[]>;
  line: (row: R) => readonly (string | null | undefined)[];
  fileName: string;
  /** For the log: "queue export", "audit export". */
  what: string;
  requestId: string;
}): Response {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(header)));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((row) => csvLine(line(row))).join("")));
      } catch (err) {
        // The status line is sent already: a cut-off file is the only signal left.
        logger.error(`${what} failed`, { err, requestId });
        controller.error(err);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
