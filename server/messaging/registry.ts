// The provider catalogue: how each vendor named in server/contract/sms-providers.ts is built, for the
// default provider (SMS_PROVIDER: survey links, opt-out confirmations) and for each registered sender
// (campaigns), whose non-secret settings override the configuration's. A new vendor (a carrier
// brandname gateway) is one file in vendors/, its name in the contract, and one entry here.
import type { Config } from "../config.js";
import { isSmsProviderName, type SmsProviderName } from "../contract/sms-providers.js";
import type { SmsProvider } from "./provider.js";
import type { SinkReceipts } from "./sink-receipts.js";
import { createSinkSmsProvider, type SinkOptions } from "./vendors/sink.js";
import { createSnsSmsProvider, snsClientFromConfig } from "./vendors/sns.js";
import { createTwilioSmsProvider, type TwilioClient, twilioClientFromConfig } from "./vendors/twilio.js";

export interface SmsProviderDeps {
  /** Where the sink's simulated receipts are queued (queuedSinkReceipts); without it, none. */
  sinkReceipts?: SinkReceipts;
  log?: SinkOptions["log"];
  /** The Twilio REST client to use instead of one built from the configuration. */
  twilioClient?: TwilioClient;
}

/** A registered sender: its brandname and the vendor settings stored with it. */
export interface SenderSettings {
  brandname: string;
  settings: unknown;
}

type Build = (config: Config, deps: SmsProviderDeps, sender?: SenderSettings) => SmsProvider;

const setting = (settings: unknown, key: string): string | undefined => {
  const value = settings && typeof settings === "object" ? (settings as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
};

const CATALOGUE: Record<SmsProviderName, Build> = {
  twilio: (config, deps, sender) => {
    const client = deps.twilioClient ?? twilioClientFromConfig(config);
    if (!client) {
      throw new Error(
        `${sender ? `sender ${sender.brandname}: Twilio` : "SMS_PROVIDER=twilio"} needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN`,
      );
    }
    if (!sender)
      return createTwilioSmsProvider({ client, messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID, from: config.TWILIO_SMS_FROM });
    const messagingServiceSid = setting(sender.settings, "messagingServiceSid") ?? config.TWILIO_MESSAGING_SERVICE_SID;
    // Without a Messaging Service the brandname itself is the alphanumeric sender ID.
    const from = setting(sender.settings, "from") ?? (messagingServiceSid ? undefined : sender.brandname);
    return createTwilioSmsProvider({ client, messagingServiceSid, from });
  },
  sns: (config, _deps, sender) => {
    if (!sender) {
      if (!config.AWS_SNS_SENDER_ID) throw new Error("SMS_PROVIDER=sns needs AWS_SNS_SENDER_ID");
      return createSnsSmsProvider({ client: snsClientFromConfig(config), senderId: config.AWS_SNS_SENDER_ID });
    }
    return createSnsSmsProvider({
      client: snsClientFromConfig(config),
      senderId: setting(sender.settings, "senderId") ?? sender.brandname,
      smsType: setting(sender.settings, "smsType") === "Transactional" ? "Transactional" : "Promotional",
    });
  },
  sink: (config, deps) =>
    createSinkSmsProvider({
      receipts: deps.sinkReceipts,
      log: deps.log,
      failureRate: config.SMS_SINK_FAILURE_RATE,
      undeliveredRate: config.SMS_SINK_UNDELIVERED_RATE,
      receiptDelayMs: config.SMS_SINK_RECEIPT_DELAY_MS,
      journal: config.SMS_SINK_JOURNAL,
    }),
};

/** The default provider, named by SMS_PROVIDER. */
export function createSmsProvider(config: Config, deps: SmsProviderDeps): SmsProvider {
  return CATALOGUE[config.SMS_PROVIDER](config, deps);
}

/** The provider of one registered sender; its `provider` column is checked, as rows predate code. */
export function createSenderProvider(config: Config, deps: SmsProviderDeps, sender: SenderSettings & { provider: string }): SmsProvider {
  if (!isSmsProviderName(sender.provider)) throw new Error(`sender ${sender.brandname}: unknown SMS provider "${sender.provider}"`);
  return CATALOGUE[sender.provider](config, deps, sender);
}
