// Many citizens calling at once: thirty different calls driven through the real app together, each
// following its TwiML from the greeting through the menu to the staff (or on to voicemail) and the hang-up. A step of
// one call must never wait on another call's step, so none of them may get anything but a 200.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { seedDemo } from "../../helpers/demo.js";
import { openAllWeek } from "../../helpers/hours.js";
import { simulate } from "../../helpers/twilio.js";

const CALLERS = 30;
let t: TestApp;

beforeAll(async () => {
  // Twilio's own limit as the step budget: this test is about steps never starving each other, on a
  // machine that may be busy with other work; speed is measured by the bench scripts.
  t = await startTestApp({ VOICE_STEP_BUDGET_MS: "14000" });
  seedDemo(t.config.DATABASE_URL);
  await openAllWeek(t.db);
}, 120_000);
afterAll(() => t.close());

describe("thirty callers at once", () => {
  it("all get their TwiML (no 5xx) and every call is complete in the call log", async () => {
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: CALLERS }, (_, i) =>
        simulate(t.app, t.config, t.db, { from: `0912 345 ${String(600 + i).padStart(3, "0")}`, digits: ["2", "1"] }),
      ),
    );
    const failures = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason).slice(0, 200)] : []));
    expect(failures).toEqual([]);

    const calls = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    for (const { steps } of calls) {
      const requests = steps.flatMap((s) => (s.type === "request" ? [s] : []));
      expect(requests.every((r) => r.status < 300)).toBe(true);
      expect(requests.map((r) => r.path.split("?")[0])).toEqual(
        expect.arrayContaining(["/twilio/voice/incoming", "/twilio/voice/gather", "/twilio/voice/dial", "/twilio/voice/status"]),
      );
      expect(steps.some((s) => s.type === "dial")).toBe(true);
    }

    const logged = await t.db.call.findMany({
      where: { callSid: { in: calls.map((c) => c.callSid) }, createdAt: { gte: new Date(started - 1000) } },
      include: { events: true },
    });
    expect(logged).toHaveLength(CALLERS);
    // The simulated staff press 1 on every ring, but a staff member takes one call at a time: a caller
    // whose ring reached only staff already on another call is passed on, down to voicemail.
    for (const call of logged) {
      expect(call.status).toBe("completed");
      expect(call.endedAt).not.toBeNull();
      expect(["answered", "voicemail"]).toContain(call.termination);
      const kinds = call.events.map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(["incoming", "gather", "dial", "status"]));
      expect(kinds.includes("whisper-accept")).toBe(call.termination === "answered");
    }
    expect(logged.filter((call) => call.termination === "answered").length).toBeGreaterThan(0);
  }, 120_000);
});
