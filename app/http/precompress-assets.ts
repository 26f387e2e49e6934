/**
 * After `remix build`: writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside every
 * script, stylesheet, source map and SVG in public/build, for app/http/static.server.ts to serve.
 * A copy that would not be smaller is not written. Usage: tsx app/http/precompress-assets.ts [dir]
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dir = process.argv[2] ?? "public/build";
const COMPRESSIBLE = /\.(js|mjs|css|map|json|svg|txt)$/;

let files = 0;
let raw = 0;
let brotli = 0;
const walk = (sub: string) => {
  for (const entry of fs.readdirSync(sub, { withFileTypes: true })) {
    const file = path.join(sub, entry.name);
    if (entry.isDirectory()) walk(file);
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const body = fs.readFileSync(file);
    const br = zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = zlib.gzipSync(body, { level: 9 });
    for (const [suffix, copy] of [
      [".br", br],
      [".gz", gz],
    ] as const) {
      if (copy.length < body.length) fs.writeFileSync(file + suffix, copy);
      else fs.rmSync(file + suffix, { force: true });
    }
    files++;
    raw += body.length;
    brotli += Math.min(br.length, body.length);
  }
};
walk(dir);
process.stdout.write(
  `precompressed ${files} files in ${dir}: ${(raw / 1024).toFixed(0)} KB, ${(brotli / 1024).toFixed(0)} KB as brotli\n`,
);
