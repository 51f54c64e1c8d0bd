// Chooses the SMS provider named by SMS_PROVIDER. A new vendor (a carrier brandname gateway, AWS SNS)
// is one more file next to twilio.ts and one more case here.
import type { Config } from "../config.js";
import type { SmsProvider } from "./provider.js";
import { createSinkSmsProvider, type SinkOptions } from "./sink.js";
import type { SinkReceipts } from "./sink-receipts.js";
import { createSnsSmsProvider, snsClientFromConfig } from "./sns.js";
import { createTwilioSmsProvider, type TwilioClient, twilioClientFromConfig } from "./twilio.js";

export interface SmsProviderDeps {
  /** Where the sink's simulated receipts are queued (queuedSinkReceipts); without it, none. */
  sinkReceipts?: SinkReceipts;
  log?: SinkOptions["log"];
  /** The Twilio REST client to use instead of one built from the configuration. */
  twilioClient?: TwilioClient;
}

export function createSmsProvider(config: Config, deps: SmsProviderDeps): SmsProvider {
  switch (config.SMS_PROVIDER) {
    case "twilio": {
      const client = deps.twilioClient ?? twilioClientFromConfig(config);
      if (!client) throw new Error("SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
      return createTwilioSmsProvider({ client, messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID, from: config.TWILIO_SMS_FROM });
    }
    case "sns":
      if (!config.AWS_SNS_SENDER_ID) throw new Error("SMS_PROVIDER=sns needs AWS_SNS_SENDER_ID");
      return createSnsSmsProvider({ client: snsClientFromConfig(config), senderId: config.AWS_SNS_SENDER_ID });
    case "sink":
      return createSinkSmsProvider({
        receipts: deps.sinkReceipts,
        log: deps.log,
        failureRate: config.SMS_SINK_FAILURE_RATE,
        undeliveredRate: config.SMS_SINK_UNDELIVERED_RATE,
        receiptDelayMs: config.SMS_SINK_RECEIPT_DELAY_MS,
        journal: config.SMS_SINK_JOURNAL,
      });
  }
}
