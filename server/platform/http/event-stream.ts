// Server-sent events on a hijacked response: the live board's and the desk's streams. The route's
// guards (session, permission) have run before it is called; from then on the stream writes its own
// headers, and whoever feeds it re-checks the session now and then (stillAllowed, in the hubs).
import type { FastifyReply, FastifyRequest } from "fastify";

/** What a hub gets to feed one open stream. */
export interface EventSink<T> {
  push(value: T): void;
  /** A comment line that keeps proxies from closing an idle connection. */
  ping(): void;
  end(): void;
}

/**
 * Opens the stream and subscribes it; `subscribe` returns the unsubscribe function. The subscription
 * ends when the client goes away, when the hub calls end, or when subscribing fails (logged).
 */
export async function streamEvents<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  event: string,
  subscribe: (sink: EventSink<T>) => Promise<() => void>,
): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    "x-content-type-options": "nosniff",
    // nginx and similar proxies would otherwise hold events back in their buffers.
    "x-accel-buffering": "no",
    "x-request-id": request.id,
  });
  // The browser reconnects after 3 s if the connection drops (a restart, a network change).
  raw.write("retry: 3000\n\n");

  let open = true;
  let remove = () => {};
  const end = () => {
    if (!open) return;
    open = false;
    remove();
    raw.end();
  };
  // The response closes when the client goes away (or the socket breaks): unsubscribe then.
  raw.on("close", end);
  raw.on("error", end);
  try {
    remove = await subscribe({
      push: (value) => {
        if (open) raw.write(`event: ${event}\ndata: ${JSON.stringify(value)}\n\n`);
      },
      ping: () => {
        if (open) raw.write(": keep-alive\n\n");
      },
      end,
    });
    if (!open) remove();
  } catch (error) {
    request.log.error({ err: error instanceof Error ? error.message : String(error) }, `${event}: could not open the stream`);
    end();
  }
}
