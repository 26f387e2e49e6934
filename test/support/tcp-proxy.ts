import net from "node:net";
import tls from "node:tls";

/**
 * - forward: pass bytes both ways;
 * - silent: the network path went quiet: connections stay open, every byte either way is dropped,
 *   new connections are accepted and never forwarded;
 * - reset: every connection is reset (RST), now and on arrival.
 */
export type ProxyMode = "forward" | "silent" | "reset";

export type TcpProxy = {
  port: number;
  /** The same database URL, through the proxy. */
  urlFor(databaseUrl: string): string;
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
};

type Pair = { client: net.Socket; upstream: net.Socket | null; dropped: boolean };

const SSL_REQUEST = 80877103;

/**
 * A TCP proxy in front of a database server that a test can cut. A connection that lost bytes
 * while silent stays silent after `forward` (its protocol state is gone, as after a real outage
 * the peer's state would be); connections that stayed idle carry on, as over a healed network.
 */
export async function startTcpProxy(
  target: { host: string; port: number },
  /** Accept PostgreSQL's SSLRequest and end TLS here, as a server with `ssl = on` would; the upstream stays plain. */
  options: { tls?: { key: string; cert: string } } = {},
): Promise<TcpProxy> {
  let mode: ProxyMode = "forward";
  const pairs = new Set<Pair>();

  const relay = (pair: Pair, to: () => net.Socket | null) => (chunk: Buffer) => {
    if (mode !== "forward") pair.dropped = true;
    if (!pair.dropped) to()?.write(chunk);
  };

  const accept = (client: net.Socket) => {
    const pair: Pair = { client, upstream: null, dropped: false };
    pairs.add(pair);
    client.on("error", () => {});
    client.on("close", () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    if (mode === "reset") {
      client.resetAndDestroy();
      return;
    }
    client.on(
      "data",
      relay(pair, () => pair.upstream),
    );
    if (mode === "silent") {
      pair.dropped = true;
      return;
    }
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => client.destroy());
    upstream.on(
      "data",
      relay(pair, () => client),
    );
  };

  const server = net.createServer((raw) => {
    if (!options.tls || mode === "reset") return accept(raw);
    const secureContext = tls.createSecureContext(options.tls);
    raw.on("error", () => {});
    raw.once("data", (first: Buffer) => {
      if (first.length < 8 || first.readInt32BE(4) !== SSL_REQUEST) return raw.destroy();
      raw.write("S");
      const secure = new tls.TLSSocket(raw, { isServer: true, secureContext });
      secure.on("secure", () => accept(secure));
      secure.on("error", () => raw.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    urlFor(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    setMode(next) {
      mode = next;
      if (next !== "reset") return;
      for (const pair of pairs) {
        if (pair.client instanceof tls.TLSSocket) pair.client.destroy();
        else pair.client.resetAndDestroy();
        pair.upstream?.resetAndDestroy();
      }
    },
    async close() {
      for (const pair of pairs) pair.client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
