import type { Readable } from "node:stream";
import type { Services } from "#app/utils/services.server";
import { logger } from "#app/utils/logger.server";
import { scanWithClamd } from "./clamav.server";

/** The first `bytes` of a stream (fewer when it is shorter); the rest is never read. */
export async function readHead(stream: Readable, bytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      chunks.push(buf);
      total += buf.length;
      if (total >= bytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}

/**
 * ClamAV's verdict on a stored object; "clean" when no scanner is configured. A scanner that
 * cannot be reached is "scan_failed": the file is not at fault, but it is not let in either.
 */
export async function scanStoredObject(
  services: Pick<Services, "storage" | "env">,
  key: string,
): Promise<"clean" | "infected" | "scan_failed"> {
  const clamav = services.env.clamav;
  if (!clamav) return "clean";
  const { body } = await services.storage.get(key);
  try {
    const verdict = await scanWithClamd(body, { host: clamav.host, port: clamav.port });
    if (verdict.clean) return "clean";
    logger.warn("virus found in upload", { key, signature: verdict.signature });
    return "infected";
  } catch (err) {
    body.destroy();
    logger.error("virus scan failed", { err, key });
    return "scan_failed";
  }
}
