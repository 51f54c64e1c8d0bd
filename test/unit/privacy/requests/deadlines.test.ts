// A data-subject request is acknowledged within 2 working days of the province's schedule and
// completed within 15 calendar days, moved to the next working day when the 15th is a day off.
import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICE_SCHEDULE } from "../../../../server/agencies/hours/default-schedule.js";
import type { Schedule } from "../../../../server/agencies/hours/types.js";
import { phoneHashToken as auditPhone, phoneHash } from "../../../../server/phone/hash.js";
import { requestDeadlines } from "../../../../server/privacy/requests/deadlines.js";
import { applyRequestMove, deadlineStatus } from "../../../../server/privacy/requests/lifecycle.js";
import { formatRequestReference, parseRequestReference } from "../../../../server/privacy/requests/reference.js";

const vn = (local: string) => new Date(`${local}+07:00`);
const office = DEFAULT_OFFICE_SCHEDULE;

describe("request deadlines", () => {
  it("acknowledges across 30/4–1/5 and the weekend after them", () => {
    // Wednesday 29/4/2026: Thu 30/4 and Fri 1/5 are holidays, Sat–Sun the weekend; Mon 4/5 is day 1.
    expect(requestDeadlines(office, vn("2026-04-29T10:00:00"))).toEqual({ acknowledgeBy: "2026-05-05", completeBy: "2026-05-14" });
  });

  it("counts from the day of receipt whatever the hour, and from Monday for a Sunday letter", () => {
    expect(requestDeadlines(office, vn("2026-06-01T23:59:00")).acknowledgeBy).toBe("2026-06-03");
    // 23:30 on Sunday UTC is already Monday in Vietnam.
    expect(requestDeadlines(office, new Date("2026-06-07T17:30:00Z")).acknowledgeBy).toBe("2026-06-10");
    expect(requestDeadlines(office, vn("2026-06-07T09:00:00")).acknowledgeBy).toBe("2026-06-09");
  });

  it("moves a 15th day that falls on a weekend or holiday to the next working day", () => {
    // 1/5/2026 + 15 = Saturday 16/5 → Monday 18/5.
    expect(requestDeadlines(office, vn("2026-05-01T08:00:00")).completeBy).toBe("2026-05-18");
    // 15/4/2026 + 15 = Thursday 30/4 (holiday) → 1/5 holiday, weekend → Monday 4/5.
    expect(requestDeadlines(office, vn("2026-04-15T08:00:00")).completeBy).toBe("2026-05-04");
  });

  it("skips Tết 2027 (the library's block, 5–9 February)", () => {
    // Thursday 4/2/2027: Fri 5, the weekend, Mon 8 and Tue 9 are off; Wed 10 is day 1, Thu 11 day 2.
    expect(requestDeadlines(office, vn("2027-02-04T15:00:00"))).toEqual({ acknowledgeBy: "2027-02-11", completeBy: "2027-02-19" });
    // 23/1/2027 + 15 = Sunday 7/2 inside the block → Wednesday 10/2.
    expect(requestDeadlines(office, vn("2027-01-23T09:00:00")).completeBy).toBe("2027-02-10");
  });

  it("follows the province's dated overrides: an extra day off and a swapped working Saturday", () => {
    const schedule: Schedule = {
      ...office,
      overrides: [
        { date: "2026-06-02", closed: true, note: "nghỉ bù" },
        { date: "2026-06-06", closed: false, ranges: [{ opens: "07:30", closes: "11:30" }], note: "làm bù" },
      ],
    };
    // Received Monday 1/6: Tue 2/6 is off, Wed 3/6 day 1, Thu 4/6 day 2.
    expect(requestDeadlines(schedule, vn("2026-06-01T09:00:00")).acknowledgeBy).toBe("2026-06-04");
    // Received Thursday 4/6: Fri 5/6 day 1, the working Saturday 6/6 day 2.
    expect(requestDeadlines(schedule, vn("2026-06-04T09:00:00")).acknowledgeBy).toBe("2026-06-06");
  });
});

describe("request lifecycle", () => {
  it("moves received → acknowledged → in_progress → completed, and refuses the rest", () => {
    expect(applyRequestMove("received", { type: "acknowledge" })).toEqual({ ok: true, to: "acknowledged" });
    expect(applyRequestMove("acknowledged", { type: "start" })).toEqual({ ok: true, to: "in_progress" });
    expect(applyRequestMove("in_progress", { type: "complete", outcome: "Đã gửi bản sao" })).toEqual({ ok: true, to: "completed" });
    expect(applyRequestMove("acknowledged", { type: "acknowledge" }).ok).toBe(false);
    expect(applyRequestMove("received", { type: "complete", outcome: "x" }).ok).toBe(false);
    expect(applyRequestMove("in_progress", { type: "complete", outcome: "  " }).ok).toBe(false);
    expect(applyRequestMove("completed", { type: "reject", reason: "x" }).ok).toBe(false);
    expect(applyRequestMove("completed", { type: "edit" }).ok).toBe(false);
  });

  it("rejects an open request only with a reason", () => {
    expect(applyRequestMove("received", { type: "reject", reason: "Không xác minh được danh tính" })).toEqual({ ok: true, to: "rejected" });
    expect(applyRequestMove("in_progress", { type: "reject", reason: "" }).ok).toBe(false);
  });

  it("is overdue past a pending deadline and due soon within the window", () => {
    const request = { state: "received" as const, acknowledgedAt: null, acknowledgeBy: "2026-05-05", completeBy: "2026-05-14" };
    expect(deadlineStatus(request, "2026-05-05", "2026-05-07")).toEqual({ overdue: false, dueSoon: true });
    expect(deadlineStatus(request, "2026-05-06", "2026-05-08")).toEqual({ overdue: true, dueSoon: false });
    const acknowledged = { ...request, state: "acknowledged" as const, acknowledgedAt: new Date() };
    expect(deadlineStatus(acknowledged, "2026-05-06", "2026-05-08")).toEqual({ overdue: false, dueSoon: false });
    expect(deadlineStatus(acknowledged, "2026-05-12", "2026-05-14")).toEqual({ overdue: false, dueSoon: true });
    expect(deadlineStatus({ ...acknowledged, state: "completed" }, "2026-06-01", "2026-06-03").overdue).toBe(false);
  });
});

describe("references and the number's hash", () => {
  it("formats and reads references", () => {
    expect(formatRequestReference(2026, 42)).toBe("YC-2026-0042");
    expect(parseRequestReference(" yc 2026 42 ")).toBe("YC-2026-0042");
    expect(parseRequestReference("YC-2026-0042")).toBe("YC-2026-0042");
    expect(parseRequestReference("GL-2026-0042")).toBeNull();
  });

  it("hashes with the key, and the audit form shows 16 hex digits only", () => {
    const a = phoneHash("key-one-0123456789", "+84912345678");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(phoneHash("key-two-0123456789", "+84912345678")).not.toBe(a);
    expect(auditPhone(a)).toBe(`hash:${a.slice(0, 16)}`);
  });
});
