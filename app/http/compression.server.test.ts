import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCompressible, negotiateEncoding, varyOnEncoding } from "./compression.server";
import { precompressedStatic } from "./static.server";

describe("negotiateEncoding", () => {
  it("prefers brotli to gzip when a browser takes both", () => {
    expect(negotiateEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(negotiateEncoding("br, gzip")).toBe("br");
  });

  it("follows the q-values, and never picks an encoding refused with q=0", () => {
    expect(negotiateEncoding("br;q=0.5, gzip")).toBe("gzip");
    expect(negotiateEncoding("br;q=0, gzip;q=0")).toBeNull();
    expect(negotiateEncoding("gzip;q=0, *")).toBe("br");
    expect(negotiateEncoding("*;q=0")).toBeNull();
  });

  it("sends the bytes as they are without a header, or with encodings the server lacks", () => {
    expect(negotiateEncoding(undefined)).toBeNull();
    expect(negotiateEncoding("")).toBeNull();
    expect(negotiateEncoding("identity")).toBeNull();
    expect(negotiateEncoding("deflate, zstd")).toBeNull();
  });

  it("picks only among what is on offer", () => {
    expect(negotiateEncoding("br, gzip", ["gzip"])).toBe("gzip");
    expect(negotiateEncoding("br", ["gzip"])).toBeNull();
    expect(negotiateEncoding("x-gzip", ["gzip"])).toBe("gzip");
  });
});

describe("what is compressed", () => {
  it("compresses pages, data, scripts and stylesheets, not images or event streams", () => {
    expect(isCompressible("text/html; charset=utf-8")).toBe(true);
    expect(isCompressible("text/x-script")).toBe(true);
    expect(isCompressible("application/json")).toBe(true);
    expect(isCompressible("image/png")).toBe(false);
    expect(isCompressible("application/pdf")).toBe(false);
    expect(isCompressible("text/event-stream")).toBe(false);
    expect(isCompressible(null)).toBe(false);
  });

  it("adds Accept-Encoding to Vary once", () => {
    expect(varyOnEncoding(undefined)).toBe("Accept-Encoding");
    expect(varyOnEncoding("Cookie")).toBe("Cookie, Accept-Encoding");
    expect(varyOnEncoding("accept-encoding")).toBe("accept-encoding");
  });
});

describe("precompressedStatic", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-static-"));
  const css = "body { color: red; }\n".repeat(200);
  let base = "";
  let server: ReturnType<ReturnType<typeof express>["listen"]>;

  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, "_assets"));
    fs.writeFileSync(path.join(dir, "_assets", "app.css"), css);
    fs.writeFileSync(path.join(dir, "_assets", "app.css.br"), zlib.brotliCompressSync(css));
    fs.writeFileSync(path.join(dir, "_assets", "app.css.gz"), zlib.gzipSync(css));
    fs.writeFileSync(path.join(dir, "plain.js"), "export {};\n");
    const app = express();
    app.use("/build", precompressedStatic(dir, { cacheControl: "public, max-age=31536000, immutable" }));
    app.use((_req, res) => void res.status(404).send("fell through"));
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/build`;
  });

  afterAll(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // fetch would decode the body itself: node:http shows what travelled.
  const get = (pathname: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        import("node:http").then(({ get: httpGet }) => {
          httpGet(base + pathname, { headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
            );
          }).on("error", reject);
        }, reject);
      },
    );

  it("serves the brotli copy to a browser that takes it, with its type, length and Vary", async () => {
    const res = await get("/_assets/app.css", { "Accept-Encoding": "gzip, deflate, br" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(css.length / 10);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(css);
  });

  it("serves gzip to a client without brotli, and the file itself to one that takes neither", async () => {
    const gz = await get("/_assets/app.css", { "Accept-Encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).toString()).toBe(css);
    const plain = await get("/_assets/app.css");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(css);
    expect(plain.headers.etag).not.toBe(gz.headers.etag);
  });

  it("answers 304 to a revalidation with the ETag of the encoding sent", async () => {
    const first = await get("/_assets/app.css", { "Accept-Encoding": "br" });
    const again = await get("/_assets/app.css", {
      "Accept-Encoding": "br",
      "If-None-Match": String(first.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("serves a file without copies as it is, and leaves unknown paths and copies to the next handler", async () => {
    const js = await get("/plain.js", { "Accept-Encoding": "br" });
    expect(js.headers["content-encoding"]).toBeUndefined();
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.body.toString()).toBe("export {};\n");
    expect((await get("/missing.js")).body.toString()).toBe("fell through");
    expect((await get("/_assets/app.css.br")).body.toString()).toBe("fell through");
    expect((await get("/../package.json")).body.toString()).toBe("fell through");
  });
});
