import { describe, expect, it } from "vitest";
import type { BoardValue } from "../../../../server/contract/hotline/board.js";
import type { BoardScope } from "../../../../server/hotline/board/board.js";
import { BoardHub, touches } from "../../../../server/hotline/board/hub.js";

const province: BoardScope = { agencyId: null, agencyName: null, agencyIds: null };
const department: BoardScope = { agencyId: 2, agencyName: "Sở Tư pháp", agencyIds: [2, 3] };

describe("which boards a change moves", () => {
  it("moves the province's board for any change, a subtree's only for its own agencies", () => {
    expect(touches(province, "9")).toBe(true);
    expect(touches(province, "")).toBe(true);
    expect(touches(department, "3")).toBe(true);
    expect(touches(department, "9")).toBe(false);
    expect(touches(department, "")).toBe(false);
  });

  it("moves every board when it is not known what changed (after a reconnect)", () => {
    expect(touches(department, null)).toBe(true);
  });
});

describe("the board hub", () => {
  const scope = (agencyId: number | null, agencyIds: number[] | null): BoardScope => ({ agencyId, agencyName: null, agencyIds });
  function setup() {
    const reads: (number | null)[] = [];
    let notify: (payload: string | null) => void = () => {};
    let listening = 0;
    let closedListener = false;
    const hub = new BoardHub({
      read: async (s) => {
        reads.push(s.agencyId);
        return { agencyId: s.agencyId } as unknown as BoardValue;
      },
      listen: async (onNotify) => {
        listening++;
        notify = onNotify;
        return {
          close: async () => {
            closedListener = true;
          },
        };
      },
      debounceMs: 20,
    });
    const subscriber = (s: BoardScope) => {
      const pushed: BoardValue[] = [];
      let ended = false;
      return {
        pushed,
        get ended() {
          return ended;
        },
        scope: s,
        push: (board: BoardValue) => pushed.push(board),
        ping: () => {},
        stillAllowed: async () => true,
        end: () => {
          ended = true;
        },
      };
    };
    return {
      hub,
      reads,
      subscriber,
      notify: (p: string | null) => notify(p),
      listening: () => listening,
      closedListener: () => closedListener,
    };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

  it("listens once, gathers a burst into one board per scope, and pushes only to the scopes touched", async () => {
    const { hub, reads, subscriber, notify, listening } = setup();
    const a = subscriber(scope(2, [2, 3]));
    const b = subscriber(scope(2, [2, 3]));
    const c = subscriber(scope(5, [5]));
    for (const s of [a, b, c]) await hub.subscribe(s);
    expect(listening()).toBe(1);
    expect(reads).toEqual([2, 2, 5]);
    notify("3");
    notify("2");
    notify("3");
    await settle();
    expect(reads).toEqual([2, 2, 5, 2]);
    expect(a.pushed).toHaveLength(2);
    expect(b.pushed).toHaveLength(2);
    expect(c.pushed).toHaveLength(1);
    await hub.close();
  });

  it("stops pushing to a stream once removed, and ends the rest and the listener when closed", async () => {
    const { hub, subscriber, notify, closedListener } = setup();
    const a = subscriber(scope(null, null));
    const b = subscriber(scope(null, null));
    const removeA = await hub.subscribe(a);
    await hub.subscribe(b);
    removeA();
    expect(hub.size).toBe(1);
    notify("");
    await settle();
    expect(a.pushed).toHaveLength(1);
    expect(b.pushed).toHaveLength(2);
    await hub.close();
    expect(b.ended).toBe(true);
    expect(hub.size).toBe(0);
    expect(closedListener()).toBe(true);
  });
});
