import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { SmsSendError } from "../../../../server/messaging/provider.js";
import { createSnsSmsProvider } from "../../../../server/messaging/vendors/sns.js";

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

describe("AWS SNS provider", () => {
  it("publishes with the sender ID and the SMS type", async () => {
    sns.on(PublishCommand).resolves({ MessageId: "mid-1" });
    const provider = createSnsSmsProvider({ client: new SNSClient({ region: "ap-southeast-1" }), senderId: "UBND GiaLai" });
    expect(await provider.send({ to: "+84912345678", body: "[QC] Moi dung DVCTT" })).toEqual({
      providerMessageId: "mid-1",
      status: "queued",
    });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      PhoneNumber: "+84912345678",
      Message: "[QC] Moi dung DVCTT",
      MessageAttributes: {
        "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: "UBND GiaLai" },
        "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Promotional" },
      },
    });
  });

  it("sorts throttling as transient and a bad number as permanent", async () => {
    const provider = createSnsSmsProvider({ client: new SNSClient({ region: "ap-southeast-1" }), senderId: "GiaLai" });
    sns
      .on(PublishCommand)
      .rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $metadata: { httpStatusCode: 400 } }));
    const throttled = await provider.send({ to: "+84912345678", body: "x" }).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(SmsSendError);
    expect(throttled).toMatchObject({ transient: true, code: "ThrottlingException" });
    sns.on(PublishCommand).rejects(
      Object.assign(new Error("Invalid parameter: PhoneNumber"), {
        name: "InvalidParameterException",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    expect(await provider.send({ to: "+8412", body: "x" }).catch((e: unknown) => e)).toMatchObject({
      transient: false,
      code: "InvalidParameterException",
    });
  });
});
