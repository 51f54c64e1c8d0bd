// The SMS vendors, named once. Configuration (SMS_PROVIDER), the sender schema and the console's
// choice list read this list; the catalogue in server/messaging/registry.ts builds one provider per
// name, and the type system fails there when a name has no vendor. Pure: the console imports it too.
export const SMS_PROVIDER_NAMES = ["sink", "twilio", "sns"] as const;

export type SmsProviderName = (typeof SMS_PROVIDER_NAMES)[number];

export function isSmsProviderName(name: string): name is SmsProviderName {
  return (SMS_PROVIDER_NAMES as readonly string[]).includes(name);
}

/**
 * The settings each vendor reads from a sender (server/messaging/registry.ts), so the console offers
 * one field each; none is secret (tokens and keys stay in the environment). `choices` limits a field.
 */
export const SMS_PROVIDER_SETTINGS: Record<SmsProviderName, readonly { key: string; choices?: readonly string[] }[]> = {
  sink: [],
  twilio: [{ key: "messagingServiceSid" }, { key: "from" }],
  sns: [{ key: "senderId" }, { key: "smsType", choices: ["Promotional", "Transactional"] }],
};
