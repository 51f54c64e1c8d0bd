// A TCP proxy between the app under test and a shared service (PostgreSQL, Redis), so a test can cut
// that service for the app alone without stopping the machine's server that teammates use.
//   refuse()    : every open connection is reset and new ones are reset on arrival (server down);
//   blackhole() : open connections stop carrying bytes and new ones are accepted but never answered
//                 (a hung server or a network partition: the client only notices by its own timeouts);
//   restore()   : traffic flows again; held connections resume where they stopped, like a healed network.
import { connect, createServer, type Socket } from "node:net";

export type ProxyMode = "forward" | "refuse" | "blackhole";

export interface TcpProxy {
  readonly port: number;
  readonly mode: ProxyMode;
  /** The same URL with its host and port replaced by the proxy's (database name, user… kept). */
  url(target: string): string;
  refuse(): void;
  blackhole(): void;
  restore(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket | null;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = "forward";
  const pairs = new Set<Pair>();

  const forward = (pair: Pair) => {
    const upstream = connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on("error", () => pair.client.destroy());
    upstream.on("close", () => pair.client.destroy());
    // Plain 'data' forwarding rather than pipe(): pause() and resume() then hold and release traffic
    // without pipe's own flow control resuming a stream we paused on purpose.
    upstream.on("data", (chunk) => pair.client.write(chunk));
    pair.client.on("data", (chunk) => upstream.write(chunk));
  };

  const server = createServer((client) => {
    client.on("error", () => {});
    if (mode === "refuse") {
      client.resetAndDestroy();
      return;
    }
    const pair: Pair = { client, upstream: null };
    pairs.add(pair);
    client.on("close", () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    // While blackholed the client's bytes wait unread (a socket without a 'data' listener does not flow).
    if (mode === "forward") forward(pair);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("proxy has no port");

  return {
    port: address.port,
    get mode() {
      return mode;
    },
    url(raw) {
      const parsed = new URL(raw);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(address.port);
      return parsed.toString();
    },
    refuse() {
      mode = "refuse";
      for (const pair of pairs) {
        pair.client.resetAndDestroy();
        pair.upstream?.destroy();
      }
      pairs.clear();
    },
    blackhole() {
      mode = "blackhole";
      for (const pair of pairs) {
        pair.client.pause();
        pair.upstream?.pause();
      }
    },
    restore() {
      mode = "forward";
      for (const pair of pairs) {
        if (!pair.upstream) forward(pair);
        pair.client.resume();
        pair.upstream?.resume();
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
