// The SMS vendors, named once. Configuration (SMS_PROVIDER), the sender schema and the console's
// choice list read this list; the catalogue in server/messaging/registry.ts builds one provider per
// name, and the type system fails there when a name has no vendor. Pure: the console imports it too.
export const SMS_PROVIDER_NAMES = ["sink", "twilio", "sns", "esms"] as const;

/**
 * The vendors a campaign (advertising) may be sent through. eSMS takes advertising only in batches of
 * 30–5,000 numbers: the dispatcher sends its campaigns that way (server/outreach/campaigns/batch-send.ts).
 */
export const CAMPAIGN_PROVIDER_NAMES: readonly SmsProviderName[] = ["sink", "twilio", "sns", "esms"];

/** The vendors that also carry Zalo ZNS (server/messaging/provider.ts ZnsCapability): eSMS, for the province's OA. */
export const ZNS_PROVIDER_NAMES: readonly SmsProviderName[] = ["esms"];

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
  // sandbox "1": eSMS checks each request but neither sends nor charges it (for trying a sender).
  esms: [{ key: "sandbox", choices: ["0", "1"] }],
};

/**
 * The credentials each vendor needs per sender. Write-only: the API seals them (AES-256-GCM under
 * SMS_SECRETS_KEY, server/messaging/secrets.ts) and only ever answers which of them are set.
 */
export const SMS_PROVIDER_SECRETS: Record<SmsProviderName, readonly string[]> = {
  sink: [],
  twilio: [],
  sns: [],
  esms: ["apiKey", "secretKey"],
};
