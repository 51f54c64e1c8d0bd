// Audit values in words: what the administrator reads instead of true, null, codes and ISO dates.
import { describe, expect, it } from "vitest";
import vi from "../../i18n/vi";
import { fieldLabel, formatValue, humanise } from "./values";

// The console's own messages, looked up as react-admin's translate does (with its "_" default).
const translate = ((key: string, options?: { _?: string }) => {
  const found = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], vi);
  return typeof found === "string" ? found : (options?._ ?? key);
}) as Parameters<typeof formatValue>[0];

describe("audit values", () => {
  it("says yes, no and empty in Vietnamese", () => {
    expect(formatValue(translate, "agencies", "active", true)).toBe("Có");
    expect(formatValue(translate, "agencies", "observeHolidays", false)).toBe("Không");
    expect(formatValue(translate, "agencies", "phone", null)).toBe("(trống)");
  });

  it("names codes through the same translations as the pages", () => {
    expect(formatValue(translate, "agencies", "ringStrategy", "simultaneous")).not.toBe("simultaneous");
    expect(formatValue(translate, "campaigns", "status", "pending_approval")).toBe(vi.tthc.campaigns.statuses.pending_approval);
    expect(formatValue(translate, "auth", "reason", "wrong_password")).toBe("sai mật khẩu");
    expect(formatValue(translate, "users", "roles", ["admin", "agent"])).toBe(`${vi.tthc.roles.admin}, ${vi.tthc.roles.agent}`);
    // A case's state and kind are its own words, not an agency's kind.
    expect(formatValue(translate, "cases", "state", "answered")).toBe(vi.tthc.cases.states.answered);
    expect(formatValue(translate, "cases", "kind", "complaint")).toBe(vi.tthc.cases.kinds.complaint);
    expect(formatValue(translate, "agencies", "kind", "ward")).toBe(vi.tthc.kinds.ward);
  });

  it("writes dates as officials do, in Vietnam's time", () => {
    expect(formatValue(translate, "hours-overrides", "date", "2026-09-02")).toBe("02/09/2026");
    expect(formatValue(translate, "campaigns", "scheduledAt", "2026-12-01T01:30:00.000Z")).toMatch(
      /08:30:00.*01\/12\/2026|01\/12\/2026.*08:30:00/,
    );
  });

  it("labels fields, humanising only those nobody named", () => {
    expect(fieldLabel(translate, "campaigns", "approvedById")).toBe("Người phê duyệt");
    expect(humanise("someNewField")).toBe("Some new field");
  });
});
