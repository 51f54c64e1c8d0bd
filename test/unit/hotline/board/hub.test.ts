import { describe, expect, it } from "vitest";
import type { BoardScope } from "../../../../server/hotline/board/board.js";
import { touches } from "../../../../server/hotline/board/hub.js";

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
