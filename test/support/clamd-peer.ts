import net from "node:net";

/**
 * A stand-in for clamd on 127.0.0.1, speaking its wire protocol as clamd 1.x does: commands
 * prefixed with "z" (NUL-terminated, replies too), "n" (newline-terminated) or nothing (legacy,
 * newline); PING, VERSION and INSTREAM; StreamMaxLength; one command per connection, after
 * which it closes. It "detects" only the EICAR test string, anywhere in the stream. No real
 * clamd can run here: it needs a signature database, and that needs the network.
 */

export const EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
const EICAR_BYTES = Buffer.from(EICAR, "latin1");

export type ClamdPeerOptions = {
  /** As clamd.conf's StreamMaxLength; clamd's default is 25 MiB. */
  streamMaxLength?: number;
  /** Take the whole stream, then never answer: a hung scanner. */
  silent?: boolean;
  /** Drop the connection without a word once this many stream bytes have arrived. */
  closeAfterBytes?: number;
  /** Answer every complete stream with this instead of a verdict, e.g. "stream: Can't allocate memory ERROR". */
  answerWith?: string;
  /** Stop reading from the socket for this long once INSTREAM has arrived, as a busy clamd would. */
  stallMs?: number;
};

export type ClamdSession = {
  /** The command without its prefix, e.g. "INSTREAM". */
  command: string;
  /** "z", "n", or "" for the legacy form. */
  prefix: string;
  /** The length of every chunk as announced, in order; the terminating empty chunk not included. */
  chunkSizes: number[];
  bytes: number;
  /** What was sent back, without its terminator; null while there is no answer. */
  reply: string | null;
};

export type ClamdPeer = {
  host: string;
  port: number;
  sessions: ClamdSession[];
  /** Drops every connection and stops listening. */
  stop(): Promise<void>;
};

export async function startClamdPeer(options: ClamdPeerOptions = {}): Promise<ClamdPeer> {
  const host = "127.0.0.1";
  const maxLength = options.streamMaxLength ?? 25 * 1024 * 1024;
  const sessions: ClamdSession[] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    const session: ClamdSession = { command: "", prefix: "", chunkSizes: [], bytes: 0, reply: null };
    let pending: Buffer = Buffer.alloc(0);
    let state: "command" | "length" | "data" | "done" = "command";
    let terminator = "\n";
    let remaining = 0;
    // The last bytes of the stream so far, so that a signature split over chunks is still found.
    let tail: Buffer = Buffer.alloc(0);
    let infected = false;

    const answer = (text: string, close: "end" | "reset") => {
      session.reply = text;
      state = "done";
      // clamd close()s with the client's unread bytes still queued, which resets the connection.
      socket.write(text + terminator, () => (close === "reset" ? socket.destroy() : socket.end()));
    };

    const pump = () => {
      for (;;) {
        if (state === "done") return;
        if (state === "command") {
          if (pending.length === 0) return;
          const prefix = pending[0] === 0x7a ? "z" : pending[0] === 0x6e ? "n" : "";
          const end = pending.indexOf(prefix === "z" ? 0 : 0x0a);
          if (end < 0) {
            if (pending.length > 1024) answer("COMMAND READ TIMED OUT", "reset");
            return;
          }
          session.prefix = prefix;
          session.command = pending.subarray(prefix.length, end).toString("latin1");
          terminator = prefix === "z" ? "\0" : "\n";
          pending = pending.subarray(end + 1);
          sessions.push(session);
          if (session.command === "PING") answer("PONG", "end");
          else if (session.command === "VERSION") answer("ClamAV 1.4.1/27500/Mon Jan 13 09:00:00 2025", "end");
          else if (session.command === "INSTREAM") {
            state = "length";
            if (options.stallMs) {
              socket.pause();
              setTimeout(() => socket.resume(), options.stallMs);
            }
          } else answer("UNKNOWN COMMAND", "end");
        } else if (state === "length") {
          if (pending.length < 4) return;
          const length = pending.readUInt32BE(0);
          pending = pending.subarray(4);
          if (length === 0) {
            state = "done";
            if (!options.silent)
              answer(options.answerWith ?? (infected ? "stream: Eicar-Signature FOUND" : "stream: OK"), "end");
            return;
          }
          if (session.bytes + length > maxLength) {
            answer("INSTREAM size limit exceeded. ERROR", "reset");
            return;
          }
          session.chunkSizes.push(length);
          remaining = length;
          state = "data";
        } else {
          if (pending.length === 0) return;
          const piece = pending.subarray(0, remaining);
          pending = pending.subarray(piece.length);
          remaining -= piece.length;
          session.bytes += piece.length;
          const window = Buffer.concat([tail, piece]);
          if (window.includes(EICAR_BYTES)) infected = true;
          tail = window.subarray(Math.max(0, window.length - (EICAR_BYTES.length - 1)));
          if (options.closeAfterBytes !== undefined && session.bytes >= options.closeAfterBytes) {
            state = "done";
            socket.destroy();
            return;
          }
          if (remaining === 0) state = "length";
        }
      }
    };

    socket.on("data", (data: Buffer) => {
      if (state === "done") return;
      pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
      pump();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("clamd peer has no TCP address");

  return {
    host,
    port: address.port,
    sessions,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
