// Graceful shutdown shared by the HTTP and worker processes: on SIGTERM or SIGINT, stop taking
// new work, let what is in flight finish, close every connection, then exit.
import type { Logger } from "pino";

export function onShutdown(log: Pick<Logger, "info" | "error">, close: () => Promise<void>, graceMs = 25_000): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      log.error({ graceMs }, "shutdown took too long; exiting");
      process.exit(1);
    }, graceMs);
    force.unref();
    close().then(
      () => {
        log.info("shut down cleanly");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "error while shutting down");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}
