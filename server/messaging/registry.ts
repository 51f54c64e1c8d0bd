// The provider catalogue: how each vendor named in server/contract/sms-providers.ts is built, for the
// default provider (SMS_PROVIDER), for service messages (SMS_SERVICE_SENDER's sender, else the default)
// and for each registered sender (campaigns), whose settings and sealed credentials override the
// configuration's. A new vendor (a carrier
// brandname gateway) is one file in vendors/, its name in the contract, and one entry here.
import type { Config } from "../config.js";
import { isSmsProviderName, type SmsProviderName } from "../contract/sms-providers.js";
import type { Db } from "../platform/db/client.js";
import type { SmsProvider } from "./provider.js";
import { callbackSecret, openSecrets } from "./secrets.js";
import type { SinkReceipts } from "./sink-receipts.js";
import { createEsmsSmsProvider } from "./vendors/esms.js";
import { createSinkSmsProvider, type SinkOptions } from "./vendors/sink.js";
import { createSnsSmsProvider, snsClientFromConfig } from "./vendors/sns.js";
import { createTwilioSmsProvider, type TwilioClient, twilioClientFromConfig } from "./vendors/twilio.js";

export interface SmsProviderDeps {
  /** Where the sink's simulated receipts are queued (queuedSinkReceipts); without it, none. */
  sinkReceipts?: SinkReceipts;
  log?: SinkOptions["log"];
  /** The Twilio REST client to use instead of one built from the configuration. */
  twilioClient?: TwilioClient;
  /** The HTTP client of HTTP-API vendors (eSMS), instead of the global fetch. */
  fetch?: typeof fetch;
}

/** Where eSMS calls back for one sender: the secret makes the URL unguessable (eSMS signs nothing). */
export const esmsCallbackPath = (senderId: number, secret: string) => `/esms/sms/status/${senderId}/${secret}`;

/** A registered sender: its brandname and the vendor settings stored with it. */
export interface SenderSettings {
  /** The sender's row id: names its delivery-callback URL. */
  id?: number;
  brandname: string;
  settings: unknown;
  /** Its credentials, sealed (server/messaging/secrets.ts). */
  secrets?: string | null;
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
  esms: (config, deps, sender) => {
    if (!sender || sender.id === undefined) throw new Error("eSMS sends for a registered sender: set SMS_SERVICE_SENDER to its brandname");
    if (!config.SMS_SECRETS_KEY) throw new Error(`sender ${sender.brandname}: eSMS needs SMS_SECRETS_KEY to open its credentials`);
    const secrets = sender.secrets ? openSecrets(config.SMS_SECRETS_KEY, sender.secrets) : {};
    if (!secrets.apiKey || !secrets.secretKey) throw new Error(`sender ${sender.brandname}: eSMS needs its API key and secret key`);
    return createEsmsSmsProvider({
      baseUrl: config.ESMS_BASE_URL,
      apiKey: secrets.apiKey,
      secretKey: secrets.secretKey,
      brandname: sender.brandname,
      sandbox: setting(sender.settings, "sandbox") === "1",
      callbackUrl: `${config.PUBLIC_BASE_URL}${esmsCallbackPath(sender.id, callbackSecret(config.SMS_SECRETS_KEY, sender.id))}`,
      fetch: deps.fetch,
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

/**
 * The provider of service messages (survey links, opt-out confirmations, case notifications): the
 * sender named by SMS_SERVICE_SENDER (e.g. an eSMS customer-care brandname), else SMS_PROVIDER.
 * Resolved once when a process starts. A missing or unusable sender is logged and SMS_PROVIDER
 * carries the messages instead: a citizen's survey link or confirmation matters more than the route.
 */
export async function createServiceSmsProvider(config: Config, deps: SmsProviderDeps, db: Db): Promise<SmsProvider> {
  if (!config.SMS_SERVICE_SENDER) return createSmsProvider(config, deps);
  try {
    const sender = await db.smsSender.findUnique({ where: { brandname: config.SMS_SERVICE_SENDER } });
    if (!sender?.active) throw new Error(`no active sender "${config.SMS_SERVICE_SENDER}"`);
    return createSenderProvider(config, deps, sender);
  } catch (error) {
    deps.log?.warn({ err: (error as Error).message }, "SMS_SERVICE_SENDER unusable: service messages go through SMS_PROVIDER");
    return createSmsProvider(config, deps);
  }
}
