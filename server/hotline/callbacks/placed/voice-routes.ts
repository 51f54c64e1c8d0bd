// Twilio's webhooks for a callback placed from the console (start.ts). Each carries the attempt's
// id; each is signature-checked (twilioWebhooks) and idempotent: the attempt's state moves forward by
// conditional updates, so a retried webhook finds it moved and answers the same way.
//
//   staff leg answered ─► /staff (phone: whisper, key 1 ─► /staff/accept; browser: at once)
//     └─► citizen called from the hotline's number; the staff member waits in the conference
//   citizen answered ─► /citizen: the citizen's leg becomes a call of the log, joins the conference
//   staff member hangs up ─► conference ends ─► /citizen/ended: the hotline's survey for the citizen
//   /citizen/status and /staff/status: how each leg ended (no answer, busy, hung up first)
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import Type from "typebox";
import { staffAnswered, staffLegEnded } from "../../../agencies/staff/presence.js";
import type { PlacedCallbackOutcome } from "../../../contract/enums.js";
import type { Db } from "../../../platform/db/client.js";
import type { VoiceApi } from "../../../platform/twilio/voice-api.js";
import { twilioWebhooks } from "../../../platform/twilio/webhooks.js";
import { activeFlowVersion } from "../../flows/versions.js";
import { statusLookups } from "../../status-lookup/registry.js";
import { recordCallStatus } from "../../voice/call-end.js";
import { callLocks } from "../../voice/call-lock.js";
import { insertCall, upsertRecording } from "../../voice/call-rows.js";
import { runCallStep, type StepDeps } from "../../voice/call-steps.js";
import { deadlineAt } from "../../voice/deadline.js";
import { recentCalls } from "../../voice/recent-calls.js";
import { CallSid, ConferenceRecordingBody, params } from "../../voice/webhook-bodies.js";
import { isCitizenOutcome, nextAfterAttempt, unansweredCitizenOutcome } from "../attempts.js";
import { placedUrls } from "./start.js";
import { citizenJoins, hangUp, staffInformed, staffJoins, staffWhisper } from "./twiml.js";

const AttemptQuery = Type.Object({ attempt: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const FINAL = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

const xml = (reply: FastifyReply, twiml: string) => reply.type("text/xml; charset=utf-8").send(twiml);

export interface PlacedCallbackRoutesOptions {
  /** The API that can act on the attempt's calls: Twilio's, or the simulator's network. */
  voiceApiFor(simulated: boolean): VoiceApi;
  /** HOTLINE_NUMBER, for requests that did not come from a call to the hotline. */
  hotlineNumber: string | undefined;
  /** The citizen left before the survey: the SMS survey link (the same hook as hotline calls). */
  onSurveyMissed?: (callId: number) => Promise<void>;
}

const withRequest = {
  request: { include: { call: { select: { hotline: true, topic: true, simulated: true } }, attempts: { select: { outcome: true } } } },
} as const;

async function attemptOf(db: Db, id: number) {
  return db.callbackAttempt.findUnique({ where: { id }, include: withRequest });
}
type Attempt = NonNullable<Awaited<ReturnType<typeof attemptOf>>>;

/** The attempt is over: its outcome, and what it does to the request (only outcomes about the citizen count). */
async function endAttempt(db: Db, attempt: Attempt, outcome: PlacedCallbackOutcome, now: Date, durationSeconds: number | null) {
  const ended = await db.callbackAttempt.updateMany({
    where: { id: attempt.id, endedAt: null },
    data: { state: "ended", outcome, endedAt: now, durationSeconds },
  });
  if (ended.count === 0 || !isCitizenOutcome(outcome)) return;
  const earlier = attempt.request.attempts.map((a) => a.outcome);
  const next = nextAfterAttempt(earlier, outcome, now);
  await db.callbackRequest.updateMany({ where: { id: attempt.requestId, status: "open" }, data: next });
}

const placedCallbackVoiceRoutes: FastifyPluginAsyncTypebox<PlacedCallbackRoutesOptions> = async (fastify, options) => {
  await twilioWebhooks(fastify);
  const { db, config } = fastify;
  const locks = callLocks(db);
  const steps: StepDeps = {
    db,
    locks,
    recent: recentCalls(),
    snapshots: fastify.callRouting,
    baseUrl: config.PUBLIC_BASE_URL,
    callbackTargetHours: config.CALLBACK_TARGET_WORKING_HOURS,
    log: fastify.log,
    lookups: statusLookups(db),
  };
  const urlsOf = (attemptId: number) => placedUrls(config.PUBLIC_BASE_URL, attemptId);
  const api = (attempt: Attempt) => options.voiceApiFor(attempt.simulated);
  const budget = (reply: FastifyReply) => deadlineAt(Date.now() - reply.elapsedTime + config.VOICE_STEP_BUDGET_MS);

  /** The staff member took the call: the citizen is called once (a retried webhook only rejoins the conference). */
  const staffTookIt = async (attemptId: number, staffCallSid: string): Promise<string> => {
    const moved = await db.callbackAttempt.updateMany({
      where: { id: attemptId, state: "staff_ringing" },
      data: { state: "citizen_ringing", staffCallSid },
    });
    const attempt = await attemptOf(db, attemptId);
    if (!attempt) return hangUp();
    if (moved.count === 0) return attempt.state === "citizen_ringing" || attempt.state === "connected" ? staffJoins(attemptId) : hangUp();
    const from = attempt.request.call?.hotline ?? options.hotlineNumber;
    const urls = urlsOf(attemptId);
    const sid = from
      ? await api(attempt).createCall({
          to: attempt.request.phone,
          from,
          url: urls.citizen,
          statusCallback: urls.citizenStatus,
          timeout: 30,
        })
      : null;
    if (sid === null) {
      await endAttempt(db, attempt, "failed", new Date(), null);
      return staffInformed("Không gọi được cho công dân. Xin thử lại sau.");
    }
    await db.callbackAttempt.updateMany({ where: { id: attemptId, citizenCallSid: null }, data: { citizenCallSid: sid } });
    return staffJoins(attemptId);
  };

  fastify.post(
    "/staff",
    { schema: { querystring: AttemptQuery, body: params({ CallSid, To: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const { attempt: id } = request.query;
      const attempt = await attemptOf(db, id);
      if (attempt?.state !== "staff_ringing") return xml(reply, hangUp());
      // A browser desk is answered by a person pressing "Nhận"; a phone may be its voicemail.
      if ((request.body.To ?? "").startsWith("client:")) return xml(reply, await staffTookIt(id, request.body.CallSid));
      return xml(reply, staffWhisper(urlsOf(id).staffAccept));
    },
  );

  fastify.post(
    "/staff/accept",
    { schema: { querystring: AttemptQuery, body: params({ CallSid, Digits: Type.Optional(Type.String({ maxLength: 10 })) }) } },
    async (request, reply) => {
      if (request.body.Digits !== "1") return xml(reply, hangUp());
      return xml(reply, await staffTookIt(request.query.attempt, request.body.CallSid));
    },
  );

  // Where the staff leg is moved when the citizen could not be reached.
  fastify.post("/staff/informed", { schema: { querystring: AttemptQuery, body: params({ CallSid }) } }, async (request, reply) => {
    const attempt = await attemptOf(db, request.query.attempt);
    const outcome = attempt?.outcome;
    const text =
      outcome === "busy" ? "Máy công dân đang bận." : outcome === "no_answer" ? "Công dân không nghe máy." : "Không gọi được cho công dân.";
    return xml(reply, staffInformed(`${text} Cuộc gọi lại đã được ghi nhận.`));
  });

  fastify.post("/citizen", { schema: { querystring: AttemptQuery, body: params({ CallSid }) } }, async (request, reply) => {
    const { attempt: id } = request.query;
    const { CallSid: callSid } = request.body;
    const attempt = await attemptOf(db, id);
    const urls = urlsOf(id);
    const joins = citizenJoins(id, { ended: urls.citizenEnded, recordingStatus: urls.recording });
    if (attempt?.state === "connected" && attempt.citizenCallSid === callSid) return xml(reply, joins);
    // The staff member gave up while it rang (their status callback came first): nobody to talk to.
    if (attempt?.state !== "citizen_ringing") return xml(reply, hangUp());
    const flow = await activeFlowVersion(db);
    if (!flow) return xml(reply, hangUp());
    const now = new Date();
    const hotline = attempt.request.call?.hotline ?? options.hotlineNumber ?? "";
    await insertCall(db, {
      callSid,
      caller: attempt.request.phone,
      hotline,
      status: "in-progress",
      simulated: attempt.simulated,
      flowVersionId: flow.id,
    });
    const call = await db.call.update({
      where: { callSid },
      data: {
        agencyId: attempt.request.agencyId,
        staffId: attempt.userId,
        topic: attempt.request.call?.topic ?? null,
        ringStartedAt: attempt.createdAt,
        answeredAt: now,
        termination: "answered",
      },
      select: { id: true },
    });
    await db.callbackAttempt.updateMany({
      where: { id, state: "citizen_ringing" },
      data: { state: "connected", callId: call.id, citizenCallSid: callSid, connectedAt: now },
    });
    await db.callEvent.createMany({
      data: [
        {
          callId: call.id,
          kind: "callback-connected",
          dedupeKey: "callback-connected",
          data: { attemptId: id, staffId: attempt.userId },
          at: now,
        },
      ],
      skipDuplicates: true,
    });
    await staffAnswered(db, attempt.userId, call.id, now);
    return xml(reply, joins);
  });

  // The conference ended while the citizen was in it: the staff member hung up. The citizen hears the survey.
  fastify.post("/citizen/ended", { schema: { querystring: AttemptQuery, body: params({ CallSid }) } }, async (request, reply) => {
    const { attempt: id } = request.query;
    const { CallSid: callSid } = request.body;
    const attempt = await attemptOf(db, id);
    if (!attempt?.callId || attempt.citizenCallSid !== callSid) return xml(reply, hangUp());
    const now = new Date();
    const talked = attempt.connectedAt ? Math.round((now.getTime() - attempt.connectedAt.getTime()) / 1000) : 0;
    await endAttempt(db, attempt, "reached", now, talked);
    await db.call.updateMany({ where: { id: attempt.callId, bridgeEndedAt: null }, data: { bridgeEndedAt: now, talkSeconds: talked } });
    await staffLegEnded(db, [attempt.userId], attempt.callId, now);
    const step = {
      callSid,
      kind: "callback-ended",
      step: 0,
      event: { type: "callback-ended", agencyId: attempt.request.agencyId, staffId: attempt.userId },
      data: { attemptId: id },
      now,
    } as const;
    const twiml = await locks.inOrder(callSid, () => runCallStep(steps, step, budget(reply)));
    return xml(reply, twiml);
  });

  fastify.post(
    "/citizen/status",
    { schema: { querystring: AttemptQuery, body: params({ CallSid, CallStatus: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      const { attempt: id } = request.query;
      const { CallSid: callSid, CallStatus: status } = request.body;
      const attempt = await attemptOf(db, id);
      if (!attempt || !FINAL.has(status)) return reply.status(204).send();
      const now = new Date();
      if (attempt.callId === null) {
        // Never answered: the try counts as the citizen's (busy, no answer); the staff member is told and let go.
        await endAttempt(db, attempt, unansweredCitizenOutcome(status), now, null);
        if (attempt.staffCallSid) await api(attempt).redirect(attempt.staffCallSid, urlsOf(id).staffInformed);
        return reply.status(204).send();
      }
      // Answered: the citizen hung up (the conference ended for the staff member too) or the survey is over.
      const talked = attempt.connectedAt ? Math.round((now.getTime() - attempt.connectedAt.getTime()) / 1000) : null;
      await endAttempt(db, attempt, "reached", now, talked);
      await staffLegEnded(db, [attempt.userId], attempt.callId, now);
      const ended = await locks.inOrder(callSid, () =>
        recordCallStatus(db, locks, { callSid, status, data: { CallStatus: status } }, now, budget(reply)),
      );
      if (ended?.surveyMissed && options.onSurveyMissed) await options.onSurveyMissed(ended.callId);
      return reply.status(204).send();
    },
  );

  fastify.post(
    "/staff/status",
    { schema: { querystring: AttemptQuery, body: params({ CallSid, CallStatus: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      const { attempt: id } = request.query;
      const { CallStatus: status } = request.body;
      const attempt = await attemptOf(db, id);
      if (!attempt || !FINAL.has(status)) return reply.status(204).send();
      const now = new Date();
      if (attempt.state === "staff_ringing") {
        await endAttempt(db, attempt, status === "failed" ? "failed" : "staff_unanswered", now, null);
      } else if (attempt.state === "citizen_ringing" && attempt.citizenCallSid) {
        // The staff member hung up while the citizen's phone rang: stop ringing it (its status callback ends the attempt).
        await api(attempt).hangup(attempt.citizenCallSid);
      } else if (attempt.callId !== null) {
        await staffLegEnded(db, [attempt.userId], attempt.callId, now);
      }
      return reply.status(204).send();
    },
  );

  // The conversation's recording (the conference's, kept on the citizen's call).
  fastify.post("/recording", { schema: { querystring: AttemptQuery, body: ConferenceRecordingBody } }, async (request, reply) => {
    const attempt = await attemptOf(db, request.query.attempt);
    const body = request.body;
    if (!attempt?.citizenCallSid) return reply.status(204).send();
    const duration = body.RecordingDuration ? Number(body.RecordingDuration) : null;
    const channels = body.RecordingChannels ? Number(body.RecordingChannels) : null;
    await upsertRecording(db, {
      callSid: attempt.citizenCallSid,
      recordingSid: body.RecordingSid,
      kind: "call",
      status: body.RecordingStatus,
      durationSeconds: Number.isFinite(duration) ? duration : null,
      channels: Number.isFinite(channels) ? channels : null,
      mediaUrl: body.RecordingUrl ?? null,
    });
    return reply.status(204).send();
  });
};

export default placedCallbackVoiceRoutes;
