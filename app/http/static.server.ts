import fs from "node:fs";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";
import { negotiateEncoding, varyOnEncoding, type Encoding } from "./compression.server";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
};

/** The suffix each encoding's precompressed copy has beside its file (app/http/precompress-assets.ts). */
export const PRECOMPRESSED_SUFFIX: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

type Asset = { file: string; size: number; type: string; etag: string; encoded: Partial<Record<Encoding, number>> };

function listAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      if (!entry.isFile() || /\.(br|gz)$/.test(entry.name)) continue;
      const file = path.join(dir, rel);
      const stat = fs.statSync(file);
      const encoded: Asset["encoded"] = {};
      for (const [encoding, suffix] of Object.entries(PRECOMPRESSED_SUFFIX) as [Encoding, string][]) {
        const copy = fs.statSync(file + suffix, { throwIfNoEntry: false });
        // A copy older than its file is stale (a build that stopped half-way): not served.
        if (copy?.isFile() && copy.mtimeMs >= stat.mtimeMs) encoded[encoding] = copy.size;
      }
      assets.set(`/${rel}`, {
        file,
        size: stat.size,
        type: TYPES[path.extname(entry.name).toLowerCase()] ?? "application/octet-stream",
        etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
        encoded,
      });
    }
  };
  if (fs.existsSync(dir)) walk("");
  return assets;
}

/**
 * Serves the built browser files (public/build), each as its brotli or gzip copy made at build time
 * when the browser takes that encoding (Vary: Accept-Encoding), else as it is. The files are listed
 * once at start-up: a build replaces the process. Anything not listed goes to `next`.
 */
export function precompressedStatic(dir: string, options: { cacheControl: string }) {
  const assets = listAssets(dir);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let pathname: string;
    try {
      pathname = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const asset = assets.get(pathname);
    if (!asset) return next();
    const offered = (["br", "gzip"] as const).filter((e) => asset.encoded[e] !== undefined);
    const encoding = offered.length > 0 ? negotiateEncoding(req.get("accept-encoding"), offered) : null;
    const etag = encoding ? `${asset.etag.slice(0, -1)}-${encoding}"` : asset.etag;
    res.setHeader("Content-Type", asset.type);
    res.setHeader("Cache-Control", options.cacheControl);
    res.setHeader("ETag", etag);
    if (offered.length > 0) res.setHeader("Vary", varyOnEncoding(res.getHeader("vary")));
    if (encoding) res.setHeader("Content-Encoding", encoding);
    if (
      req
        .get("if-none-match")
        ?.split(",")
        .some((t) => t.trim() === etag)
    ) {
      res.status(304).end();
      return;
    }
    res.setHeader("Content-Length", encoding ? asset.encoded[encoding]! : asset.size);
    if (req.method === "HEAD") return void res.end();
    const body = fs.createReadStream(encoding ? asset.file + PRECOMPRESSED_SUFFIX[encoding] : asset.file);
    body.on("error", (err) => (res.headersSent ? res.destroy(err) : next(err)));
    body.pipe(res);
  };
}
