import { describe, expect, it } from "vitest";
import { DEFAULT_ZNS_POLICY, decideZns, parseZnsPolicy } from "../../../../server/outreach/compliance/zns-policy.js";
import { fillZnsParams, renderZnsPreview, znsParams } from "../../../../server/outreach/zns/fill.js";

/** An instant given in Vietnam time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`);
const HOUR = 3_600_000;

describe("Zalo's ZNS rules (defaults)", () => {
  it("refuses a transaction-tagged template for a campaign, allows customer care and promotion", () => {
    const now = vn("2026-12-04T10:00:00");
    expect(decideZns(now, { tag: "1", sentInLast24h: [] }, DEFAULT_ZNS_POLICY)).toEqual({ action: "skip", reason: "zns_tag_not_allowed" });
    expect(decideZns(now, { tag: "2", sentInLast24h: [] }, DEFAULT_ZNS_POLICY)).toEqual({ action: "send" });
    expect(decideZns(now, { tag: "3", sentInLast24h: [] }, DEFAULT_ZNS_POLICY)).toEqual({ action: "send" });
    expect(decideZns(now, { tag: "9", sentInLast24h: [] }, DEFAULT_ZNS_POLICY).action).toBe("skip");
  });

  it("sends promotion only 06:00–22:00 Vietnam time, deferring to the next opening", () => {
    expect(decideZns(vn("2026-12-04T05:59:00"), { tag: "3", sentInLast24h: [] }, DEFAULT_ZNS_POLICY)).toEqual({
      action: "defer",
      until: vn("2026-12-04T06:00:00"),
      reason: "zns_outside_window",
    });
    expect(decideZns(vn("2026-12-04T22:00:00"), { tag: "3", sentInLast24h: [] }, DEFAULT_ZNS_POLICY)).toEqual({
      action: "defer",
      until: vn("2026-12-05T06:00:00"),
      reason: "zns_outside_window",
    });
    expect(decideZns(vn("2026-12-04T21:59:00"), { tag: "3", sentInLast24h: [] }, DEFAULT_ZNS_POLICY).action).toBe("send");
    // Customer care has no hours of Zalo's own.
    expect(decideZns(vn("2026-12-04T23:30:00"), { tag: "2", sentInLast24h: [] }, DEFAULT_ZNS_POLICY).action).toBe("send");
  });

  it("allows one promotion a day per number, deferring until the last one is 24 hours old and the hours open", () => {
    const now = vn("2026-12-04T10:00:00");
    const earlier = new Date(now.getTime() - 3 * HOUR);
    expect(decideZns(now, { tag: "3", sentInLast24h: [earlier] }, DEFAULT_ZNS_POLICY)).toEqual({
      action: "defer",
      until: new Date(earlier.getTime() + 24 * HOUR),
      reason: "zns_daily_limit",
    });
    // Freed at 04:00 the next day, outside the hours: deferred to 06:00.
    const late = vn("2026-12-04T04:00:00");
    expect(decideZns(vn("2026-12-04T21:00:00"), { tag: "3", sentInLast24h: [late] }, DEFAULT_ZNS_POLICY)).toEqual({
      action: "defer",
      until: vn("2026-12-05T06:00:00"),
      reason: "zns_daily_limit",
    });
    // Exactly 24 hours ago no longer counts; customer care has no limit.
    expect(decideZns(now, { tag: "3", sentInLast24h: [new Date(now.getTime() - 24 * HOUR)] }, DEFAULT_ZNS_POLICY).action).toBe("send");
    expect(decideZns(now, { tag: "2", sentInLast24h: [earlier, earlier, earlier] }, DEFAULT_ZNS_POLICY).action).toBe("send");
  });

  it("reads a configured policy and names what is wrong with a bad one", () => {
    const policy = parseZnsPolicy('{"allowedTags":["2"],"rules":{"2":{"maxPerDay":2}}}');
    expect(decideZns(vn("2026-12-04T10:00:00"), { tag: "3", sentInLast24h: [] }, policy).action).toBe("skip");
    expect(
      decideZns(vn("2026-12-04T10:00:00"), { tag: "2", sentInLast24h: [vn("2026-12-04T09:00:00"), vn("2026-12-04T08:00:00")] }, policy)
        .action,
    ).toBe("defer");
    expect(() => parseZnsPolicy('{"allowedTags":["4"]}')).toThrow("allowedTags");
    expect(() => parseZnsPolicy('{"allowedTags":["2"],"rules":{"3":{"windowStart":"22:00","windowEnd":"06:00"}}}')).toThrow("not a window");
    expect(() => parseZnsPolicy('{"allowedTags":["2"],"rules":{"3":{"maxPerDay":-1}}}')).toThrow("maxPerDay");
  });
});

describe("a ZNS template filled for a recipient", () => {
  const params = znsParams([
    { name: "customer_name", sample: "Nguyễn Văn A", source: "ten" },
    { name: "portal", sample: "x", source: "const:dichvucong.gialai.gov.vn" },
    { name: "bad name!", sample: "", source: "ten" },
    "nonsense",
  ]);

  it("takes values from the contact or constants, the campaign's mapping first, samples only for previews", () => {
    expect(params.map((p) => p.name)).toEqual(["customer_name", "portal"]);
    expect(fillZnsParams(params, { ten: "Trần Thị B" })).toEqual({ customer_name: "Trần Thị B", portal: "dichvucong.gialai.gov.vn" });
    expect(fillZnsParams(params, { ten: "Trần Thị B", xa: "Ia Grai" }, { customer_name: "xa" }).customer_name).toBe("Ia Grai");
    expect(fillZnsParams(params, {}).customer_name).toBe("");
    expect(fillZnsParams(params, {}, {}, { sample: true }).customer_name).toBe("Nguyễn Văn A");
  });

  it("fills Zalo's <param> placeholders and leaves unknown ones visible", () => {
    expect(renderZnsPreview("Chào <customer_name>, xem <portal> <other>", { customer_name: "B", portal: "P" })).toBe(
      "Chào B, xem P <other>",
    );
  });
});
