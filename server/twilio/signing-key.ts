// The key of X-Twilio-Signature. With a Twilio account it is the account's auth token; without one
// (development, demos, the call simulator) it is a random key kept in the database, so the webhooks
// are never open to unsigned requests, whatever the configuration.
import { randomBytes } from "node:crypto";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";

const LOCAL_KEY = "twilio.localSigningKey";

export async function webhookSigningKey(config: Config, db: Db): Promise<string> {
  if (config.TWILIO_AUTH_TOKEN) return config.TWILIO_AUTH_TOKEN;
  const existing = await db.setting.findUnique({ where: { key: LOCAL_KEY } });
  if (typeof existing?.value === "string") return existing.value;
  const key = randomBytes(24).toString("hex");
  // Two processes (or the voice and SMS webhooks of one) starting together must end up with the same
  // key: the first insert wins. ON CONFLICT DO NOTHING, as an upsert's select-then-insert can race.
  await db.setting.createMany({ data: [{ key: LOCAL_KEY, value: key }], skipDuplicates: true });
  const stored = await db.setting.findUniqueOrThrow({ where: { key: LOCAL_KEY } });
  return stored.value as string;
}
