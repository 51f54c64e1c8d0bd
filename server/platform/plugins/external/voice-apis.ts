// Twilio's voice REST API as the app reaches it (fastify.voiceApis). Real calls go to Twilio; a
// simulated call has no Twilio call, so the hotline registers the simulator's network for those
// (platform knows nothing of the simulator). Without credentials nothing can be asked of Twilio.
import fp from "fastify-plugin";
import { noVoiceApi, restVoiceApi, type VoiceApi } from "../../twilio/voice-api.js";

export interface VoiceApis {
  /** Twilio's REST API (or noVoiceApi without an account). */
  twilio: VoiceApi;
  /** For simulated calls; noVoiceApi until the hotline registers its simulator. */
  simulated: VoiceApi;
  /** The API that can act on this call. */
  forCall(call: { simulated: boolean }): VoiceApi;
}

declare module "fastify" {
  interface FastifyInstance {
    voiceApis: VoiceApis;
  }
}

export default fp(
  async (fastify) => {
    const { config } = fastify;
    const twilio =
      config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN
        ? restVoiceApi(
            { accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, apiBaseUrl: config.TWILIO_API_BASE_URL },
            fastify.log,
          )
        : noVoiceApi;
    const apis: VoiceApis = {
      twilio,
      simulated: noVoiceApi,
      forCall: (call) => (call.simulated ? apis.simulated : apis.twilio),
    };
    fastify.decorate("voiceApis", apis);
  },
  { name: "voice-apis", dependencies: ["config"] },
);
