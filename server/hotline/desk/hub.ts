// Fans the database's desk notifications out to the open desk streams of a process: one LISTEN
// connection for all of them (the live board's mechanism, server/platform/db/notifications.ts). A
// call's dial, answer or end notifies "desk_changes"; after a short gather each stream re-reads its
// own user's desk and sends it only when it changed. A periodic re-read catches what no call row
// carries (a presence change), and asks each stream whether its session is still valid.
import type { DeskStateValue as DeskState } from "../../contract/hotline/desk.js";
import type { ChannelListener } from "../../platform/db/notifications.js";

/** The channel the migration's trigger notifies, with the call's id. */
export const DESK_CHANNEL = "desk_changes";

export interface DeskSubscriber {
  userId: number;
  push(state: DeskState): void;
  ping(): void;
  stillAllowed(): Promise<boolean>;
  end(): void;
}

export interface DeskHubOptions {
  read(userId: number): Promise<DeskState>;
  listen(onNotify: () => void): Promise<ChannelListener>;
  debounceMs?: number;
  refreshMs?: number;
  onError?: (error: unknown) => void;
}

export class DeskHub {
  private readonly last = new Map<DeskSubscriber, string>();
  private listener: Promise<ChannelListener> | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: DeskHubOptions) {}

  async subscribe(subscriber: DeskSubscriber): Promise<() => void> {
    if (this.closed) throw new Error("the desk hub is closed");
    this.start();
    this.last.set(subscriber, "");
    await this.refresh(subscriber);
    return () => {
      this.last.delete(subscriber);
    };
  }

  /** Something changed: every stream re-reads, once per burst. */
  notify(): void {
    if (this.closed || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.refreshAll(false);
    }, this.options.debounceMs ?? 50);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.debounce) clearTimeout(this.debounce);
    if (this.timer) clearInterval(this.timer);
    for (const subscriber of [...this.last.keys()]) subscriber.end();
    this.last.clear();
    const listener = this.listener;
    this.listener = null;
    if (listener) await (await listener).close();
  }

  private start(): void {
    if (this.listener) return;
    this.listener = this.options.listen(() => this.notify());
    this.timer = setInterval(() => void this.refreshAll(true), this.options.refreshMs ?? 5000);
    this.timer.unref();
  }

  private async refreshAll(check: boolean): Promise<void> {
    await Promise.all(
      [...this.last.keys()].map(async (subscriber) => {
        if (check) {
          if (!(await subscriber.stillAllowed().catch(() => false))) {
            this.last.delete(subscriber);
            subscriber.end();
            return;
          }
          subscriber.ping();
        }
        await this.refresh(subscriber);
      }),
    );
  }

  private async refresh(subscriber: DeskSubscriber): Promise<void> {
    try {
      const state = await this.options.read(subscriber.userId);
      const json = JSON.stringify(state);
      if (!this.last.has(subscriber) || this.last.get(subscriber) === json) return;
      this.last.set(subscriber, json);
      subscriber.push(state);
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
