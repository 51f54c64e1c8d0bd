// A step that cannot get at its call in time answers the degraded TwiML instead of hanging until
// Twilio gives up, records no step twice, and holds up no other call. The call is held by another session's row
// lock, as a stuck transaction or a slow process elsewhere would hold it.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseXml } from "../../../server/hotline/simulator/xml.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { seedDemo } from "../../helpers/demo.js";
import { openAllWeek } from "../../helpers/hours.js";
import { signedPost, simulate } from "../../helpers/twilio.js";

let t: TestApp;

beforeAll(async () => {
  // Long enough for the other call's steps on a busy machine, short enough for a test.
  t = await startTestApp({ VOICE_STEP_BUDGET_MS: "5000" });
  seedDemo(t.config.DATABASE_URL);
  await openAllWeek(t.db);
}, 120_000);
afterAll(() => t.close());

/** Holds the call's row lock from another session until the returned function is called. */
async function holdCallLock(callSid: string): Promise<() => Promise<void>> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = () => {};
  const locked = new Promise<void>((resolve) => {
    held = resolve;
  });
  const transaction = t.db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM calls WHERE call_sid = ${callSid} FOR UPDATE`;
      held();
      await released;
    },
    { timeout: 60_000 },
  );
  await locked;
  return async () => {
    release();
    await transaction;
  };
}

describe("a step whose call stays locked past the budget", () => {
  it("answers the busy message with a voicemail while the lock is still held, and other calls go on", async () => {
    const callSid = `CA${randomBytes(16).toString("hex")}`;
    const base = { CallSid: callSid, From: "0912 345 777", To: "+842563822478" };
    const greeting = await signedPost(t.app, t.config, t.db, "/twilio/voice/incoming", { ...base, CallStatus: "ringing" });
    const menu = parseXml(greeting.body).children.find((c) => c.name === "Gather")?.attributes.action ?? "";
    const gatherPath = menu.slice(t.config.PUBLIC_BASE_URL.length);

    const releaseLock = await holdCallLock(callSid);
    const stuck = signedPost(t.app, t.config, t.db, gatherPath, { ...base, CallStatus: "in-progress", Digits: "2" });
    // Another citizen's whole call meanwhile.
    const other = await simulate(t.app, t.config, t.db, { from: "0912 345 778", digits: ["2", "1"] });
    // Awaited before the lock is released: a step that waited for the lock would never answer.
    const answer = await stuck;
    await releaseLock();

    expect(answer.status).toBe(200);
    // No operators' number is configured: the caller leaves a voicemail, recorded by Twilio.
    expect(parseXml(answer.body).children.map((c) => c.name)).toEqual(["Say", "Record", "Say", "Hangup"]);
    expect(await t.db.callEvent.count({ where: { call: { callSid }, kind: "gather" } })).toBe(0);
    expect(await t.db.call.findUniqueOrThrow({ where: { callSid: other.callSid } })).toMatchObject({
      status: "completed",
      termination: "answered",
    });

    // The lock gone, the journal is written into the call's timeline (once, however often replayed).
    await expect
      .poll(() => t.db.callEvent.count({ where: { call: { callSid }, kind: "degraded" } }), { timeout: 20_000, interval: 250 })
      .toBe(1);
  }, 60_000);
});
