// Fans the database's change notifications out to the open board streams of a process. One LISTEN
// connection for all of them; a burst of changes (a call step touches a call, its queue entry and a
// staff member) is gathered for `debounceMs`, then each scope touched is computed once and pushed to
// every stream showing it. Streams also get a keep-alive comment (proxies close silent connections)
// and a periodic fresh board (callbacks come due and the day turns with no row changing), when each
// stream is also asked whether it may still be open (its session may have ended).
import type { BoardValue } from "../../contract/hotline/board.js";
import type { ChannelListener } from "../../platform/db/notifications.js";
import type { BoardScope } from "./board.js";

/** The channel the migration's triggers notify, with the agency id ('' for a call that reached none). */
export const BOARD_CHANNEL = "board_changes";

export interface BoardSubscriber {
  scope: BoardScope;
  push(board: BoardValue): void;
  ping(): void;
  /** Whether the stream may stay open (the session still valid); false ends it. */
  stillAllowed(): Promise<boolean>;
  end(): void;
}

export interface HubOptions {
  read(scope: BoardScope): Promise<BoardValue>;
  /** Starts listening; the hub calls it once, on its first subscriber. */
  listen(onNotify: (payload: string | null) => void): Promise<ChannelListener>;
  debounceMs?: number;
  keepAliveMs?: number;
  refreshMs?: number;
  onError?: (error: unknown) => void;
}

const scopeKey = (scope: BoardScope) => (scope.agencyId === null ? "province" : String(scope.agencyId));

/** Whether a change in this agency ('' none, null unknown) moves the scope's board. */
export function touches(scope: BoardScope, agency: string | null): boolean {
  if (agency === null || scope.agencyIds === null) return true;
  return agency !== "" && scope.agencyIds.includes(Number(agency));
}

export class BoardHub {
  private readonly subscribers = new Set<BoardSubscriber>();
  private listener: Promise<ChannelListener> | null = null;
  private dirty = new Set<string | null>();
  private debounce: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(private readonly options: HubOptions) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** Adds a stream and sends it its first board; returns the function that removes it. */
  async subscribe(subscriber: BoardSubscriber): Promise<() => void> {
    if (this.closed) throw new Error("the board hub is closed");
    this.start();
    this.subscribers.add(subscriber);
    const remove = () => {
      this.subscribers.delete(subscriber);
    };
    try {
      subscriber.push(await this.options.read(subscriber.scope));
    } catch (error) {
      remove();
      throw error;
    }
    return remove;
  }

  /** A notification's payload: an agency id, '' (no agency), or null (anything may have changed). */
  notify(agency: string | null): void {
    if (this.closed) return;
    this.dirty.add(agency);
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.flush();
    }, this.options.debounceMs ?? 250);
  }

  /** Ends every stream and stops listening (the server is shutting down). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.debounce) clearTimeout(this.debounce);
    for (const timer of this.timers) clearInterval(timer);
    for (const subscriber of this.subscribers) subscriber.end();
    this.subscribers.clear();
    await this.flushing;
    const listener = await this.listener?.catch(() => null);
    await listener?.close();
  }

  private start(): void {
    if (this.listener) return;
    this.listener = this.options.listen((payload) => this.notify(payload));
    this.listener.catch((error: unknown) => this.options.onError?.(error));
    const every = (ms: number, run: () => void) => {
      const timer = setInterval(run, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.keepAliveMs ?? 15_000, () => {
      for (const subscriber of this.subscribers) subscriber.ping();
    });
    every(this.options.refreshMs ?? 30_000, () => void this.recheck());
  }

  private async recheck(): Promise<void> {
    await Promise.all(
      [...this.subscribers].map(async (subscriber) => {
        const allowed = await subscriber.stillAllowed().catch(() => true);
        if (!allowed) {
          this.subscribers.delete(subscriber);
          subscriber.end();
        }
      }),
    );
    this.notify(null);
  }

  private async flush(): Promise<void> {
    if (this.flushing) {
      // A flush is under way: run again after it, with what gathered meanwhile.
      await this.flushing;
      if (this.dirty.size > 0 && !this.debounce) return this.flush();
      return;
    }
    const changed = [...this.dirty];
    this.dirty = new Set();
    this.flushing = this.pushTo(changed).finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  private async pushTo(changed: (string | null)[]): Promise<void> {
    const groups = new Map<string, BoardSubscriber[]>();
    for (const subscriber of this.subscribers) {
      if (!changed.some((agency) => touches(subscriber.scope, agency))) continue;
      const key = scopeKey(subscriber.scope);
      groups.set(key, [...(groups.get(key) ?? []), subscriber]);
    }
    await Promise.all(
      [...groups.values()].map(async (members) => {
        const first = members[0];
        if (!first) return;
        try {
          const board = await this.options.read(first.scope);
          for (const subscriber of members) if (this.subscribers.has(subscriber)) subscriber.push(board);
        } catch (error) {
          this.options.onError?.(error);
        }
      }),
    );
  }
}
