import { describe, expect, it } from "vitest";
import {
  DEFAULT_POLICY,
  decide,
  isInWindow,
  nextWindowOpening,
  optOutPlaceholder,
  policyProblem,
  type RecipientFacts,
  validBrandname,
  windowClosesAt,
} from "../../../../server/outreach/compliance/policy.js";

/** An instant given in Vietnam time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`);
const HOUR = 3_600_000;

const ok: RecipientFacts = { consent: "granted", suppressed: false, dnc: false, sentInLast24h: [], mobile: true };
const BRAND = "UBND GiaLai";

describe("sending window (07:00–22:00 Asia/Ho_Chi_Minh)", () => {
  it("is open at 07:00 and 21:59, closed at 06:59 and 22:00", () => {
    expect(isInWindow(vn("2026-03-10T07:00:00"), DEFAULT_POLICY)).toBe(true);
    expect(isInWindow(vn("2026-03-10T21:59:59.999"), DEFAULT_POLICY)).toBe(true);
    expect(isInWindow(vn("2026-03-10T06:59:59.999"), DEFAULT_POLICY)).toBe(false);
    expect(isInWindow(vn("2026-03-10T22:00:00"), DEFAULT_POLICY)).toBe(false);
  });

  it("sends at 21:59 and 07:00", () => {
    expect(decide(vn("2026-03-10T21:59:00"), ok, DEFAULT_POLICY, BRAND)).toEqual({ action: "send" });
    expect(decide(vn("2026-03-10T07:00:00"), ok, DEFAULT_POLICY, BRAND)).toEqual({ action: "send" });
  });

  it("defers at 22:00 to 07:00 the next morning, and at 06:59 to 07:00 the same morning", () => {
    expect(decide(vn("2026-03-10T22:00:00"), ok, DEFAULT_POLICY, BRAND)).toEqual({
      action: "defer",
      until: vn("2026-03-11T07:00:00"),
      reason: "outside_window",
    });
    expect(decide(vn("2026-03-10T06:59:00"), ok, DEFAULT_POLICY, BRAND)).toEqual({
      action: "defer",
      until: vn("2026-03-10T07:00:00"),
      reason: "outside_window",
    });
  });

  it("works in Vietnam days, not UTC days: 23:30 Vietnam on the 31st is the 31st", () => {
    // 2026-12-31T23:30+07 is 16:30 UTC the same day; midnight and the year change are Vietnam's.
    expect(nextWindowOpening(vn("2026-12-31T23:30:00"), DEFAULT_POLICY)).toEqual(vn("2027-01-01T07:00:00"));
    expect(nextWindowOpening(vn("2027-01-01T00:10:00"), DEFAULT_POLICY)).toEqual(vn("2027-01-01T07:00:00"));
  });

  it("gives the next opening as now while open", () => {
    const now = vn("2026-03-10T12:00:00");
    expect(nextWindowOpening(now, DEFAULT_POLICY)).toEqual(now);
  });

  it("tells when the window closes while open, for a validity period", () => {
    expect(windowClosesAt(vn("2026-03-10T21:59:00"), DEFAULT_POLICY)).toEqual(vn("2026-03-10T22:00:00"));
    expect(windowClosesAt(vn("2026-03-10T07:00:00"), DEFAULT_POLICY)).toEqual(vn("2026-03-10T22:00:00"));
    expect(windowClosesAt(vn("2026-03-10T22:00:00"), DEFAULT_POLICY)).toBeNull();
    expect(windowClosesAt(vn("2026-03-10T03:00:00"), DEFAULT_POLICY)).toBeNull();
  });

  it("follows a configured window", () => {
    const policy = { ...DEFAULT_POLICY, windowStart: "08:30", windowEnd: "17:45" };
    expect(decide(vn("2026-03-10T17:45:00"), ok, policy, BRAND)).toMatchObject({ until: vn("2026-03-11T08:30:00") });
    expect(decide(vn("2026-03-10T08:30:00"), ok, policy, BRAND)).toEqual({ action: "send" });
  });

  it("can run round the clock with a window ending at 24:00", () => {
    const policy = { ...DEFAULT_POLICY, windowStart: "00:00", windowEnd: "24:00" };
    expect(policyProblem(policy)).toBeNull();
    for (const at of ["00:00:00", "06:59:00", "22:00:00", "23:59:59.999"]) {
      expect(isInWindow(vn(`2026-03-10T${at}`), policy), at).toBe(true);
    }
    expect(policyProblem({ ...DEFAULT_POLICY, windowEnd: "24:30" })).toEqual({ field: "windowEnd", reason: "format" });
  });

  it("refuses a window that does not run forwards within one day", () => {
    expect(() => isInWindow(new Date(), { ...DEFAULT_POLICY, windowStart: "22:00", windowEnd: "07:00" })).toThrow(RangeError);
  });
});

describe("daily cap across campaigns", () => {
  const now = vn("2026-03-10T10:00:00");
  const sent = (...hoursAgo: number[]) => hoursAgo.map((h) => new Date(now.getTime() - h * HOUR));

  it("sends while fewer than N went out in the last 24 hours", () => {
    expect(decide(now, { ...ok, sentInLast24h: sent(1, 5) }, DEFAULT_POLICY, BRAND)).toEqual({ action: "send" });
    // Sends older than 24 hours do not count.
    expect(decide(now, { ...ok, sentInLast24h: sent(1, 5, 24, 30) }, DEFAULT_POLICY, BRAND)).toEqual({ action: "send" });
  });

  it("defers until the oldest of the last N sends is 24 hours old", () => {
    const decision = decide(now, { ...ok, sentInLast24h: sent(2, 20, 8) }, DEFAULT_POLICY, BRAND);
    // The oldest went 20 hours ago: it ages out at 14:00, inside the window.
    expect(decision).toEqual({ action: "defer", until: vn("2026-03-10T14:00:00"), reason: "daily_cap" });
  });

  it("with more than N recent sends, waits until only N-1 remain", () => {
    // Four sends (a lower cap earlier, say): 23, 22, 3 and 1 hours ago; with N = 3 the second oldest must age out.
    expect(decide(now, { ...ok, sentInLast24h: sent(23, 3, 22, 1) }, DEFAULT_POLICY, BRAND)).toMatchObject({
      action: "defer",
      until: vn("2026-03-10T12:00:00"),
      reason: "daily_cap",
    });
  });

  it("moves a cap deferral that ends at night into the next window", () => {
    const evening = vn("2026-03-10T21:00:00");
    const facts = { ...ok, sentInLast24h: [vn("2026-03-09T23:30:00"), vn("2026-03-10T08:00:00"), vn("2026-03-10T09:00:00")] };
    // The oldest frees at 23:30, after the window: the next opening is 07:00.
    expect(decide(evening, facts, DEFAULT_POLICY, BRAND)).toEqual({
      action: "defer",
      until: vn("2026-03-11T07:00:00"),
      reason: "daily_cap",
    });
  });

  it("sends at the moment the deferral ends", () => {
    const facts = { ...ok, sentInLast24h: sent(2, 20, 8) };
    const first = decide(now, facts, DEFAULT_POLICY, BRAND);
    if (first.action !== "defer") throw new Error("expected a deferral");
    expect(decide(first.until, facts, DEFAULT_POLICY, BRAND)).toEqual({ action: "send" });
  });

  it("follows the configured cap", () => {
    expect(decide(now, { ...ok, sentInLast24h: sent(1) }, { ...DEFAULT_POLICY, maxPerDay: 1 }, BRAND)).toMatchObject({
      action: "defer",
      reason: "daily_cap",
      until: vn("2026-03-11T09:00:00"),
    });
  });
});

describe("who never gets the message", () => {
  const at = vn("2026-03-10T23:00:00"); // outside the window: skips still beat the deferral
  const full = { ...ok, sentInLast24h: [at, at, at] };

  it("skips a refusal even when consent is not required", () => {
    expect(decide(at, { ...full, consent: "refused" }, { ...DEFAULT_POLICY, requireConsent: false }, BRAND)).toEqual({
      action: "skip",
      reason: "refused",
    });
  });

  it("skips DNC and suppressed numbers whatever the consent", () => {
    expect(decide(at, { ...full, dnc: true }, DEFAULT_POLICY, BRAND)).toEqual({ action: "skip", reason: "dnc" });
    expect(decide(at, { ...full, suppressed: true }, DEFAULT_POLICY, BRAND)).toEqual({ action: "skip", reason: "suppressed" });
  });

  it("requires consent only when the policy says so", () => {
    expect(decide(at, { ...ok, consent: "unknown" }, DEFAULT_POLICY, BRAND)).toEqual({ action: "skip", reason: "no_consent" });
    expect(decide(vn("2026-03-10T12:00:00"), { ...ok, consent: "unknown" }, { ...DEFAULT_POLICY, requireConsent: false }, BRAND)).toEqual({
      action: "send",
    });
  });

  it("applies a precedence: brandname, not mobile, refused, DNC, suppressed, no consent", () => {
    const worst: RecipientFacts = { consent: "refused", suppressed: true, dnc: true, sentInLast24h: [], mobile: false };
    expect(decide(at, worst, DEFAULT_POLICY, "1234")).toEqual({ action: "skip", reason: "invalid_brandname" });
    expect(decide(at, worst, DEFAULT_POLICY, BRAND)).toEqual({ action: "skip", reason: "not_mobile" });
    expect(decide(at, { ...worst, mobile: true }, DEFAULT_POLICY, BRAND)).toEqual({ action: "skip", reason: "refused" });
    expect(decide(at, { ...worst, mobile: true, consent: "unknown" }, DEFAULT_POLICY, BRAND)).toEqual({ action: "skip", reason: "dnc" });
    expect(decide(at, { ...worst, mobile: true, consent: "unknown", dnc: false }, DEFAULT_POLICY, BRAND)).toEqual({
      action: "skip",
      reason: "suppressed",
    });
  });
});

describe("validBrandname", () => {
  it("accepts registered-looking names", () => {
    for (const name of ["UBND GiaLai", "SoTuPhap", "DVC-GL", "Tong_dai.GL", "A", "VNPT1022"]) expect(validBrandname(name), name).toBe(true);
  });
  it("refuses long, non-Latin, digit-only, empty and padded names", () => {
    for (const name of ["UBNDGiaLai12", "Sở Tư pháp", "1022", "12 34", "", " DVC", "DVC ", "DVC@GL", "ĐVC"])
      expect(validBrandname(name), name).toBe(false);
  });
});

describe("optOutPlaceholder", () => {
  it("finds digits written as x, and nothing in a real number or in words", () => {
    expect(optOutPlaceholder(DEFAULT_POLICY.optOutText)).toBe("8xxx");
    expect(optOutPlaceholder("Tu choi QC soan TC gui 19xx")).toBe("19xx");
    expect(optOutPlaceholder("Soan TC gui XXXX de tu choi")).toBe("XXXX");
    expect(optOutPlaceholder("Tu choi QC soan TC gui 8079")).toBeNull();
    expect(optOutPlaceholder("Từ chối QC soạn TC gửi 8079, xã Tây Sơn")).toBeNull();
  });
});

describe("policyProblem", () => {
  it("accepts the default and names the field of a bad value", () => {
    expect(policyProblem(DEFAULT_POLICY)).toBeNull();
    expect(policyProblem({ ...DEFAULT_POLICY, windowStart: "7:00" })).toEqual({ field: "windowStart", reason: "format" });
    expect(policyProblem({ ...DEFAULT_POLICY, windowStart: "22:00", windowEnd: "22:00" })).toEqual({
      field: "windowEnd",
      reason: "window_order",
    });
    expect(policyProblem({ ...DEFAULT_POLICY, maxPerDay: 11 })).toEqual({ field: "maxPerDay", reason: "invalid" });
    expect(policyProblem({ ...DEFAULT_POLICY, label: " " })).toEqual({ field: "label", reason: "invalid" });
    expect(policyProblem({ ...DEFAULT_POLICY, optOutText: "" })).toEqual({ field: "optOutText", reason: "invalid" });
  });
});
