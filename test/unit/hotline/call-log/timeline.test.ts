// A call's timeline names each IVR step by its title in the flow version that served the call.
import { describe, expect, it } from "vitest";
import { buildTimeline, type NameLookup } from "../../../../server/hotline/call-log/timeline.js";

const names = (titles: Record<string, string>): NameLookup => ({
  agency: () => null,
  staff: () => null,
  node: (flow, node) => titles[`${flow}#${node}`] ?? null,
});

const entered = (node: string) => ({
  id: 1,
  kind: "incoming",
  at: new Date("2026-12-01T02:00:00Z"),
  data: { effects: [{ type: "node", flow: "hotline", node, kind: "menu" }] },
});

describe("call timeline", () => {
  it("gives a step the title its flow file gives it", () => {
    const [, step] = buildTimeline([entered("main_menu")], names({ "hotline#main_menu": "Menu chính" }));
    expect(step).toMatchObject({ type: "node", params: { node: "main_menu", kind: "menu", title: "Menu chính" } });
  });

  it("leaves the title empty for a version published before titles existed", () => {
    const [, step] = buildTimeline([entered("main_menu")], names({}));
    expect(step?.params.title).toBeNull();
  });

  it("says which case a caller looked up by phone and where it stood, never who they are", () => {
    const [found] = buildTimeline(
      [
        {
          id: 2,
          kind: "gather",
          at: new Date("2026-12-01T02:01:00Z"),
          data: {
            effects: [
              {
                type: "status-found",
                lookup: "case_status",
                reference: "GL-2026-004821",
                stateLabel: "đang được xử lý",
                agencyCode: "STP",
              },
            ],
          },
        },
      ],
      names({}),
    );
    expect(found).toMatchObject({
      type: "status-found",
      params: { reference: "GL-2026-004821", state: "đang được xử lý" },
      text: "Looked up GL-2026-004821: đang được xử lý",
    });
  });
});
