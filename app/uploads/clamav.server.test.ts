import net from "node:net";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { EICAR, startClamdPeer, type ClamdPeer, type ClamdPeerOptions } from "#test/support/clamd-peer";
import { CLAMD_CHUNK_BYTES, ClamdError, pingClamd, scanWithClamd } from "./clamav.server";

const peers: ClamdPeer[] = [];
const servers: net.Server[] = [];
const rawSockets = new Set<net.Socket>();

async function peer(options?: ClamdPeerOptions): Promise<ClamdPeer> {
  const p = await startClamdPeer(options);
  peers.push(p);
  return p;
}

/** A raw TCP server for replies no well-behaved clamd gives. */
async function rawServer(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    rawSockets.add(socket);
    socket.on("error", () => undefined);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.stop()));
  for (const socket of rawSockets) socket.destroy();
  rawSockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Bytes that look like a compressed file: deterministic, never the EICAR string. */
function filler(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A lazily produced file of `total` bytes in chunks of `chunk`, counting what was read. */
function lazyFile(total: number, chunk: number) {
  const counter = { pulled: 0 };
  async function* generate() {
    for (let at = 0; at < total; at += chunk) {
      const size = Math.min(chunk, total - at);
      counter.pulled += size;
      yield filler(size, at + 1);
    }
  }
  return { source: generate(), counter };
}

const at = (p: ClamdPeer) => ({ host: p.host, port: p.port });

async function failure(promise: Promise<unknown>): Promise<ClamdError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClamdError);
  return err as ClamdError;
}

describe("scanWithClamd", () => {
  it("reports a clean file clean, sent as zINSTREAM", async () => {
    const p = await peer();
    const letter = Buffer.from("Geachte heer Jansen,\n\nWij hebben uw klacht ontvangen.\n");
    await expect(scanWithClamd(Readable.from([letter]), at(p))).resolves.toEqual({ clean: true });
    expect(p.sessions).toEqual([
      { command: "INSTREAM", prefix: "z", chunkSizes: [letter.length], bytes: letter.length, reply: "stream: OK" },
    ]);
  });

  it("reports the EICAR test file with its signature", async () => {
    const p = await peer();
    await expect(scanWithClamd(Readable.from([Buffer.from(EICAR, "latin1")]), at(p))).resolves.toEqual({
      clean: false,
      signature: "Eicar-Signature",
    });
  });

  it("finds EICAR straddling a chunk boundary, whether the client or the source split it", async () => {
    const p = await peer();
    const file = Buffer.concat([filler(CLAMD_CHUNK_BYTES - 30), Buffer.from(EICAR, "latin1"), filler(1000, 7)]);
    await expect(scanWithClamd(Readable.from([file]), at(p))).resolves.toEqual({
      clean: false,
      signature: "Eicar-Signature",
    });
    expect(p.sessions[0]?.chunkSizes).toEqual([CLAMD_CHUNK_BYTES, file.length - CLAMD_CHUNK_BYTES]);

    const eicar = Buffer.from(EICAR, "latin1");
    async function* halves() {
      yield Buffer.concat([filler(500), eicar.subarray(0, 20)]);
      yield eicar.subarray(20);
    }
    await expect(scanWithClamd(halves(), at(p))).resolves.toEqual({ clean: false, signature: "Eicar-Signature" });
    expect(p.sessions[1]?.chunkSizes).toEqual([520, eicar.length - 20]);
  });

  it("streams a 5 MB file in chunks of at most 64 KiB", async () => {
    const p = await peer();
    const total = 5_000_000;
    const { source } = lazyFile(total, 200_003);
    await expect(scanWithClamd(source, at(p))).resolves.toEqual({ clean: true });
    const sizes = p.sessions[0]?.chunkSizes ?? [];
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(CLAMD_CHUNK_BYTES);
    expect(sizes.length).toBeGreaterThanOrEqual(Math.ceil(total / CLAMD_CHUNK_BYTES));
  });

  it("reads the source only as fast as clamd takes it", async () => {
    const p = await peer({ stallMs: 700 });
    const total = 24 * 1024 * 1024;
    const { source, counter } = lazyFile(total, CLAMD_CHUNK_BYTES);
    const scan = scanWithClamd(source, at(p));
    await new Promise((resolve) => setTimeout(resolve, 400));
    // While clamd does not read, only what fits in the socket buffers has been taken (some MiB on loopback).
    expect(counter.pulled).toBeLessThan(total / 2);
    await expect(scan).resolves.toEqual({ clean: true });
    expect(counter.pulled).toBe(total);
  });

  it("skips empty chunks rather than ending the stream early", async () => {
    const p = await peer();
    async function* withEmpty() {
      yield Buffer.from("eerste deel, ");
      yield new Uint8Array(0);
      yield Buffer.from(EICAR, "latin1");
    }
    await expect(scanWithClamd(withEmpty(), at(p))).resolves.toEqual({ clean: false, signature: "Eicar-Signature" });
  });

  it("throws when the file exceeds StreamMaxLength, and stops reading the source", async () => {
    const p = await peer({ streamMaxLength: 1024 * 1024 });
    const total = 8 * 1024 * 1024;
    const { source, counter } = lazyFile(total, CLAMD_CHUNK_BYTES);
    const err = await failure(scanWithClamd(source, at(p)));
    expect(err.reason).toBe("size_limit");
    expect(err.message).toMatch(/INSTREAM size limit exceeded/);
    expect(counter.pulled).toBeLessThan(total);
  });

  it("throws when clamd drops the connection mid-stream", async () => {
    const p = await peer({ closeAfterBytes: 200_000 });
    const { source } = lazyFile(4_000_000, CLAMD_CHUNK_BYTES);
    const err = await failure(scanWithClamd(source, at(p)));
    expect(err.reason).toBe("connection");
  });

  it("throws when clamd takes the stream but never answers", async () => {
    const p = await peer({ silent: true });
    const started = Date.now();
    const err = await failure(scanWithClamd(Readable.from([filler(10_000)]), { ...at(p), timeoutMs: 300 }));
    expect(err.reason).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(p.sessions[0]?.bytes).toBe(10_000);
  });

  it("throws when nothing listens", async () => {
    const p = await peer();
    const { port } = at(p);
    await p.stop();
    const err = await failure(scanWithClamd(Readable.from([Buffer.from("x")]), { host: "127.0.0.1", port }));
    expect(err.reason).toBe("connection");
  });

  it("throws on an ERROR reply", async () => {
    const p = await peer({ answerWith: "stream: Can't allocate memory ERROR" });
    const err = await failure(scanWithClamd(Readable.from([filler(100)]), at(p)));
    expect(err.reason).toBe("scanner_error");
    expect(err.message).toMatch(/Can't allocate memory ERROR/);
  });

  it("does not take an OK given before the stream was complete", async () => {
    const port = await rawServer((socket) => {
      socket.once("data", () => socket.end("stream: OK\0"));
    });
    const { source } = lazyFile(16 * 1024 * 1024, CLAMD_CHUNK_BYTES);
    const err = await failure(scanWithClamd(source, { host: "127.0.0.1", port }));
    expect(err.reason).toBe("protocol");
  });

  it("throws on a reply that is no verdict", async () => {
    const port = await rawServer((socket) => {
      let seen = Buffer.alloc(0);
      socket.on("data", (d: Buffer) => {
        seen = Buffer.concat([seen, d]);
        if (seen.subarray(-4).equals(Buffer.alloc(4))) socket.end("UNKNOWN COMMAND\0");
      });
    });
    const err = await failure(scanWithClamd(Readable.from([Buffer.from("brief")]), { host: "127.0.0.1", port }));
    expect(err.reason).toBe("protocol");
  });

  it("passes on the source's own failure and never ends the stream for it", async () => {
    const p = await peer();
    async function* broken() {
      yield Buffer.from("begin van het bestand");
      throw new Error("storage read failed");
    }
    await expect(scanWithClamd(broken(), at(p))).rejects.toThrow("storage read failed");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.sessions[0]?.reply).toBeNull();
  });

  it("refuses a stream that yields text", async () => {
    const p = await peer();
    const text = Readable.from([Buffer.from("brief")]).setEncoding("utf8");
    await expect(scanWithClamd(text, at(p))).rejects.toThrow(TypeError);
  });
});

describe("pingClamd", () => {
  it("resolves on PONG", async () => {
    const p = await peer();
    await expect(pingClamd(at(p))).resolves.toBeUndefined();
    expect(p.sessions[0]).toMatchObject({ command: "PING", prefix: "z", reply: "PONG" });
  });

  it("throws when clamd is down or answers otherwise", async () => {
    const p = await peer();
    const { port } = at(p);
    await p.stop();
    expect((await failure(pingClamd({ host: "127.0.0.1", port }))).reason).toBe("connection");
    const other = await rawServer((socket) => socket.once("data", () => socket.end("UNKNOWN COMMAND\0")));
    expect((await failure(pingClamd({ host: "127.0.0.1", port: other }))).reason).toBe("protocol");
    const mute = await rawServer(() => undefined);
    expect((await failure(pingClamd({ host: "127.0.0.1", port: mute, timeoutMs: 200 }))).reason).toBe("timeout");
  });
});

describe("the clamd peer speaks the protocol as clamd does", () => {
  async function converse(port: number, ...writes: Buffer[]): Promise<string> {
    const socket = net.createConnection({ host: "127.0.0.1", port });
    const received: Buffer[] = [];
    socket.on("data", (d: Buffer) => received.push(d));
    for (const w of writes) socket.write(w);
    await new Promise<void>((resolve, reject) => {
      socket.on("close", () => resolve());
      socket.on("error", reject);
    });
    return Buffer.concat(received).toString("latin1");
  }
  const frame = (data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, data]);
  };

  it("answers n-commands with newlines, z-commands with NULs, legacy commands with newlines", async () => {
    const p = await peer();
    expect(await converse(p.port, Buffer.from("nPING\n"))).toBe("PONG\n");
    expect(await converse(p.port, Buffer.from("zPING\0"))).toBe("PONG\0");
    expect(await converse(p.port, Buffer.from("PING\n"))).toBe("PONG\n");
    expect(await converse(p.port, Buffer.from("zVERSION\0"))).toMatch(/^ClamAV [\d.]+\/\d+\/.*\0$/);
    expect(await converse(p.port, Buffer.from("nSCANVIRUS\n"))).toBe("UNKNOWN COMMAND\n");
  });

  it("frames nINSTREAM like zINSTREAM, and enforces StreamMaxLength on the announced length", async () => {
    const p = await peer({ streamMaxLength: 100 });
    const eicar = Buffer.from(EICAR, "latin1");
    expect(
      await converse(
        p.port,
        Buffer.from("nINSTREAM\n"),
        frame(eicar.subarray(0, 30)),
        frame(eicar.subarray(30)),
        Buffer.alloc(4),
      ),
    ).toBe("stream: Eicar-Signature FOUND\n");
    expect(await converse(p.port, Buffer.from("zINSTREAM\0"), frame(filler(60)), frame(filler(41)))).toBe(
      "INSTREAM size limit exceeded. ERROR\0",
    );
    expect(p.sessions.map((s) => s.chunkSizes)).toEqual([[30, eicar.length - 30], [60]]);
  });
});
