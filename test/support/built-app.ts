import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "#db/project-root";
import { createTestDatabase, type TestDatabase } from "./database";

/**
 * The app exactly as production runs it: `remix build`, then `node build/index.js` in a process
 * of its own on a free port, with the HTTP layer that tests of request handling need. The
 * database follows the run: a copy of the run's template on the PostgreSQL server when
 * DATABASE_URL is set, otherwise the app's own embedded PGlite in a temporary folder.
 */
export type BuiltApp = {
  port: number;
  origin: string;
  pid: number;
  /** The server process's resident set size, in KB (/proc). */
  rssKb(): number;
  /** What the server logged at level error (unhandled errors, 500s). */
  loggedErrors(): string[];
  stop(): Promise<void>;
};

/** `npm run build`; its output only when it fails (esbuild's service prints a goroutine dump on exit otherwise). */
export function buildApp(): void {
  const result = spawnSync(
    process.execPath,
    [path.join(projectRoot(), "node_modules/@remix-run/dev/dist/cli.js"), "build"],
    {
      cwd: projectRoot(),
      encoding: "utf8",
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  if (result.status !== 0) throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export async function startBuiltApp(env: Record<string, string> = {}): Promise<BuiltApp> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oma-built-app-"));
  let database: TestDatabase | null = null;
  if (process.env.DATABASE_URL) database = await createTestDatabase();
  const child = spawn(process.execPath, [path.join(projectRoot(), "build/index.js")], {
    cwd: projectRoot(),
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: origin,
      DATA_DIR: dataDir,
      MAIL_WORKER: "false",
      HOUSEKEEPING: "false",
      LOG_LEVEL: "error",
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    await database?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) {
        const pid = child.pid!;
        return {
          port,
          origin,
          pid,
          rssKb: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN),
          loggedErrors: () => stderr.split("\n").filter((line) => line.includes('"level":"error"')),
          stop,
        };
      }
    } catch {
      /* still starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`the built app did not start:\n${stderr}`);
}

export type Body =
  | string
  | Buffer
  /** Generated while sending, so that a test of 100 MB does not hold 100 MB itself. */
  | { size: number; fill?: string; prefix?: Buffer; suffix?: Buffer };

export type SendOptions = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Body;
  /** Send the body with Transfer-Encoding: chunked instead of a declared Content-Length. */
  chunked?: boolean;
  /** Ask with Expect: 100-continue and send the body only when the server says so. */
  expectContinue?: boolean;
};

export type Sent = {
  status: number;
  headers: IncomingHttpHeaders;
  /** Header names as they came on the wire, one entry per header line. */
  headerNames: string[];
  body: string;
  /** Bytes of the request body written to the socket. */
  bytesSent: number;
  /** Total bytes of the request body there were to send. */
  bodySize: number;
};

/**
 * One request as a browser sends it: the whole body, even when the answer comes early, and the
 * answer read in full, on a socket of its own. Written on plain TCP, because Node's HTTP client
 * stops sending a body once an early answer has arrived. A connection reset before the answer
 * is complete fails the request; a reset while the rest of the body is still going out shows
 * as `bytesSent` below `bodySize`.
 */
export function send(app: BuiltApp, options: SendOptions): Promise<Sent> {
  const body = options.body;
  const prefix =
    body === undefined
      ? Buffer.alloc(0)
      : typeof body === "string"
        ? Buffer.from(body)
        : Buffer.isBuffer(body)
          ? body
          : (body.prefix ?? Buffer.alloc(0));
  const generated = body !== undefined && typeof body === "object" && !Buffer.isBuffer(body) ? body : null;
  const suffix = generated?.suffix ?? Buffer.alloc(0);
  const bodySize = prefix.length + (generated?.size ?? 0) + suffix.length;
  const headers: Record<string, string> = { Host: `127.0.0.1:${app.port}`, Origin: app.origin, ...options.headers };
  if (body !== undefined) {
    if (options.chunked) headers["Transfer-Encoding"] = "chunked";
    else headers["Content-Length"] = String(bodySize);
  }
  if (options.expectContinue) headers.Expect = "100-continue";
  const head = [
    `${options.method ?? "POST"} ${options.path} HTTP/1.1`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    "",
    "",
  ].join("\r\n");

  return new Promise((resolve, reject) => {
    const socket = net.connect(app.port, "127.0.0.1");
    let bytesSent = 0;
    let written = body === undefined;
    let received = Buffer.alloc(0);
    let answer: {
      status: number;
      headers: IncomingHttpHeaders;
      headerNames: string[];
      length: number | null;
      chunked: boolean;
    } | null = null;
    let response: Omit<Sent, "bytesSent" | "bodySize"> | null = null;
    let settled = false;

    const finish = () => {
      if (settled || !response || !written) return;
      settled = true;
      socket.destroy();
      resolve({ ...response, bytesSent, bodySize });
    };
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new Error(`${why} after ${bytesSent} of ${bodySize} body bytes`));
    };
    const complete = (bodyBytes: Buffer) => {
      response = {
        status: answer!.status,
        headers: answer!.headers,
        headerNames: answer!.headerNames,
        body: bodyBytes.toString("utf8"),
      };
      // A client that asked first and got a final answer instead does not send the body.
      if (!written && options.expectContinue && !continuing) written = true;
      finish();
    };

    let continuing = false;
    const parse = () => {
      for (;;) {
        if (!answer) {
          const end = received.indexOf("\r\n\r\n");
          if (end < 0) return;
          const lines = received.subarray(0, end).toString("latin1").split("\r\n");
          const status = Number(lines[0]!.split(" ")[1]);
          const parsed: IncomingHttpHeaders = {};
          const names: string[] = [];
          for (const line of lines.slice(1)) {
            const colon = line.indexOf(":");
            const name = line.slice(0, colon);
            const key = name.toLowerCase();
            const value = line.slice(colon + 1).trim();
            names.push(name);
            if (key === "set-cookie") parsed["set-cookie"] = [...(parsed["set-cookie"] ?? []), value];
            else parsed[key] = parsed[key] === undefined ? value : `${String(parsed[key])}, ${value}`;
          }
          received = received.subarray(end + 4);
          if (status === 100) {
            continuing = true;
            pump();
            continue;
          }
          const length = parsed["content-length"] === undefined ? null : Number(parsed["content-length"]);
          answer = {
            status,
            headers: parsed,
            headerNames: names,
            length,
            chunked: /chunked/i.test(String(parsed["transfer-encoding"] ?? "")),
          };
        }
        if (response) return;
        if (answer.length !== null) {
          if (received.length >= answer.length) complete(received.subarray(0, answer.length));
          return;
        }
        if (answer.chunked) {
          const chunks: Buffer[] = [];
          let at = 0;
          for (;;) {
            const lineEnd = received.indexOf("\r\n", at);
            if (lineEnd < 0) return;
            const size = parseInt(received.subarray(at, lineEnd).toString("latin1"), 16);
            if (received.length < lineEnd + 2 + size + 2) return;
            if (size === 0) return complete(Buffer.concat(chunks));
            chunks.push(received.subarray(lineEnd + 2, lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
          }
        }
        return; // read until the server closes
      }
    };

    socket.on("data", (d: Buffer) => {
      received = Buffer.concat([received, d]);
      parse();
    });
    socket.on("error", (err: NodeJS.ErrnoException) => {
      if (!response) fail(`connection failed before the answer was complete (${err.code ?? err.message})`);
      else {
        written = true;
        finish();
      }
    });
    socket.on("close", () => {
      if (!response && answer && answer.length === null && !answer.chunked) complete(received);
      if (!response) fail("connection closed before the answer was complete");
      written = true;
      finish();
    });

    const fill = Buffer.alloc(64 * 1024, generated?.fill ?? "a");
    const pieces = (function* () {
      if (prefix.length) yield prefix;
      let left = generated?.size ?? 0;
      while (left > 0) {
        const piece = left >= fill.length ? fill : fill.subarray(0, left);
        left -= piece.length;
        yield piece;
      }
      if (suffix.length) yield suffix;
    })();
    let pumping = false;
    const pump = () => {
      if (body === undefined || pumping) return;
      pumping = true;
      const step = () => {
        for (;;) {
          if (socket.destroyed) return;
          const next = pieces.next();
          if (next.done) {
            if (options.chunked) socket.write("0\r\n\r\n");
            written = true;
            finish();
            return;
          }
          bytesSent += next.value.length;
          const ok = options.chunked
            ? socket.write(
                Buffer.concat([Buffer.from(`${next.value.length.toString(16)}\r\n`), next.value, Buffer.from("\r\n")]),
              )
            : socket.write(next.value);
          if (!ok) {
            socket.once("drain", step);
            return;
          }
        }
      };
      step();
    };
    socket.write(head);
    if (!options.expectContinue) pump();
  });
}

/** A browser's cookies and form token for one app. */
export class Browser {
  private cookies = new Map<string, string>();
  csrfToken = "";

  constructor(readonly app: BuiltApp) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async send(options: SendOptions): Promise<Sent> {
    const res = await send(this.app, { ...options, headers: { Cookie: this.cookieHeader, ...options.headers } });
    const set = res.headers["set-cookie"] ?? [];
    for (const line of set) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === "" || /Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrfToken = token;
    return res;
  }

  get(path: string): Promise<Sent> {
    return this.send({ method: "GET", path });
  }

  /** A form post as a browser sends it, with this browser's token unless the fields set `_csrf`. */
  postForm(
    path: string,
    fields: Record<string, string>,
    options: Omit<SendOptions, "path" | "body"> = {},
  ): Promise<Sent> {
    const body = new URLSearchParams({ _csrf: this.csrfToken, ...fields }).toString();
    return this.send({
      ...options,
      path,
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...options.headers },
    });
  }
}

export type Part =
  { name: string; value: string } | { name: string; filename: string; type: string; body: Buffer | string };

/** A multipart/form-data body built by hand, so that tests control every byte of it. */
export function multipart(
  parts: Part[],
  boundary = "----oma-test-boundary",
): { contentType: string; body: Buffer; head(upTo: number): Buffer; tail: Buffer } {
  const encoded = parts.map((p) => {
    const disposition =
      "filename" in p ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${"filename" in p ? `Content-Type: ${p.type}\r\n` : ""}\r\n`;
    return Buffer.concat([Buffer.from(head), Buffer.from("filename" in p ? p.body : p.value), Buffer.from("\r\n")]);
  });
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const body = Buffer.concat([...encoded, tail]);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body,
    // Everything up to the start of part `upTo`'s data: a test streams that part's bytes itself.
    head: (upTo: number) => {
      const before = encoded.slice(0, upTo);
      const p = parts[upTo]!;
      const disposition =
        "filename" in p ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
      const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${"filename" in p ? `Content-Type: ${p.type}\r\n` : ""}\r\n`;
      return Buffer.concat([...before, Buffer.from(head), Buffer.from("filename" in p ? p.body : p.value)]);
    },
    tail: Buffer.concat([Buffer.from("\r\n"), tail]),
  };
}
