import { describe, expect, it } from "vitest";
import type { Action, Effect, IvrEvent } from "../../../../server/hotline/ivr/types.js";
import { validateBundle } from "../../../../server/hotline/ivr/validate.js";
import { answeredBy, call, noAnswer, press, province, shippedBundle, shippedFiles } from "./helpers.js";

const bundle = shippedBundle();
const of = <T extends Effect["type"]>(effects: Effect[], type: T) =>
  effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
const said = (actions: Action[]) =>
  actions
    .flatMap((a) => (a.type === "say" ? [a.prompt] : a.type === "queue-wait" ? a.prompts : []))
    .map((p) => ("say" in p ? p.say : p.play));
const tick = (over: Partial<Extract<IvrEvent, { type: "queue-tick" }>> = {}): IvrEvent => ({
  type: "queue-tick",
  digits: "",
  waitedSeconds: 10,
  position: 3,
  expectedWaitSeconds: null,
  assigned: null,
  ...over,
});

/** The land registry (menu 2, 1) with its only staff member busy, a queue of `maxLength`. */
function busyLand(queue: Partial<{ maxLength: number; waiting: number; whenNoneAvailable: boolean }> = {}, busyStaff = 1) {
  return province({
    VPDKDD: { staff: [], busyStaff, queue: { maxLength: 5, maxWaitSeconds: 300, whenNoneAvailable: false, waiting: 0, ...queue } },
  });
}

function toQueue(p: ReturnType<typeof province>) {
  const c = call(bundle, p.env);
  c.send({ type: "start" });
  c.send(press("2"));
  const joined = c.send(press("1"));
  return { c, joined };
}

describe("joining a queue", () => {
  it("holds the caller when the agency's staff are all busy: the joining prompt, then the first turn at once", () => {
    const p = busyLand();
    const { c, joined } = toQueue(p);
    expect(of(joined.effects, "queue-joined")).toEqual([{ type: "queue-joined", agencyCode: "VPDKDD", agencyId: p.get("VPDKDD").id }]);
    expect(of(joined.effects, "routing")).toEqual([]);
    expect(said(joined.actions).at(-1)).toContain("giữ máy");
    expect(joined.actions.at(-1)).toEqual({ type: "queue-next" });
    expect(c.state).toMatchObject({ waiting: "queue", node: "route_dat_dai", queue: { agencyCode: "VPDKDD", connecting: null } });
  });

  it("falls through as before when the queue is full, off, or nobody is busy and the agency does not queue then", () => {
    for (const p of [busyLand({ waiting: 5 }), busyLand({ maxLength: 0 }), busyLand({}, 0)]) {
      const { joined } = toQueue(p);
      expect(of(joined.effects, "queue-joined")).toEqual([]);
      expect(of(joined.effects, "routing")[0]).toMatchObject({ agencyCode: "VPDKDD", decision: "skipped-no-staff" });
      expect(joined.actions.find((a) => a.type === "dial")).toBeDefined();
    }
  });

  it("queues with nobody available at all when the agency says so", () => {
    const { joined } = toQueue(busyLand({ whenNoneAvailable: true }, 0));
    expect(of(joined.effects, "queue-joined")).toHaveLength(1);
  });

  it("never queues at a route that says queue: false", () => {
    const files = shippedFiles().map((f) => ({
      ...f,
      text: f.text.replace("agency: VPDKDD, topic: dat_dai,", "agency: VPDKDD, queue: false, topic: dat_dai,"),
    }));
    const result = validateBundle(files);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const c = call(result.bundle, busyLand().env);
    c.send({ type: "start" });
    c.send(press("2"));
    expect(of(c.send(press("1")).effects, "queue-joined")).toEqual([]);
  });
});

describe("waiting", () => {
  it("announces the position, the expected wait only when known, the callback offer, then the hold music and the next turn", () => {
    const { c } = toQueue(busyLand());
    const unsure = c.send(tick({ position: 3 }));
    expect(said(unsure.actions)).toEqual(["Ông bà đang ở vị trí số 3.", "Nếu không muốn chờ, xin bấm phím 1 để được gọi lại."]);
    expect(unsure.actions).toMatchObject([{ type: "queue-wait", holdMusicUrl: null }]);
    expect(of(unsure.effects, "queue-position")).toMatchObject([{ position: 3, expectedWaitSeconds: null }]);

    const known = c.send(tick({ position: 2, expectedWaitSeconds: 170 }));
    expect(said(known.actions)).toEqual([
      "Ông bà đang ở vị trí số 2.",
      "Thời gian chờ dự kiến khoảng 3 phút.",
      "Nếu không muốn chờ, xin bấm phím 1 để được gọi lại.",
    ]);
  });

  it("plays the agency's own hold music when it has one", () => {
    const p = province({
      VPDKDD: {
        staff: [],
        busyStaff: 1,
        queue: { maxLength: 5, maxWaitSeconds: 300, whenNoneAvailable: false, waiting: 0, holdMusicUrl: "https://cdn.example.vn/cho.mp3" },
      },
    });
    const { c } = toQueue(p);
    expect(c.send(tick()).actions).toMatchObject([{ type: "queue-wait", holdMusicUrl: "https://cdn.example.vn/cho.mp3" }]);
  });

  it("key 1 leaves the line for a callback request that keeps the caller's place, confirmed, then the call ends", () => {
    const p = busyLand();
    const { c } = toQueue(p);
    const result = c.send(tick({ digits: "1", waitedSeconds: 42 }));
    expect(of(result.effects, "queue-left")).toEqual([
      { type: "queue-left", agencyId: p.get("VPDKDD").id, outcome: "callback", waitedSeconds: 42 },
    ]);
    expect(of(result.effects, "callback-request")).toEqual([
      { type: "callback-request", agencyId: p.get("VPDKDD").id, topic: "dat_dai", recordingSeconds: 0, inQueue: true },
    ]);
    expect(said(result.actions)[0]).toContain("gọi lại");
    expect(result.actions.at(-1)).toEqual({ type: "hangup" });
    expect(c.state).toMatchObject({ waiting: "done", queue: null });
  });

  it("another key is no callback: the next announcement", () => {
    const { c } = toQueue(busyLand());
    const result = c.send(tick({ digits: "5" }));
    expect(of(result.effects, "callback-request")).toEqual([]);
    expect(result.actions[0]?.type).toBe("queue-wait");
  });

  it("after the agency's maximum wait goes on along the fallback chain, and to voicemail as before", () => {
    const p = province({
      VPDKDD: { staff: [], busyStaff: 1, queue: { maxLength: 5, maxWaitSeconds: 120, whenNoneAvailable: false, waiting: 0 } },
      "TTPVHCC-TD": { staff: [] },
    });
    const { c } = toQueue(p);
    const timedOut = c.send(tick({ waitedSeconds: 121 }));
    expect(of(timedOut.effects, "queue-left")).toMatchObject([{ outcome: "timeout", waitedSeconds: 121 }]);
    expect(of(timedOut.effects, "routing")).toMatchObject([{ agencyCode: "TTPVHCC-TD", decision: "skipped-no-staff" }]);
    expect(timedOut.actions.find((a) => a.type === "record")).toBeDefined();
    expect(c.state).toMatchObject({ node: "voicemail", waiting: "record", queue: null });
  });
});

describe("connecting from the queue", () => {
  const target = { staffId: 77, phone: "+84905000077" };

  it("dials the staff member the dispatcher chose, with the whisper, and on to the survey when they answered", () => {
    const p = busyLand();
    const { c } = toQueue(p);
    const connect = c.send(tick({ assigned: target }));
    expect(connect.actions).toEqual([
      {
        type: "dial",
        agencyId: p.get("VPDKDD").id,
        topic: "đất đai",
        topicId: "dat_dai",
        targets: [target],
        timeoutSeconds: 20,
        record: true,
      },
    ]);
    expect(of(connect.effects, "queue-connecting")).toEqual([{ type: "queue-connecting", agencyId: p.get("VPDKDD").id, staffId: 77 }]);
    expect(c.state).toMatchObject({ waiting: "dial", route: { dialing: [77] } });

    const answered = c.send(answeredBy(77));
    expect(of(answered.effects, "queue-left")).toEqual([{ type: "queue-left", agencyId: p.get("VPDKDD").id, outcome: "answered" }]);
    expect(of(answered.effects, "termination")).toEqual([{ type: "termination", reason: "answered" }]);
    expect(c.state).toMatchObject({ node: "survey", queue: null });
  });

  it("a ring nobody takes puts the caller back in line, in the old place, without the joining prompt", () => {
    const p = busyLand();
    const { c } = toQueue(p);
    c.send(tick({ assigned: target }));
    const back = c.send(noAnswer);
    expect(of(back.effects, "queue-returned")).toEqual([{ type: "queue-returned", agencyId: p.get("VPDKDD").id, staffId: 77 }]);
    expect(back.actions).toEqual([{ type: "queue-next" }]);
    expect(c.state).toMatchObject({ waiting: "queue", queue: { connecting: null } });
    expect(c.send(tick({ position: 1 })).actions[0]?.type).toBe("queue-wait");
  });
});

describe("the flow format", () => {
  it("refuses queue prompts without their placeholder and queue: true without the flow's queue prompts", () => {
    const files = shippedFiles().map((f) => ({
      ...f,
      text: f.text
        .replace("Ông bà đang ở vị trí số {position}.", "Ông bà đang chờ.")
        .replace("agency: STP, topic: ho_tich,", "agency: STP, queue: true, topic: ho_tich,"),
    }));
    const result = validateBundle(files);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message)).toContain('queue.position: the "vi" text of prompt "queue_position" must say {position}');

    const noBlock = validateBundle(
      shippedFiles().map((f) => ({
        ...f,
        text: f.text
          .replace(/^queue:\n( {2}.*\n)+/m, "")
          .replace("agency: STP, topic: ho_tich,", "agency: STP, queue: true, topic: ho_tich,"),
      })),
    );
    expect(noBlock.ok).toBe(false);
    if (!noBlock.ok) expect(noBlock.problems.map((p) => p.message).join("\n")).toContain("queue: true needs the flow's queue prompts");
  });
});
