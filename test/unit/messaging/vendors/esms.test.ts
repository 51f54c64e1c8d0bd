// eSMS's pure parts: numbers in national form, codes to neutral kinds, statuses to ours.
import { describe, expect, it } from "vitest";
import { esmsFailureKind, esmsPhone, esmsPhoneToE164, esmsReceiverStatus, esmsStatus } from "../../../../server/messaging/vendors/esms.js";

describe("eSMS", () => {
  it("writes Vietnamese numbers in national form", () => {
    expect(esmsPhone("+84912345678")).toBe("0912345678");
    expect(esmsPhone("+6591234567")).toBe("6591234567");
    expect(esmsPhoneToE164("0912345678")).toBe("+84912345678");
    expect(esmsPhoneToE164(esmsPhone("+6591234567"))).toBe("+6591234567");
  });

  it("maps its codes to the neutral kinds", () => {
    expect(esmsFailureKind("100")).toBeUndefined();
    expect(esmsFailureKind("124")).toBeUndefined();
    expect(esmsFailureKind("108")).toBe("invalid_number");
    expect(esmsFailureKind("103")).toBe("transient");
    for (const code of ["99", "101", "104", "107", "120", "146", "177"]) expect(esmsFailureKind(code)).toBe("rejected");
    expect(esmsFailureKind("555")).toBe("transient");
  });

  it("maps callback statuses of a customer-care message to ours", () => {
    expect(esmsStatus("5", "1", "0")).toEqual({ status: "delivered" });
    expect(esmsStatus("5", "0", "1")).toEqual({ status: "undelivered", errorCode: "esms:send_failed" });
    expect(esmsStatus(4, 0, 0)).toEqual({ status: "failed", errorCode: "esms:rejected" });
    expect(esmsStatus("7", "0", "0")).toEqual({ status: "sent" });
    expect(esmsStatus("1", "0", "0")).toEqual({ status: "queued" });
    expect(esmsStatus("2", "0", "0")).toEqual({ status: "queued" });
  });

  it("maps a batch receiver's IsSent and SentResult to ours", () => {
    expect(esmsReceiverStatus(false, false)).toBe("queued");
    expect(esmsReceiverStatus(true, true)).toBe("delivered");
    expect(esmsReceiverStatus("true", "True")).toBe("delivered");
    expect(esmsReceiverStatus(true, false)).toBe("undelivered");
  });
});
