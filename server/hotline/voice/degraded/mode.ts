// Degraded mode for the voice webhooks: called by server/hotline/voice/voice-routes.ts right after the
// signature check is installed and before its routes are declared, it puts the step budget around
// every call step, adds the routes that need no database (Twilio's fallback URL and the degraded
// TwiML's actions), and runs the replay of the journal into the call log.
import type { FastifyInstance } from "fastify";
import type { DegradedContext } from "./answers.js";
import { VoiceJournal } from "./journal.js";
import { type ReplayLoop, startReplayLoop } from "./replay-loop.js";
import { degradedRoutes } from "./routes.js";
import { installStepBudget } from "./step-budget.js";
import { degradedUrls } from "./twiml.js";

export async function degradedMode(fastify: FastifyInstance): Promise<void> {
  const { config } = fastify;
  const journal = new VoiceJournal(fastify.redis, config.REDIS_PREFIX, config.DEGRADED_JOURNAL_FILE);
  const context: DegradedContext = {
    publicBaseUrl: config.PUBLIC_BASE_URL,
    operatorNumber: config.DEGRADED_OPERATOR_NUMBER,
    urls: degradedUrls(config.PUBLIC_BASE_URL),
  };
  const admitted = installStepBudget(fastify, journal, context);
  await fastify.register(degradedRoutes, { journal, context });

  let replay: ReplayLoop | null = null;
  fastify.addHook("onReady", async () => {
    replay = startReplayLoop({
      db: fastify.db,
      journal,
      log: fastify.log,
      intervalMs: config.DEGRADED_REPLAY_INTERVAL_MS,
      rejectedFile: `${config.DEGRADED_JOURNAL_FILE}.rejected`,
      liveCallsWaiting: () => admitted.load().waiting > 0,
    });
  });
  fastify.addHook("onClose", async () => {
    await replay?.stop();
  });
}
