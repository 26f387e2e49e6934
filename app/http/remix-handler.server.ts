import type { IncomingHttpHeaders } from "node:http";
import { finished } from "node:stream/promises";
import zlib from "node:zlib";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { isLocale, LOCALE_COOKIE } from "#app/i18n/locale.server";
import { readCookie } from "#app/utils/cookies.server";
import type { Locale } from "#app/i18n/catalogue.server";
import { logger } from "#app/utils/logger.server";
import { hasControlChars, stripControlCharsFromUrlencoded } from "#app/utils/text";
import {
  allowBody,
  BodyStream,
  declaredLength,
  drainAfterResponse,
  endResponse,
  hasBody,
  readWhole,
} from "./body.server";
import {
  compressWhole,
  createCompressor,
  isCompressible,
  MIN_COMPRESSED_BYTES,
  negotiateEncoding,
  varyOnEncoding,
  type Encoding,
} from "./compression.server";
import { bodyPolicyFor, limitFor, mediaTypeOf, routePath, type BodyLimits } from "./body-policy";
import { refusalResponse, type Refusal } from "./refusal.server";

/**
 * The bridge between Express and Remix, in place of @remix-run/express: that adapter hands
 * Remix the raw request stream, so a body cannot be limited before a route buffers it, and a
 * route that stops reading (a file over its limit) destroys the socket instead of answering.
 * Here every body passes its route kind's policy first (body-policy.ts): the wrong type is a
 * 415, a declared length over the limit a 413 before a byte is read, small text bodies are read
 * whole within their limit, and streamed ones are counted and cut at it with a 413. Whatever
 * nobody read is drained after the answer. Control characters leave the query string and
 * urlencoded bodies here (app/utils/text.ts). Headers a route sets replace the defaults instead
 * of being sent twice. As in the Remix adapter, the request's signal aborts when the client
 * goes away before the answer is complete, and streamed answers stream.
 */
export function createRemixHandler(options: {
  build: ServerBuild;
  mode: string;
  limits: BodyLimits;
  getLoadContext(req: ExpressRequest, res: ExpressResponse): AppLoadContext | Promise<AppLoadContext>;
}) {
  const handle = createRequestHandler(options.build, options.mode);
  const stylesheets = rootStylesheets(options.build);

  const refuse = (
    req: ExpressRequest,
    res: ExpressResponse,
    refusal: Refusal,
    answer: "page" | "json",
    limit: number | null = null,
    stream?: BodyStream,
  ) => {
    const chosen = readCookie(req.headers.cookie, LOCALE_COOKIE);
    const locale: Locale = isLocale(chosen) ? chosen : "nl";
    const r = refusalResponse({ refusal, answer, locale, limit, stylesheets });
    if (!res.headersSent) {
      res.statusCode = r.status;
      for (const [name, value] of Object.entries(r.headers)) res.setHeader(name, value);
      res.setHeader("Content-Length", Buffer.byteLength(r.body));
    }
    endResponse(req, res, req.method === "HEAD" ? undefined : r.body, stream);
  };

  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const url = requestUrl(req);
      if (!url) return refuse(req, res, "bad_request", "page");
      // An address is never text someone typed into a form: one with control characters is refused, not repaired.
      if (hasControlChars(routePath(url.pathname))) return refuse(req, res, "bad_request", "page");
      if (url.search) url.search = stripControlCharsFromUrlencoded(url.search.slice(1));

      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      let cutOff: () => { answer: "page" | "json"; limit: number | null } | null = () => null;
      const init: RequestInit & { duplex?: "half" } = {
        method: req.method,
        headers: remixHeaders(req.headers),
        signal: controller.signal,
      };

      let stream: BodyStream | undefined;
      drainAfterResponse(req, res, () => stream);
      if (req.method !== "GET" && req.method !== "HEAD" && hasBody(req)) {
        const policy = bodyPolicyFor(req.method, url.pathname, options.limits);
        const type = mediaTypeOf(req.headers["content-type"]);
        const limit = limitFor(policy, type);
        if (limit === undefined) return refuse(req, res, "unsupported_type", policy.answer);
        const declared = declaredLength(req);
        if (limit !== null && declared !== null && declared > limit)
          return refuse(req, res, "too_large", policy.answer, limit);
        // Only now may a client that waits for it send the body (main.server.ts listens for checkContinue).
        allowBody(req, res);
        if ((type === "urlencoded" || type === "json") && limit !== null) {
          const body = await readWhole(req, limit).catch(() => null);
          // The client went away while sending: nobody is left to answer.
          if (body === null) return void res.destroy();
          if (body === "too_large") return refuse(req, res, "too_large", policy.answer, limit);
          const text = body.toString("utf8");
          init.body = type === "urlencoded" ? stripControlCharsFromUrlencoded(text) : text;
          const headers = init.headers as Headers;
          headers.delete("transfer-encoding");
          headers.set("content-length", String(Buffer.byteLength(init.body)));
        } else {
          const counted = new BodyStream(req, limit);
          stream = counted;
          init.body = counted.stream;
          init.duplex = "half";
          cutOff = () => (counted.tooLarge ? { answer: policy.answer, limit } : null);
        }
      }

      const context = await options.getLoadContext(req, res);
      let response: globalThis.Response;
      try {
        response = await handle(new Request(url.href, init), context);
      } catch (err) {
        const cut = cutOff();
        if (cut) return refuse(req, res, "too_large", cut.answer, cut.limit, stream);
        throw err;
      }
      // Whatever the route made of a body cut at its limit, the answer is that it was too large.
      const cut = cutOff();
      if (cut) {
        // Read to the end rather than cancelled: a cancelled render logs itself as an error.
        await response.body?.pipeTo(new WritableStream()).catch(() => undefined);
        return refuse(req, res, "too_large", cut.answer, cut.limit, stream);
      }
      await sendResponse(req, res, response, stream);
    } catch (err) {
      next(err);
    }
  };
}

/** The request's URL as Remix should see it; `null` when the Host header makes no URL. */
function requestUrl(req: ExpressRequest): URL | null {
  // req.hostname has no port but respects "trust proxy"; the port comes from X-Forwarded-Host or Host.
  const portOf = (value: string | undefined) => {
    const port = Number.parseInt(value?.split(":")[1] ?? "", 10);
    return Number.isSafeInteger(port) ? port : null;
  };
  const port = portOf(req.get("X-Forwarded-Host")) ?? portOf(req.get("host"));
  try {
    return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  } catch {
    return null;
  }
}

function remixHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/** Exported for its tests. */
export async function sendResponse(
  req: ExpressRequest,
  res: ExpressResponse,
  response: globalThis.Response,
  stream?: BodyStream,
): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  // A header the route sets replaces the default set earlier (nosniff, say), so nothing is sent twice.
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.append("Set-Cookie", cookies);
  if (/text\/event-stream/i.test(response.headers.get("content-type") ?? "")) res.flushHeaders();
  const compressible =
    isCompressible(response.headers.get("content-type")) && !response.headers.has("content-encoding");
  if (compressible) res.setHeader("Vary", varyOnEncoding(res.getHeader("vary")));

  if (!response.body || req.method === "HEAD") {
    await response.body?.pipeTo(new WritableStream()).catch(() => undefined);
    endResponse(req, res, undefined, stream);
    return;
  }
  const encoding = compressible && response.status !== 204 ? negotiateEncoding(req.headers["accept-encoding"]) : null;
  const reader = response.body.getReader();
  const onClose = () => void reader.cancel().catch(() => undefined);
  res.once("close", onClose);
  try {
    if (encoding) return await sendCompressed(req, res, reader, encoding, stream);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await drained(res);
      if (res.destroyed) return;
    }
    endResponse(req, res, undefined, stream);
  } catch (err) {
    logger.warn("response stream failed", { err });
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  } finally {
    res.off("close", onClose);
  }
}

/**
 * Whether a pending read settles within a few milliseconds: a page renders in several ticks, and a
 * flush (or a write) for each would cost more CPU than compressing the whole page; a pause longer
 * than that (a streamed, deferred part) is worth sending what came before it.
 */
const STREAM_PAUSE_MS = 10;
/** An answer up to this size that is complete at once is compressed in one call (held in memory until then). */
const WHOLE_MAX_BYTES = 256 * 1024;
function settledSoon<T>(pending: Promise<T>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    pending.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), STREAM_PAUSE_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Sends a text answer brotli- or gzip-compressed (compression.server.ts). A short answer that is
 * complete at once goes as it is. Chunks that come together are compressed as one; when the route's
 * stream pauses (settledSoon), what came so far is flushed, so a streamed page still arrives in parts.
 */
async function sendCompressed(
  req: ExpressRequest,
  res: ExpressResponse,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  encoding: Encoding,
  stream?: BodyStream,
): Promise<void> {
  const first = await reader.read();
  if (first.done) return endResponse(req, res, undefined, stream);
  let pending = reader.read();
  if (first.value.byteLength < MIN_COMPRESSED_BYTES && (await settledSoon(pending)) && (await pending).done) {
    return endResponse(req, res, first.value, stream);
  }
  // Most answers are complete within moments: compressed in one call, they cost least. A large one
  // (a CSV export, say) or one that pauses is compressed as it streams.
  const whole: Uint8Array[] = [first.value];
  let size = first.value.byteLength;
  let next = (await settledSoon(pending)) ? await pending : null;
  while (next && !next.done && size < WHOLE_MAX_BYTES) {
    whole.push(next.value);
    size += next.value.byteLength;
    pending = reader.read();
    next = (await settledSoon(pending)) ? await pending : null;
  }
  res.setHeader("Content-Encoding", encoding);
  if (next?.done) {
    const body = compressWhole(encoding, Buffer.concat(whole));
    res.setHeader("Content-Length", body.length);
    return endResponse(req, res, body, stream);
  }
  if (next) {
    whole.push(next.value);
    pending = reader.read();
  }
  res.removeHeader("Content-Length");
  const compressor = createCompressor(encoding);
  const onClose = () => compressor.destroy();
  res.once("close", onClose);
  compressor.pipe(res, { end: false });
  const done = finished(compressor);
  // Awaited below when all went well; a client that went away ends it early, and that is no error.
  done.catch(() => undefined);
  try {
    let batch = whole;
    let ended = false;
    for (;;) {
      if (batch.length > 0) {
        if (!compressor.write(batch.length === 1 ? batch[0]! : Buffer.concat(batch))) await drained(compressor);
        batch = [];
        if (res.destroyed || compressor.destroyed) return;
      }
      if (ended) break;
      // The stream paused: what came so far goes out now.
      if (encoding === "gzip") compressor.flush(zlib.constants.Z_SYNC_FLUSH);
      else compressor.flush();
      // The next chunk, with whatever comes right after it (written in one call: each is a call into zlib).
      let read = await pending;
      let gathered = 0;
      while (!read.done) {
        batch.push(read.value);
        gathered += read.value.byteLength;
        pending = reader.read();
        if (gathered >= WHOLE_MAX_BYTES || !(await settledSoon(pending))) break;
        read = await pending;
      }
      ended = read.done === true;
    }
    compressor.end();
    await done;
    endResponse(req, res, undefined, stream);
  } finally {
    res.off("close", onClose);
  }
}

/** Waits until the socket takes more (or is gone): a large download is never held in memory. */
function drained(res: NodeJS.WritableStream & NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** The root route's stylesheets, so that a refusal page looks like the site. */
function rootStylesheets(build: ServerBuild): string[] {
  try {
    const links = build.routes.root?.module.links?.() ?? [];
    return links.flatMap((link) =>
      "rel" in link && link.rel === "stylesheet" && typeof link.href === "string" ? [link.href] : [],
    );
  } catch {
    return [];
  }
}
