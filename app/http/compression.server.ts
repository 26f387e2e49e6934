import zlib from "node:zlib";

export type Encoding = "br" | "gzip";

/**
 * The encoding to send, from the request's Accept-Encoding and the encodings on offer (best first):
 * the offered one with the highest q-value above zero, brotli before gzip at equal weight; `*`
 * counts for any encoding not named. Null: send the bytes as they are.
 */
export function negotiateEncoding(
  acceptEncoding: string | undefined | null,
  offered: readonly Encoding[] = ["br", "gzip"],
): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split("=");
      if (key === "q") q = Number.parseFloat(value ?? "");
    }
    if (Number.isFinite(q)) weights.set(name === "x-gzip" ? "gzip" : name, Math.min(1, Math.max(0, q)));
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const encoding of offered) {
    const q = weights.get(encoding) ?? weights.get("*") ?? 0;
    if (q > bestQ) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}

/** Text the app sends: pages, single-fetch data (text/x-script), JSON, scripts, stylesheets, SVG. Not event streams. */
export function isCompressible(contentType: string | null | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "text/event-stream") return false;
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type === "application/javascript" ||
    type === "application/manifest+json" ||
    type === "image/svg+xml"
  );
}

/** Bodies smaller than this go as they are: compressing them saves less than it costs. */
export const MIN_COMPRESSED_BYTES = 1024;

/**
 * A compressor for an answer made per request: brotli at quality 5 with a 256 KB window (within a
 * few percent of quality 11's size on a page, at a fraction of its CPU and memory), gzip at level 6.
 * Assets are compressed once at build time at the highest settings (app/http/precompress-assets.ts).
 */
const BROTLI_PARAMS = {
  [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
  [zlib.constants.BROTLI_PARAM_LGWIN]: 18,
  [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
};

export function createCompressor(encoding: Encoding): zlib.BrotliCompress | zlib.Gzip {
  return encoding === "br" ? zlib.createBrotliCompress({ params: BROTLI_PARAMS }) : zlib.createGzip({ level: 6 });
}

/** The same compression as createCompressor, of a body that is complete, in one call. */
export function compressWhole(encoding: Encoding, body: Buffer): Buffer {
  return encoding === "br"
    ? zlib.brotliCompressSync(body, {
        params: { ...BROTLI_PARAMS, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      })
    : zlib.gzipSync(body, { level: 6 });
}

/** Adds Accept-Encoding to a Vary header's value (kept once). */
export function varyOnEncoding(vary: string | number | string[] | undefined): string {
  const names = (Array.isArray(vary) ? vary.join(",") : String(vary ?? ""))
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (names.includes("*") || names.some((n) => n.toLowerCase() === "accept-encoding")) return names.join(", ");
  return [...names, "Accept-Encoding"].join(", ");
}
