// Who answers the calls the server places while no Twilio account is configured (the demo: every
// callback, consult and listen is then simulated). Tests may set `network.answering` themselves.
// - `client:staff-N`: the call is offered to staff N's simulated desk device (simulated-clients.ts):
//   the person in the console accepts and later hangs up through /api/simulator/desk; with no device
//   open it rings out (no-answer), as a browser without the softphone would.
// - a citizen's phone (a callback's citizen leg): answers after about a second, talks until the
//   conference ends (the staff member hangs up), then answers the survey ("1" at each question).
// - a staff member's or supervisor's phone: nobody holds it in the demo, so it answers after about a
//   second, presses 1 at the whisper and hangs up a few seconds later.
import { staffIdOfIdentity } from "../../../agencies/staff/answer-on.js";
import type { SimulatedClients } from "../simulated-clients.js";
import type { Answering, AnswerPlacedCall } from "./network.js";

const PICK_UP_MS = 1000;
/** How long a demo staff member on a phone stays before hanging up. */
const PHONE_STAFF_TALK_MS = 5000;
/** A conversation in the console that nobody ends is ended after this long (a forgotten tab). */
const MAX_TALK_MS = 30 * 60_000;
const CITIZEN_LEG = "/twilio/voice/callback/citizen";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DemoAnsweringDeps {
  clients: SimulatedClients;
  /**
   * The call a placed call belongs to, as the console's simulated device knows it (the caller's call
   * sid of a consult or listen), or null: the placed call is then rung under its own sid (a callback).
   */
  ringKeyOf(url: string): Promise<string | null>;
  /** Milliseconds to wait before picking up a phone (tests shorten it). */
  pickUpMs?: number;
}

export function demoAnswering(deps: DemoAnsweringDeps): AnswerPlacedCall {
  const pickUp = deps.pickUpMs ?? PICK_UP_MS;
  return async (to, call): Promise<Answering> => {
    if (to.startsWith("client:")) return browserDesk(deps, to.slice("client:".length), call.callSid, call.url, call.timeout ?? 30);
    await sleep(pickUp);
    if (call.url.includes(CITIZEN_LEG)) return { answer: true };
    return { answer: true, talk: () => sleep(PHONE_STAFF_TALK_MS).then(() => Math.round(PHONE_STAFF_TALK_MS / 1000)) };
  };
}

async function browserDesk(deps: DemoAnsweringDeps, identity: string, callSid: string, url: string, timeoutSeconds: number) {
  const staffId = staffIdOfIdentity(identity);
  const timeoutMs = timeoutSeconds * 1000;
  if (staffId === null || deps.clients.registered([identity]).length === 0) {
    await sleep(timeoutMs);
    return { answer: false };
  }
  const parentCallSid = (await deps.ringKeyOf(url).catch(() => null)) ?? callSid;
  // The server decides once the leg fetches its URL (the network posts it after the answer).
  const { outcome, ring } = await deps.clients.ring({ parentCallSid, identities: [identity], timeoutMs }, async () => true);
  if (!outcome.answered) return { answer: false };
  const started = Date.now();
  let end: () => void = () => {};
  const hungUp = new Promise<number>((resolve) => {
    end = () => {
      clearTimeout(timer);
      deps.clients.finished(ring);
      resolve(Math.max(1, Math.round((Date.now() - started) / 1000)));
    };
    const timer = setTimeout(end, MAX_TALK_MS);
    ring.talking = { staffId, digits: [], hangUp: end };
  });
  // The leg may end without the person (the conference ended): the console's ring is forgotten then too.
  return { answer: true, talk: () => hungUp, ended: () => end() };
}
