// Twilio-style signed requests through the real app, and the call simulator driven over app.inject.
import type { FastifyInstance } from "fastify";
import twilio from "twilio";
import type { Config } from "../../server/config.js";
import { type CallScript, injectTransport, simulateCall } from "../../server/hotline/simulator/simulated-call.js";
import type { Db } from "../../server/platform/db/client.js";
import { webhookSigningKey } from "../../server/platform/twilio/signing-key.js";

/** One webhook as Twilio would send it, signed with the deployment's key. */
export async function signedPost(app: FastifyInstance, config: Config, db: Db, path: string, params: Record<string, string>) {
  const key = await webhookSigningKey(config, db);
  const signature = twilio.getExpectedTwilioSignature(key, `${config.PUBLIC_BASE_URL}${path}`, params);
  return injectTransport(app).post(path, params, signature);
}

export async function simulate(app: FastifyInstance, config: Config, db: Db, script: Partial<CallScript> & { digits: string[] }) {
  const key = await webhookSigningKey(config, db);
  return simulateCall(injectTransport(app), key, config.PUBLIC_BASE_URL, {
    from: "0912 345 678",
    to: "+842563822478",
    staff: "answer",
    network: app.simulatorNetwork,
    ...script,
  });
}
