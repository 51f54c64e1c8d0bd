// Ends after-call work on time: once a second, everyone whose wrap-up time is up becomes available
// (and is announced to the onStaffAvailable listeners). Idempotent, so every HTTP process may run it.
// The queue dispatcher's own sweep (docs/queues.md) may call endWrapUps too; both are harmless.
import fp from "fastify-plugin";
import { endWrapUps } from "./presence.js";

const EVERY_MS = 1000;

export default fp(
  async (fastify) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      endWrapUps(fastify.db, new Date())
        .catch((error: unknown) =>
          fastify.log.warn({ err: error instanceof Error ? error.message : String(error) }, "wrap-up sweep failed"),
        )
        .finally(() => {
          running = false;
        });
    }, EVERY_MS);
    timer.unref();
    fastify.addHook("onClose", async () => clearInterval(timer));
  },
  { name: "wrap-up-sweep", dependencies: ["db"] },
);
