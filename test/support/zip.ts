import { buffer } from "node:stream/consumers";
import yauzl from "yauzl";

export type ZipEntry = { name: string; bytes: Buffer; compressionMethod: number };

/** Every entry of a ZIP with its bytes, in the ZIP's order; yauzl checks each entry's size as it reads. */
export async function readZip(bytes: Uint8Array): Promise<ZipEntry[]> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes), { lazyEntries: true, strictFileNames: true });
  const entries: ZipEntry[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const body = await buffer(await zip.openReadStreamPromise(entry));
      entries.push({ name: entry.fileName, bytes: body, compressionMethod: entry.compressionMethod });
    }
  } finally {
    zip.close();
  }
  return entries;
}
