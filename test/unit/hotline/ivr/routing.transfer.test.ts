// The interpreter's cold transfer (issue 12): the staff member on the call passes the caller on to
// another agency. Pure: events in, effects and TwiML actions out.
import { describe, expect, it } from "vitest";
import type { Action, Effect, IvrEvent } from "../../../../server/hotline/ivr/types.js";
import { answeredBy, call, press, province, shippedBundle } from "./helpers.js";

const bundle = shippedBundle();
const of = <T extends Effect["type"]>(effects: Effect[], type: T) =>
  effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
const said = (actions: Action[]) => actions.flatMap((a) => (a.type === "say" && "say" in a.prompt ? [a.prompt.say] : []));
const STARTED = "2025-09-15T02:55:00.000Z";

function talking(p: ReturnType<typeof province>) {
  const c = call(bundle, p.env);
  c.send({ type: "start" });
  c.send(press("2"));
  c.send(press("1"));
  return c;
}
const transfer = (p: ReturnType<typeof province>, code: string, fromStaffId: number): IvrEvent => ({
  type: "transfer",
  agencyCode: code,
  agencyName: p.get(code).name,
  fromStaffId,
  placedAt: STARTED,
});

describe("cold transfer", () => {
  it("records the first answer, announces the agency and rings its staff, the topic kept; the survey follows the next answer", () => {
    const p = province();
    const c = talking(p);
    const an = p.get("VPDKDD").staff[0]?.id ?? 0;
    const binh = p.get("STP").staff[0]?.id ?? 0;
    const moved = c.send(transfer(p, "STP", an));
    expect(of(moved.effects, "routing").map((r) => [r.agencyCode, r.decision])).toEqual([
      ["VPDKDD", "answered"],
      ["STP", "dialing"],
    ]);
    expect(of(moved.effects, "transferred")).toEqual([
      { type: "transferred", fromStaffId: an, agencyCode: "STP", agencyId: p.get("STP").id },
    ]);
    expect(of(moved.effects, "termination")).toEqual([{ type: "termination", reason: "answered" }]);
    expect(said(moved.actions)[0]).toContain("đang được chuyển đến STP");
    expect(moved.actions.find((a) => a.type === "dial")).toMatchObject({ agencyId: p.get("STP").id, topic: c.state?.topic?.label });
    const after = c.send(answeredBy(binh));
    expect(of(after.effects, "routing")).toMatchObject([{ agencyCode: "STP", decision: "answered", staffId: binh }]);
    expect(after.actions.some((a) => a.type === "gather")).toBe(true);
    expect(c.state?.node).not.toBe("route_dat_dai");
  });

  it("queues the caller at the new agency in the place their call's start gives them", () => {
    const p = province({
      STP: { staff: [], busyStaff: 1, queue: { maxLength: 5, maxWaitSeconds: 300, whenNoneAvailable: false, waiting: 2 } },
    });
    const c = talking(p);
    const moved = c.send(transfer(p, "STP", p.get("VPDKDD").staff[0]?.id ?? 0));
    expect(of(moved.effects, "queue-joined")).toEqual([
      { type: "queue-joined", agencyCode: "STP", agencyId: p.get("STP").id, since: STARTED },
    ]);
  });

  it("is refused outside a call with a staff member (the safe result)", () => {
    const p = province();
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    const refused = c.send(transfer(p, "STP", 1));
    expect(of(refused.effects, "error")).toHaveLength(1);
    expect(refused.actions.at(-1)).toEqual({ type: "hangup" });
  });
});
