// The queue's moving parts in the HTTP process: the dispatcher (decorated as callQueues, kicked by the
// voice webhooks right after a caller joins or a staff member frees up), the sweep, and the hold music.
//
// The sweep runs here, in every server process, once a second: the webhooks that add callers and free
// staff run here too, and presence announces everyone who becomes available, so a dispatch is rarely
// left to it; it catches what happened in another process. Running it
// in several processes at once is safe (the dispatcher's SKIP LOCKED), and it works without a worker,
// as the simulator does in development.
import fp from "fastify-plugin";
import { onStaffAvailable } from "../../agencies/staff/presence.js";
import type { VoiceApi } from "../../platform/twilio/voice-api.js";
import { type Dispatcher, dispatcher } from "./dispatcher.js";
import { holdMusicRoute } from "./hold-music.js";

declare module "fastify" {
  interface FastifyInstance {
    callQueues: Dispatcher;
  }
}

export interface CallQueuesOptions {
  /** Replaces Twilio's REST API (tests use a local stand-in through TWILIO_API_BASE_URL instead). */
  control?: Pick<VoiceApi, "redirect">;
  /** After the dispatcher reserved a staff member: the routing snapshot is stale. */
  onStaffChanged?: () => void;
  sweepMs?: number;
}

export default fp<CallQueuesOptions>(
  async (fastify, options) => {
    const { config, db } = fastify;
    const control = options.control ?? fastify.voiceApis.twilio;
    const queues = dispatcher({
      db,
      control,
      baseUrl: config.PUBLIC_BASE_URL,
      log: fastify.log,
      onAssigned: () => options.onStaffChanged?.(),
    });
    fastify.decorate("callQueues", queues);
    // Someone free again (a call's wrap-up over, back from away, a held ring let pass): their line moves now.
    const stopListening = onStaffAvailable(({ agencyId }) => {
      void queues.kick([agencyId]).catch((error: unknown) => {
        fastify.log.warn({ agencyId, err: error instanceof Error ? error.message : String(error) }, "queue dispatch failed");
      });
    });
    await fastify.register(holdMusicRoute);

    let running = false;
    const sweep = setInterval(() => {
      if (running) return;
      running = true;
      void queues.kick().finally(() => {
        running = false;
      });
    }, options.sweepMs ?? 1000);
    sweep.unref();
    fastify.addHook("onClose", async () => {
      clearInterval(sweep);
      stopListening();
    });
  },
  { name: "call-queues", dependencies: ["db", "voice-apis"] },
);
