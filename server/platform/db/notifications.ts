// One LISTEN connection to PostgreSQL for a process: a dedicated client (LISTEN holds its session,
// so it cannot come from the pool), opened on first use, reopened after a failure. A reconnect may
// have missed notifications, so the listener is then told "anything may have changed" (payload null).
import pg from "pg";

export interface ChannelListener {
  /** Stops listening and closes the connection. */
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Milliseconds before reconnecting after the connection failed. */
  retryMs?: number;
  onError?: (error: Error) => void;
}

/**
 * Listens to `channel` and calls `onNotify` with each payload, or with null after (re)connecting.
 * Resolves once the first LISTEN is in place (or failed: it keeps retrying in the background).
 */
export async function listen(
  databaseUrl: string,
  channel: string,
  onNotify: (payload: string | null) => void,
  options: ListenOptions = {},
): Promise<ChannelListener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`channel name ${channel} must be a plain identifier`);
  const retryMs = options.retryMs ?? 1000;
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let connectedOnce = false;

  const connect = async (): Promise<void> => {
    if (closed) return;
    const next = new pg.Client({ connectionString: databaseUrl });
    client = next;
    next.on("notification", (message) => {
      if (message.channel === channel) onNotify(message.payload ?? "");
    });
    next.on("error", (error) => {
      options.onError?.(error);
      reconnect(next);
    });
    next.on("end", () => reconnect(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      if (connectedOnce) onNotify(null);
      connectedOnce = true;
    } catch (error) {
      options.onError?.(error as Error);
      reconnect(next);
    }
  };

  const reconnect = (failed: pg.Client) => {
    if (closed || client !== failed || retry) return;
    client = null;
    failed.end().catch(() => {});
    connectedOnce = true; // whatever came before, a new session may have missed notifications
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, retryMs);
    retry.unref();
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
