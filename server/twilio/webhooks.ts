// Everything under /twilio: form-encoded bodies, and X-Twilio-Signature verified against the public
// URL (PUBLIC_BASE_URL + path and query, as Twilio signed it) before any handler runs.
import formbody from "@fastify/formbody";
import type { FastifyInstance, FastifyRequest } from "fastify";
import twilio from "twilio";
import { forbidden } from "../http/errors.js";
import { webhookSigningKey } from "./signing-key.js";

export type TwilioParams = Record<string, string>;

/** The URL Twilio signed: behind a proxy only the configured public base URL is right. */
export function publicUrl(baseUrl: string, request: FastifyRequest): string {
  return `${baseUrl}${request.url}`;
}

export async function twilioWebhooks(fastify: FastifyInstance): Promise<void> {
  await fastify.register(formbody);
  // Read on first use, not at start: the server must come up (and say on /readyz) while PostgreSQL is down.
  let key: Promise<string> | null = null;
  const signingKey = () => {
    key ??= webhookSigningKey(fastify.config, fastify.db).catch((error) => {
      key = null;
      throw error;
    });
    return key;
  };
  // Fetched once the app is up and kept in memory, so checking a signature never needs the database
  // afterwards: the voice webhooks must still answer (in degraded mode) while PostgreSQL is down.
  fastify.addHook("onReady", async () => {
    signingKey().catch((error: unknown) => fastify.log.warn({ err: String(error) }, "webhook signing key not loaded yet"));
  });

  // preValidation: the signature covers every parameter Twilio sent, so it is checked before schema
  // validation strips the ones a route does not declare.
  fastify.addHook("preValidation", async (request) => {
    const signature = request.headers["x-twilio-signature"];
    const params = (request.body ?? {}) as TwilioParams;
    const url = publicUrl(fastify.config.PUBLIC_BASE_URL, request);
    if (typeof signature !== "string" || !twilio.validateRequest(await signingKey(), signature, url, params)) {
      // The path only: query strings and bodies may carry callers' numbers.
      request.log.warn(
        { path: request.url.split("?")[0], signed: typeof signature === "string" },
        "rejected Twilio webhook: bad signature",
      );
      throw forbidden("Invalid Twilio signature");
    }
  });
}
