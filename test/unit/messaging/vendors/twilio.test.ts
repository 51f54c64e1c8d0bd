import { describe, expect, it } from "vitest";
import { SmsSendError } from "../../../../server/messaging/provider.js";
import { twilioSmsError } from "../../../../server/messaging/vendors/twilio.js";

describe("Twilio errors", () => {
  const rest = (status: number, code?: number) => Object.assign(new Error("x"), { status, code });

  it.each([
    [400, 21610],
    [400, 21614],
    [400, 21211],
  ])("HTTP %i code %i is permanent", (status, code) => {
    const error = twilioSmsError(rest(status, code));
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ transient: false, code: String(code) });
  });

  it.each([
    [429, 20429],
    [503, undefined],
    [500, 20500],
    [400, 21611],
  ])("HTTP %i code %s is transient", (status, code) => {
    expect(twilioSmsError(rest(status, code)).transient).toBe(true);
  });

  it("treats a timeout or a reset connection as transient", () => {
    const timeout = Object.assign(new Error("timeout of 15000ms exceeded"), { code: "ECONNABORTED" });
    expect(twilioSmsError(timeout)).toMatchObject({ transient: true, code: "ECONNABORTED" });
  });
});
