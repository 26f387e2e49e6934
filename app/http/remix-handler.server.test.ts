import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendResponse } from "./remix-handler.server";

const page = "<p>De ombudsman is onafhankelijk en zijn hulp is gratis.</p>\n".repeat(200);

/** Answers as the Remix handler's routes would: a page at once, a page in two parts, a small JSON answer. */
function answer(path: string): Response {
  const headers = { "Content-Type": "text/html; charset=utf-8" };
  if (path === "/json") return Response.json({ status: "ok" });
  if (path === "/streamed") {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode("<h1>eerst</h1>" + page));
        await new Promise((r) => setTimeout(r, 300));
        controller.enqueue(encoder.encode("<p>daarna</p>"));
        controller.close();
      },
    });
    return new Response(body, { headers });
  }
  return new Response(page, { headers });
}

type Received = { headers: http.IncomingHttpHeaders; chunks: { at: number; bytes: Buffer }[]; began: number };

describe("compressed answers", () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    const app = express();
    app.use((req, res) => void sendResponse(req, res, answer(req.path)));
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => void server.close());

  const get = (path: string, acceptEncoding?: string) =>
    new Promise<Received>((resolve, reject) => {
      const began = performance.now();
      http
        .get(
          { host: "127.0.0.1", port, path, headers: acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {} },
          (res) => {
            const chunks: Received["chunks"] = [];
            res.on("data", (bytes: Buffer) => chunks.push({ at: performance.now(), bytes }));
            res.on("end", () => resolve({ headers: res.headers, chunks, began }));
          },
        )
        .on("error", reject);
    });
  const body = (r: Received) => Buffer.concat(r.chunks.map((c) => c.bytes));

  it("sends a page as brotli to a browser, gzip to a client without brotli, and as it is to one without either", async () => {
    const br = await get("/", "gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(Number(br.headers["content-length"])).toBe(body(br).length);
    expect(zlib.brotliDecompressSync(body(br)).toString()).toBe(page);
    const gz = await get("/", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(body(gz)).toString()).toBe(page);
    const plain = await get("/");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("Accept-Encoding");
    expect(body(plain).toString()).toBe(page);
  });

  it("sends a small answer as it is", async () => {
    const json = await get("/json", "br, gzip");
    expect(json.headers["content-encoding"]).toBeUndefined();
    expect(body(json).toString()).toBe('{"status":"ok"}');
  });

  it("still streams: what came before a pause arrives before the rest", async () => {
    const streamed = await get("/streamed", "br");
    expect(streamed.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(body(streamed)).toString()).toBe("<h1>eerst</h1>" + page + "<p>daarna</p>");
    const first = streamed.chunks[0]!;
    const last = streamed.chunks.at(-1)!;
    expect(last.at - first.at).toBeGreaterThan(200);
    // The first part decodes on its own (a flush ended it), without waiting for the second.
    const decoder = zlib.createBrotliDecompress();
    const firstText = await new Promise<string>((resolve) => {
      decoder.once("data", (d: Buffer) => resolve(d.toString()));
      decoder.write(first.bytes);
    });
    expect(firstText.startsWith("<h1>eerst</h1>")).toBe(true);
  });
});
