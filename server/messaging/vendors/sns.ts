// AWS SNS (SMS through AWS End User Messaging). Publish with the registered sender ID and the SMS
// type as message attributes. SNS returns only a MessageId: delivery status does not come back on
// the call. It arrives through CloudWatch Logs (DeliveryStatusIAMRole) or, with End User Messaging
// SMS, an event destination publishing to an SNS topic with an HTTPS subscription (docs/sms-providers.md).
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import type { Config } from "../../config.js";
import { type OutgoingSms, type SmsProvider, SmsSendError, type SmsSendResult } from "../provider.js";

export interface SnsSmsOptions {
  client: Pick<SNSClient, "send">;
  /** The registered sender ID (brandname); Vietnam requires one. */
  senderId: string;
  smsType?: "Promotional" | "Transactional";
}

/** Error names after which a later attempt may succeed. */
const TRANSIENT = new Set([
  "ThrottlingException",
  "Throttled",
  "ThrottledException",
  "InternalErrorException",
  "InternalFailure",
  "ServiceUnavailable",
  "KMSThrottlingException",
  "TimeoutError",
  "RequestTimeout",
]);

export function snsSmsError(error: unknown): SmsSendError {
  if (error instanceof SmsSendError) return error;
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const name = e?.name ?? "unknown";
  const status = e?.$metadata?.httpStatusCode;
  const transient =
    TRANSIENT.has(name) ||
    Boolean(e?.$retryable) ||
    status === 429 ||
    (status !== undefined && status >= 500) ||
    // No HTTP answer at all: a network failure.
    (status === undefined && ["ECONNRESET", "ETIMEDOUT", "ECONNREFUSED", "EPIPE", "NetworkingError"].includes(name));
  const kind = name.includes("Throttl") || status === 429 ? "throttled" : undefined;
  return new SmsSendError(`SNS refused the message: ${e?.message ?? String(error)}`, transient, name, { cause: error, kind });
}

export function createSnsSmsProvider(options: SnsSmsOptions): SmsProvider {
  const { client, senderId, smsType = "Promotional" } = options;
  return {
    name: "sns",
    async send(message: OutgoingSms): Promise<SmsSendResult> {
      try {
        const result = await client.send(
          new PublishCommand({
            PhoneNumber: message.to,
            Message: message.body,
            MessageAttributes: {
              "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: senderId },
              "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: smsType },
            },
          }),
        );
        if (!result.MessageId) throw new SmsSendError("SNS returned no MessageId", true, "no_message_id");
        return { providerMessageId: result.MessageId, status: "queued" };
      } catch (error) {
        throw snsSmsError(error);
      }
    },
    // SNS has no client reference and no API to list sent SMS: after a crash the outcome is unknown.
    async lookup() {
      return { found: "unknown" };
    },
  };
}

/** Credentials come from the standard AWS chain (environment, profile, instance role). */
export function snsClientFromConfig(config: Config): SNSClient {
  return new SNSClient({ region: config.AWS_REGION, maxAttempts: 1, requestHandler: { requestTimeout: 15_000 } as never });
}
