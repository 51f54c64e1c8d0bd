// The demo seed's cases (prisma/seed/cases.ts): written through the cases' own functions, so their
// codes, deadlines, events and escalation are what the console would have made; once only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_CASES } from "../../../prisma/seed/cases.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { seedDemo } from "../../helpers/demo.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  seedDemo(t.config.DATABASE_URL);
}, 120_000);
afterAll(() => t.close());

describe("the demo seed's cases", () => {
  it("come in every state, with their history, and running the seed again adds nothing", async () => {
    const cases = await t.db.case.findMany({
      include: { events: { orderBy: { id: "asc" } }, surveyAnswers: true, agency: { select: { code: true } } },
      orderBy: { id: "asc" },
    });
    expect(cases).toHaveLength(SEED_CASES.length);
    expect(new Set(cases.map((c) => c.state))).toEqual(new Set(["new", "in_progress", "waiting_citizen", "answered", "closed"]));
    // Numbers of the demo range only, codes from the year's counter, a `created` event first.
    for (const c of cases) {
      expect(c.phone).toMatch(/^\+84900000\d{3}$/);
      expect(c.code).toMatch(/^GL-\d{4}-\d{6}$/);
      expect(c.events[0]?.type).toBe("created");
    }
    const counters = await t.db.caseCounter.findMany();
    expect(counters.reduce((sum, c) => sum + c.last, 0)).toBe(SEED_CASES.length);

    const closed = cases.find((c) => c.state === "closed");
    expect(closed?.surveyAnswers.map((a) => [a.question, a.value]).sort()).toEqual([
      ["resolved", 1],
      ["satisfaction", 1],
    ]);
    expect(closed?.events.map((e) => e.type)).toEqual(["created", "assigned", "answered", "closed"]);

    const overdue = cases.filter((c) => ["new", "in_progress", "waiting_citizen"].includes(c.state) && c.dueAt <= new Date());
    expect(overdue.map((c) => c.agency.code)).toEqual(["STP"]);
    expect(overdue[0]?.escalationLevel).toBeGreaterThanOrEqual(1);
    expect(overdue[0]?.events.map((e) => e.type)).toContain("escalated");

    const transferred = cases.find((c) => c.events.some((e) => e.type === "transferred"));
    const operators = await t.db.agency.findUniqueOrThrow({ where: { code: "TTPVHCC-TD" } });
    expect(transferred?.agency.code).toBe("VPDKDD");
    expect(transferred?.events.find((e) => e.type === "transferred")).toMatchObject({
      fromAgencyId: operators.id,
      reason: expect.any(String),
    });

    // Old enough that the service SMS sweep (two days back) leaves the demo citizens alone.
    expect(cases.every((c) => c.createdAt.getTime() < Date.now() - 2 * 24 * 3600 * 1000)).toBe(true);

    seedDemo(t.config.DATABASE_URL);
    expect(await t.db.case.count()).toBe(SEED_CASES.length);
    expect(await t.db.caseEvent.count()).toBe(cases.reduce((sum, c) => sum + c.events.length, 0));
  }, 60_000);
});
