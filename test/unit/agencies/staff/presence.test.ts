// The presence rules, without I/O: what answering, a leg ending, a ring let pass and a person's choice do.
import { describe, expect, it } from "vitest";
import {
  answeredRule,
  chosenRule,
  endWrapUpRule,
  legEndedRule,
  type PresenceView,
  ringMissedRule,
  toggledState,
  wrapUpOverRule,
} from "../../../../server/agencies/staff/presence.js";

const view = (over: Partial<PresenceView> = {}): PresenceView => ({
  presence: "available",
  awayReason: null,
  missedRings: 0,
  presenceCallId: null,
  wrapUpUntil: null,
  ...over,
});
const at = new Date("2026-12-01T03:00:00Z");

describe("presence rules", () => {
  it("answering puts the staff member on the call and forgives missed rings; a copy changes nothing", () => {
    expect(answeredRule(view({ missedRings: 1 }), 7)).toEqual({ state: "on_call", callId: 7, missedRings: 0 });
    expect(answeredRule(view({ presence: "on_call", presenceCallId: 7 }), 7)).toBeNull();
  });

  it("the leg's end starts after-call work for the agency's time, or frees at once with none", () => {
    const onCall = view({ presence: "on_call", presenceCallId: 7 });
    expect(legEndedRule(onCall, 7, at, 30)).toEqual({ state: "wrap_up", callId: 7, wrapUpUntil: new Date(at.getTime() + 30_000) });
    expect(legEndedRule(onCall, 7, at, 0)).toEqual({ state: "available", callId: 7 });
    expect(legEndedRule(onCall, 8, at, 30)).toBeNull();
    expect(legEndedRule(view({ presence: "away" }), 7, at, 30)).toBeNull();
    expect(legEndedRule(view({ presence: "wrap_up", presenceCallId: null }), 7, at, 30)).toBeNull();
  });

  it("the second ring let pass in a row sets away; rings while busy or away do not count", () => {
    expect(ringMissedRule(view(), 3)).toEqual({ missedRings: 1 });
    expect(ringMissedRule(view({ missedRings: 1 }), 3)).toEqual({ state: "away", reason: "missed_rings", callId: 3, missedRings: 2 });
    expect(ringMissedRule(view({ presence: "on_call" }), 3)).toBeNull();
    expect(ringMissedRule(view({ presence: "away" }), 3)).toBeNull();
  });

  it("after-call work ends when its time is up, or early", () => {
    const wrapping = view({ presence: "wrap_up", wrapUpUntil: new Date(at.getTime() + 1000) });
    expect(wrapUpOverRule(wrapping, at)).toBeNull();
    expect(wrapUpOverRule(wrapping, new Date(at.getTime() + 1000))).toEqual({ state: "available" });
    expect(endWrapUpRule(wrapping)).toEqual({ state: "available" });
    expect(endWrapUpRule(view())).toBeNull();
  });

  it("a person chooses available, away with a reason, or offline, but does not end a call by choosing available", () => {
    expect(chosenRule(view({ presence: "away", missedRings: 2 }), "available", null)).toEqual({
      state: "available",
      reason: null,
      missedRings: 0,
    });
    expect(chosenRule(view(), "away", "Họp")).toEqual({ state: "away", reason: "Họp" });
    expect(chosenRule(view({ presence: "away", awayReason: "Họp" }), "away", "Họp")).toBeNull();
    expect(chosenRule(view({ presence: "away", awayReason: "Họp" }), "away", "Ăn trưa")).toEqual({ state: "away", reason: "Ăn trưa" });
    expect(chosenRule(view({ presence: "offline" }), "offline", null)).toBeNull();
    expect(chosenRule(view({ presence: "on_call" }), "available", null)).toBe("on_call");
    expect(chosenRule(view({ presence: "on_call" }), "away", null)).toEqual({ state: "away", reason: null });
  });

  it("the phone toggles available and away", () => {
    expect(toggledState(view())).toBe("away");
    expect(toggledState(view({ presence: "away" }))).toBe("available");
    expect(toggledState(view({ presence: "offline" }))).toBe("available");
    expect(toggledState(view({ presence: "wrap_up" }))).toBe("available");
  });
});
