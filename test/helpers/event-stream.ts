// A client of a server-sent events stream for tests: connects with a cookie, parses the events, and
// waits for one that satisfies a condition (the board after a change, not merely the next one).
import { request } from "node:http";

export interface EventStream<T> {
  status: number;
  contentType: string | undefined;
  /** Every event received so far, parsed. */
  events: T[];
  /** The first event (already received or to come) after `from` satisfying `test`. */
  waitFor(test: (event: T) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<T>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openEventStream<T>(url: string, cookie: string | undefined, eventName = "board"): Promise<EventStream<T>> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: "text/event-stream", ...(cookie ? { cookie } : {}) } }, (res) => {
      const events: T[] = [];
      const waiters: (() => void)[] = [];
      let buffer = "";
      let endedResolve = () => {};
      const ended = new Promise<void>((r) => {
        endedResolve = r;
      });
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let cut = buffer.indexOf("\n\n");
        while (cut !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const lines = block.split("\n");
          const name = lines.find((line) => line.startsWith("event: "))?.slice(7);
          const data = lines
            .filter((line) => line.startsWith("data: "))
            .map((line) => line.slice(6))
            .join("\n");
          if (name === eventName && data) {
            events.push(JSON.parse(data) as T);
            for (const wake of waiters.splice(0)) wake();
          }
          cut = buffer.indexOf("\n\n");
        }
      });
      res.on("end", endedResolve);
      res.on("close", endedResolve);
      resolve({
        status: res.statusCode ?? 0,
        contentType: res.headers["content-type"],
        events,
        ended,
        close: () => req.destroy(),
        waitFor: (test, { from = 0, timeoutMs = 5000 } = {}) =>
          new Promise<T>((found, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`no matching event within ${timeoutMs} ms; last: ${JSON.stringify(events.at(-1))}`)),
              timeoutMs,
            );
            const look = () => {
              const event = events.slice(from).find(test);
              if (event !== undefined) {
                clearTimeout(timer);
                found(event);
              } else waiters.push(look);
            };
            look();
          }),
      });
    });
    req.on("error", reject);
    req.end();
  });
}
