// POST /api/simulator/calls: a whole call through the app's own signed webhooks, as the console's
// "Thử cuộc gọi" page runs it; the call is recorded, marked simulated, and the report masks phones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, startTestApp, type TestApp } from "../../helpers/app.js";
import { DEMO_ADMIN_PASSWORD, DEMO_STAFF_PASSWORD, seedDemo } from "../../helpers/demo.js";
import { openAllWeek } from "../../helpers/hours.js";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  seedDemo(t.config.DATABASE_URL);
  await openAllWeek(t.db);
  t.app.callRouting.invalidate();
}, 120_000);
afterAll(() => t.close());

type Step = { type: string; text?: string; digits?: string; targets?: string[]; path?: string; twiml?: string; action?: string };

describe("simulated calls through the API", () => {
  it("returns every step, masks phone numbers, and leaves a simulated call and an audit row", async () => {
    const supervisor = await login(t.app, "stp.giamsat", DEMO_STAFF_PASSWORD);
    const response = await t.app.inject({
      method: "POST",
      url: "/api/simulator/calls",
      headers: { cookie: supervisor },
      payload: { digits: ["1", "1", "1", "1"], staff: "answer" },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { callSid: string; callId: number; steps: Step[]; outcome: Record<string, unknown> };
    const { steps } = body;
    expect(steps[0]).toMatchObject({ type: "request", path: "/twilio/voice/incoming", status: 200 });
    expect(steps.filter((s) => s.type === "gather").map((s) => s.digits)).toEqual(["1", "1", "1", "1"]);
    expect(steps.some((s) => s.type === "say" && s.text?.includes("xin kính chào"))).toBe(true);
    const dial = steps.find((s) => s.type === "dial");
    expect(dial?.targets?.length).toBeGreaterThan(0);
    for (const target of dial?.targets ?? []) expect(target).toMatch(/^\+84 \d\dx x+ \d{3}$/);
    // No full phone number anywhere in the report.
    expect(JSON.stringify(steps)).not.toMatch(/\+84\d{9}/);
    expect(steps.some((s) => s.type === "staff" && s.action === "pressed 1 and answered")).toBe(true);

    const call = await t.db.call.findUniqueOrThrow({ where: { callSid: body.callSid }, include: { agency: true } });
    expect(call).toMatchObject({ id: body.callId, simulated: true, termination: "answered", agency: { code: "STP" } });
    expect(body.outcome).toMatchObject({ callId: call.id, termination: "answered", agency: { code: "STP" } });
    expect(body.outcome.routing).toContainEqual(expect.objectContaining({ agencyCode: "STP", decision: "dialing" }));

    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "simulate" } });
    expect(audit).toMatchObject({ resource: "calls", resourceId: String(call.id) });
    expect(audit.after).toMatchObject({ digits: ["1", "1", "1", "1"], staff: "answer", termination: "answered" });
    expect(JSON.stringify(audit.after)).not.toContain("912000111");
  });

  it("follows the staff choice: nobody answers, the caller leaves a message", async () => {
    const admin = await login(t.app, "admin", DEMO_ADMIN_PASSWORD);
    const response = await t.app.inject({
      method: "POST",
      url: "/api/simulator/calls",
      headers: { cookie: admin },
      payload: { digits: ["3"], staff: "no-answer", from: "0987 654 321" },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { callSid: string; steps: Step[] };
    expect(body.steps.filter((s) => s.type === "staff").every((s) => s.action === "no answer")).toBe(true);
    expect(body.steps.some((s) => s.type === "record")).toBe(true);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid: body.callSid } });
    expect(call).toMatchObject({ simulated: true, termination: "voicemail", caller: "+84987654321" });
  });

  it("takes a commune code ended with # as the prompt asks, as Twilio would (the # is the finish key)", async () => {
    const admin = await login(t.app, "admin", DEMO_ADMIN_PASSWORD);
    const response = await t.app.inject({
      method: "POST",
      url: "/api/simulator/calls",
      headers: { cookie: admin },
      payload: { digits: ["8", "101#"], staff: "no-answer" },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { steps: Step[]; outcome: { routing: unknown[]; termination: string } };
    expect(body.steps.filter((s) => s.type === "say").map((s) => s.text)).not.toContain("Mã số này chưa đúng.");
    const ward = await t.db.agency.findFirstOrThrow({ where: { dialCode: "101" } });
    expect(body.outcome.routing).toContainEqual(expect.objectContaining({ agencyCode: ward.code, decision: "dialing" }));
    expect(body.outcome.termination).toBe("voicemail");
  });

  it("runs one call at a time per user", async () => {
    const admin = await login(t.app, "admin", DEMO_ADMIN_PASSWORD);
    const run = () =>
      t.app.inject({
        method: "POST",
        url: "/api/simulator/calls",
        headers: { cookie: admin },
        payload: { digits: ["9"], staff: "answer" },
      });
    const statuses = (await Promise.all([run(), run()])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 429]);
    expect((await run()).statusCode).toBe(200);
  });

  it("is refused to other roles and to bad input", async () => {
    const viewer = await login(t.app, "lanhdao.xem", DEMO_STAFF_PASSWORD);
    const agent = await login(t.app, "stp.nv1", DEMO_STAFF_PASSWORD);
    for (const cookie of [viewer, agent]) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/simulator/calls",
        headers: { cookie },
        payload: { digits: ["1"], staff: "answer" },
      });
      expect(response.statusCode).toBe(403);
    }
    const admin = await login(t.app, "admin", DEMO_ADMIN_PASSWORD);
    for (const payload of [
      { digits: ["a"], staff: "answer" },
      { digits: Array(21).fill("1"), staff: "answer" },
      { digits: ["1"], staff: "maybe" },
      { digits: ["1"], staff: "answer", from: "not a phone" },
    ]) {
      const response = await t.app.inject({ method: "POST", url: "/api/simulator/calls", headers: { cookie: admin }, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});
