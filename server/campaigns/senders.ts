// One SmsProvider per registered sender (brandname): the sender row says which vendor sends for it
// and with which non-secret settings; secrets come from the configuration. Built once per process.
import type { Config } from "../config.js";
import type { SmsSender } from "../generated/prisma/client.js";
import type { SmsProvider } from "../sms/provider.js";
import type { SmsProviderDeps } from "../sms/registry.js";
import { createSinkSmsProvider } from "../sms/sink.js";
import { createSnsSmsProvider, snsClientFromConfig } from "../sms/sns.js";
import { createTwilioSmsProvider, twilioClientFromConfig } from "../sms/twilio.js";

export type SenderProviders = (sender: Pick<SmsSender, "id" | "provider" | "brandname" | "settings">) => SmsProvider;

const setting = (settings: unknown, key: string): string | undefined => {
  const value = settings && typeof settings === "object" ? (settings as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
};

export function senderProviders(config: Config, deps: SmsProviderDeps & { overrides?: Record<string, SmsProvider> }): SenderProviders {
  const cache = new Map<number, SmsProvider>();
  return (sender) => {
    const cached = cache.get(sender.id);
    if (cached) return cached;
    let provider: SmsProvider;
    const override = deps.overrides?.[sender.provider];
    if (override) provider = override;
    else
      switch (sender.provider) {
        case "twilio": {
          const client = deps.twilioClient ?? twilioClientFromConfig(config);
          if (!client) throw new Error(`sender ${sender.brandname}: Twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN`);
          const messagingServiceSid = setting(sender.settings, "messagingServiceSid") ?? config.TWILIO_MESSAGING_SERVICE_SID;
          // Without a Messaging Service the brandname itself is the alphanumeric sender ID.
          const from = setting(sender.settings, "from") ?? (messagingServiceSid ? undefined : sender.brandname);
          provider = createTwilioSmsProvider({ client, messagingServiceSid, from });
          break;
        }
        case "sns":
          provider = createSnsSmsProvider({
            client: snsClientFromConfig(config),
            senderId: setting(sender.settings, "senderId") ?? sender.brandname,
            smsType: setting(sender.settings, "smsType") === "Transactional" ? "Transactional" : "Promotional",
          });
          break;
        case "sink":
          provider = createSinkSmsProvider({
            receipts: deps.sinkReceipts,
            log: deps.log,
            failureRate: config.SMS_SINK_FAILURE_RATE,
            undeliveredRate: config.SMS_SINK_UNDELIVERED_RATE,
            receiptDelayMs: config.SMS_SINK_RECEIPT_DELAY_MS,
            journal: config.SMS_SINK_JOURNAL,
          });
          break;
        default:
          throw new Error(`sender ${sender.brandname}: unknown SMS provider "${sender.provider}"`);
      }
    cache.set(sender.id, provider);
    return provider;
  };
}
