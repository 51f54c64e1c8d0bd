import { describe, expect, it } from "vitest";
import { messageStatusRank, normalizeMessageStatus, statusesBelow } from "../../../server/messaging/status.js";

describe("message statuses", () => {
  it("rank queued < sending < sent < final", () => {
    const ranks = ["queued", "sending", "sent", "delivered"].map(messageStatusRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(messageStatusRank("undelivered")).toBe(messageStatusRank("delivered"));
    expect(messageStatusRank("failed")).toBe(messageStatusRank("delivered"));
  });

  it("lets a status replace only lower ones", () => {
    expect(statusesBelow("sent")).toEqual(["queued", "sending"]);
    expect(statusesBelow("delivered")).toEqual(["queued", "sending", "sent"]);
    expect(statusesBelow("delivered")).not.toContain("failed");
  });

  it("maps Twilio's other names and rejects unknown ones", () => {
    expect(normalizeMessageStatus("accepted")).toBe("queued");
    expect(normalizeMessageStatus("canceled")).toBe("failed");
    expect(normalizeMessageStatus("received")).toBeUndefined();
  });
});
