// Twilio Voice webhooks. /incoming is the hotline number's Voice URL and /status its status
// callback; every other URL reaches Twilio through the TwiML we return. All are signature-checked
// (server/platform/twilio/webhooks.ts) and idempotent (server/hotline/voice/call-steps.ts).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import Type from "typebox";
import { staffAnswered, staffLegEnded, staffOnCall } from "../../agencies/staff/presence.js";
import { storedCaller } from "../../phone/caller-id.js";
import { IntegerText } from "../../platform/http/schemas.js";
import { twilioWebhooks } from "../../platform/twilio/webhooks.js";
import { activeFlowVersion } from "../flows/versions.js";
import { renderAccepted, renderApology, renderClientAnswered, renderDeclined, renderWhisper } from "../ivr/twiml.js";
import type { DialStatus } from "../ivr/types.js";
import { endWait } from "../queues/abandon.js";
import type { QueueWrites } from "../queues/effects.js";
import { ringFromQueueMissed } from "../queues/staff-holds.js";
import { statusLookups } from "../status-lookup/registry.js";
import { bridgeOf, conferenceName } from "./bridge/bridge-state.js";
import { endLegs, recordAnsweredLeg } from "./bridge/legs.js";
import { renderJoinConference } from "./bridge/twiml.js";
import { bridgeUrls } from "./bridge/urls.js";
import bridgeWebhooks from "./bridge/webhooks.js";
import { recordCallStatus } from "./call-end.js";
import { callLocks } from "./call-lock.js";
import { acceptWhisper, upsertRecording } from "./call-rows.js";
import { storedState } from "./call-state.js";
import { runCallStep, runFirstStep, type StepDeps } from "./call-steps.js";
import { type Deadline, deadlineAt } from "./deadline.js";
import { degradedMode } from "./degraded/mode.js";
import { queueTick } from "./queue-steps.js";
import { recentCalls } from "./recent-calls.js";
import { CallSid, params, RecordingStatusBody } from "./webhook-bodies.js";

const Step = Type.Object({ s: Type.Integer({ minimum: 0, maximum: 10_000 }) });
/** c=1: the action of the caller's Dial into the conference (after a lift), not of the plain Dial. */
const DialQuery = Type.Object({
  s: Type.Integer({ minimum: 0, maximum: 10_000 }),
  c: Type.Optional(Type.Integer({ minimum: 0, maximum: 1 })),
});
const ConnectQuery = Type.Object({ entry: Type.Integer({ minimum: 1 }) });
const WhisperQuery = Type.Object({ s: Type.Integer({ minimum: 0, maximum: 10_000 }), staff: Type.Integer({ minimum: 1 }) });
const TransferQuery = Type.Object({
  s: Type.Integer({ minimum: 0, maximum: 10_000 }),
  leg: Type.Integer({ minimum: 1 }),
  agency: Type.Integer({ minimum: 1 }),
});
const DIAL_STATUSES: readonly string[] = ["completed", "busy", "no-answer", "failed", "canceled"];

const xml = (reply: FastifyReply, twiml: string) => reply.type("text/xml; charset=utf-8").send(twiml);

export interface VoiceRoutesOptions {
  /** Called once when a call ends answered but without survey answers (the SMS survey hook). */
  onSurveyMissed?: (callId: number) => Promise<void>;
}

const voiceRoutes: FastifyPluginAsyncTypebox<VoiceRoutesOptions> = async (fastify, options) => {
  await twilioWebhooks(fastify);
  // Before the routes: the step budget wraps each of them as it is declared, and answers the degraded
  // TwiML when a step fails or runs out of time (server/hotline/voice/degraded/).
  await degradedMode(fastify);
  const { db, config } = fastify;
  const locks = callLocks(db);
  const recent = recentCalls();
  /** After a caller joined or left a line or a staff member was freed: pair them now, not at the next sweep. */
  const afterQueueWrites = (writes: QueueWrites) => {
    if (writes.staffChanged) fastify.callRouting.invalidate();
    if (writes.dispatch.length > 0) void fastify.callQueues.kick(writes.dispatch);
  };
  const steps: StepDeps = {
    db,
    locks,
    recent,
    snapshots: fastify.callRouting,
    baseUrl: config.PUBLIC_BASE_URL,
    callbackTargetHours: config.CALLBACK_TARGET_WORKING_HOURS,
    log: fastify.log,
    afterQueueWrites,
    lookups: statusLookups(db),
  };
  /** The staff member who took the call is on it: not rung for another until their leg ends (idempotent). */
  const markOnCall = async (staffId: number, callId: number, at: Date) => {
    try {
      await staffAnswered(db, staffId, callId, at);
    } catch (error) {
      // The caller is connected all the same; their presence is only late.
      fastify.log.warn({ callId, err: error instanceof Error ? error.message : String(error) }, "presence on answer not recorded");
    }
  };

  /** The call is over: whoever is still on it (as presence knows) starts their after-call work. */
  const endLegsWith = async (callId: number) => {
    try {
      const at = new Date();
      // Someone rung for a consult or a listen who had not picked up yet is let go, not sent to wrap-up.
      const unanswered = await db.callLeg.findMany({
        where: { callId, endedAt: null, answeredAt: null, staffId: { not: null }, role: { in: ["consult", "listen"] } },
        select: { staffId: true },
      });
      await endLegs(db, callId, at);
      for (const { staffId } of unanswered) {
        if (staffId !== null) await db.$transaction((tx) => ringFromQueueMissed(tx, staffId, callId, at));
      }
      await staffLegEnded(db, await staffOnCall(db, callId), callId, at);
    } catch (error) {
      fastify.log.warn({ callId, err: error instanceof Error ? error.message : String(error) }, "presence at the call's end not recorded");
    }
  };

  /** Every answered call has its legs (call_legs): who took it, from which Twilio leg. */
  const recordLeg = async (callId: number, staffId: number, legCallSid: string, at: Date) => {
    try {
      await recordAnsweredLeg(db, { callId, staffId, legCallSid, at });
    } catch (error) {
      fastify.log.warn({ callId, err: error instanceof Error ? error.message : String(error) }, "call leg on answer not recorded");
    }
  };

  // The budget counts from the request's arrival, so time spent before the handler counts too.
  const deadlineOf = (reply: FastifyReply): Deadline => deadlineAt(Date.now() - reply.elapsedTime + config.VOICE_STEP_BUDGET_MS);
  /**
   * Answers the work's TwiML. The work waits for the call's earlier webhooks in this process; one whose
   * budget is spent by then does nothing. A failure or a spent budget is answered by degraded mode.
   */
  const answer = async (reply: FastifyReply, callSid: string, work: (deadline: Deadline) => Promise<string>) => {
    const deadline = deadlineOf(reply);
    const twiml = await locks.inOrder(callSid, async () => {
      deadline.remaining();
      return work(deadline);
    });
    return xml(reply, twiml);
  };

  fastify.post(
    "/incoming",
    { schema: { body: params({ CallSid, From: Type.String(), To: Type.String(), CallStatus: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const { CallSid: callSid, From: from, To: to, CallStatus: status } = request.body;
      return answer(reply, callSid, async (deadline) => {
        const flow = await activeFlowVersion(db);
        if (!flow) {
          request.log.error("no published IVR flow version: publish one from the console or run the seed");
          return renderApology();
        }
        const call = {
          callSid,
          caller: storedCaller(from),
          hotline: to,
          status: status ?? "ringing",
          simulated: (request.body as Record<string, string>).Simulated === "true",
          flowVersionId: flow.id,
        };
        const step = { callSid, kind: "incoming", step: 0, event: { type: "start" }, data: {}, now: new Date() } as const;
        return runFirstStep(steps, call, step, deadline);
      });
    },
  );

  fastify.post(
    "/gather",
    { schema: { querystring: Step, body: params({ CallSid, Digits: Type.Optional(Type.String({ maxLength: 40 })) }) } },
    async (request, reply) => {
      const digits = request.body.Digits ?? "";
      const step = {
        callSid: request.body.CallSid,
        kind: "gather",
        step: request.query.s,
        event: { type: "gather", digits },
        data: { Digits: digits },
        now: new Date(),
      } as const;
      return answer(reply, step.callSid, (deadline) => runCallStep(steps, step, deadline));
    },
  );

  fastify.post(
    "/dial",
    {
      schema: {
        querystring: DialQuery,
        body: params({ CallSid, DialCallStatus: Type.String(), DialCallDuration: Type.Optional(Type.String({ pattern: "^[0-9]{1,6}$" })) }),
      },
    },
    async (request, reply) => {
      const { DialCallStatus: status, DialCallDuration: duration } = request.body;
      // "answered" is reported while the bridge is up; the leg ended normally when the action fires.
      const dialStatus = (status === "answered" ? "completed" : DIAL_STATUSES.includes(status) ? status : "failed") as DialStatus;
      const step = {
        callSid: request.body.CallSid,
        kind: "dial",
        step: request.query.s,
        event: { type: "dial-ended", status: dialStatus, acceptedStaffId: null, durationSeconds: Number(duration ?? 0) },
        data: { DialCallStatus: status, DialCallDuration: Number(duration ?? 0) },
        now: new Date(),
      } as const;
      return answer(reply, step.callSid, async (deadline) => {
        if (request.query.c !== 1) {
          // The plain Dial ended because the call is being lifted into its conference: the caller joins it.
          const lifted = await liftedCallerTwiml(step.callSid, step.step);
          if (lifted) return lifted;
        }
        const twiml = await runCallStep(steps, step, deadline);
        // The conference is over (its Dial's action): the call has no bridge any more.
        if (request.query.c === 1)
          await db.$executeRaw`UPDATE calls SET bridge = NULL WHERE call_sid = ${step.callSid} AND bridge IS NOT NULL`;
        return twiml;
      });
    },
  );

  /**
   * The caller's way into the conference when their plain Dial ended for a lift (the step it was
   * lifted at); null otherwise. Derived from the call's rows only, so a retry gets the same TwiML.
   */
  const liftedCallerTwiml = async (callSid: string, step: number): Promise<string | null> => {
    const call = await db.call.findUnique({
      where: { callSid },
      select: { id: true, endedAt: true, bridge: true, agency: { select: { holdMusicUrl: true } } },
    });
    const bridge = bridgeOf(call?.bridge);
    if (!call || call.endedAt || !bridge || bridge.step !== step) return null;
    const urls = bridgeUrls(config.PUBLIC_BASE_URL);
    return renderJoinConference(
      { name: conferenceName(call.id), action: urls.callerDialAction(step), endConferenceOnExit: true },
      {
        status: urls.conferenceStatus(call.id),
        recordingStatus: urls.recordingStatus(call.id),
        waitUrl: urls.holdMusic(call.agency?.holdMusicUrl),
      },
    );
  };

  await fastify.register(bridgeWebhooks, { prefix: "/bridge" });

  fastify.post(
    "/record",
    {
      schema: {
        querystring: Step,
        body: params({ CallSid, RecordingDuration: Type.Optional(Type.String({ pattern: "^-?[0-9]{1,6}$" })) }),
      },
    },
    async (request, reply) => {
      const duration = Math.max(0, Number(request.body.RecordingDuration ?? 0));
      const step = {
        callSid: request.body.CallSid,
        kind: "record",
        step: request.query.s,
        event: { type: "recorded", durationSeconds: duration },
        data: { RecordingDuration: duration },
        now: new Date(),
      } as const;
      return answer(reply, step.callSid, (deadline) => runCallStep(steps, step, deadline));
    },
  );

  // The staff member's leg: a whisper naming the topic; only a key press connects the caller, so a
  // personal voicemail answering the phone never takes the call.
  fastify.post(
    "/whisper",
    { schema: { querystring: WhisperQuery, body: params({ ParentCallSid: Type.Optional(CallSid) }) } },
    async (request, reply) => {
      const parent = request.body.ParentCallSid;
      const accept = `${config.PUBLIC_BASE_URL}/twilio/voice/whisper/accept?s=${request.query.s}&staff=${request.query.staff}`;
      if (!parent) return xml(reply, renderDeclined());
      return answer(reply, parent, async () => {
        // This process usually wrote the call's dial step just before; the topic cannot have changed since.
        const call =
          recent.peek(parent) ?? (await db.call.findUnique({ where: { callSid: parent }, select: { topic: true, endedAt: true } }));
        if (!call || call.endedAt) return renderDeclined();
        return renderWhisper(call.topic ?? "thủ tục hành chính", accept);
      });
    },
  );

  // One turn of a caller's wait in a queue: a key (Digits) from the announcement's Gather, or the
  // Redirect to the next turn. The position, expected wait and a reserved staff member are read first.
  fastify.post(
    "/queue/wait",
    { schema: { querystring: Step, body: params({ CallSid, Digits: Type.Optional(Type.String({ maxLength: 10 })) }) } },
    async (request, reply) => {
      const { CallSid: callSid } = request.body;
      const digits = request.body.Digits ?? "";
      return answer(reply, callSid, async (deadline) => {
        const now = new Date();
        const event = await queueTick(db, callSid, digits, now);
        const step = { callSid, kind: "queue", step: request.query.s, event, data: { Digits: digits }, now } as const;
        return runCallStep(steps, step, deadline);
      });
    },
  );

  // Where the dispatcher moves a waiting real call (Twilio's REST API updated its URL): the turn of
  // the wait loop the call is at, which finds the reservation and dials the staff member.
  fastify.post("/queue/connect", { schema: { querystring: ConnectQuery, body: params({ CallSid }) } }, async (request, reply) => {
    const { CallSid: callSid } = request.body;
    const entry = await db.queueEntry.findUnique({ where: { id: request.query.entry }, select: { call: { select: { callSid: true } } } });
    if (entry?.call.callSid !== callSid) {
      return reply.status(404).send({ error: "not_found", message: "entry: no queue entry of this call" });
    }
    return answer(reply, callSid, async (deadline) => {
      const now = new Date();
      const call = await db.call.findUnique({ where: { callSid }, select: { state: true, endedAt: true } });
      const stored = storedState(call?.state);
      if (!call || call.endedAt) return renderApology();
      if (stored.ivr?.waiting !== "queue") {
        // A turn of the loop got there first and already dials (Twilio left that Dial for this
        // request): the same Dial again. Anything else (the caller chose a callback) has ended.
        const previous = await db.callEvent.findFirst({
          where: { call: { callSid }, dedupeKey: `queue:${stored.step - 1}` },
          select: { response: true },
        });
        return stored.ivr?.waiting === "dial" && stored.ivr.queue?.connecting && previous?.response ? previous.response : renderApology();
      }
      const event = await queueTick(db, callSid, "", now);
      const step = { callSid, kind: "queue", step: stored.step, event, data: { connect: request.query.entry }, now } as const;
      return runCallStep(steps, step, deadline);
    });
  });

  /**
   * A staff member takes the call rung at `step`: by the whisper's key press, or by the softphone's
   * accept button (the Client leg's URL). The race rules are the same for both: the first to take it
   * wins, a copy of the webhook gets the same answer, someone already on another call takes none.
   * Returns the call's id when won, null when lost.
   */
  /** The staff member takes the call (whisper key or browser accept), with the race rules; their leg is recorded. */
  const takeCall = async (parent: string, step: number, staff: number, legCallSid: string, deadline: Deadline): Promise<number | null> => {
    const at = new Date();
    const answered = await acceptWhisper(db, { callSid: parent, step, staffId: staff, at, deadline: new Date(deadline.at) });
    if (answered) {
      recent.keep(answered);
      await markOnCall(staff, answered.id, at);
      await recordLeg(answered.id, staff, legCallSid, at);
      return answered.id;
    }
    // Not won at once: decide under the call's lock (a copy of the press gets the same answer).
    const won = await locks.withCall(parent, deadline, async (tx, call) => {
      if (call.endedAt) return null;
      const state = storedState(call.state);
      // With simultaneous ringing the first to press wins; the others are let go.
      if (state.step !== step || !state.ivr?.route?.dialing.includes(staff)) return null;
      // A copy of this webhook (or this staff member pressing again) gets the same answer. After a
      // cold transfer the call was answered before, but nobody holds it (staff_id is cleared).
      if (call.staffId !== null) return call.staffId === staff ? call.id : null;
      // Rung for two calls at once, a staff member takes only one.
      const elsewhere = await tx.user.count({
        where: { id: staff, presence: "on_call", OR: [{ presenceCallId: null }, { presenceCallId: { not: call.id } }] },
      });
      if (elsewhere > 0) return null;
      await tx.call.update({ where: { id: call.id }, data: { staffId: staff, answeredAt: call.answeredAt ?? at } });
      await tx.callEvent.create({
        data: { callId: call.id, kind: "whisper-accept", dedupeKey: `accept:${step}`, data: { staffId: staff }, at },
      });
      return call.id;
    });
    if (won !== null) {
      await markOnCall(staff, won, at);
      await recordLeg(won, staff, legCallSid, at);
    }
    return won;
  };

  fastify.post(
    "/whisper/accept",
    {
      schema: {
        querystring: WhisperQuery,
        body: params({ CallSid, ParentCallSid: Type.Optional(CallSid), Digits: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
    },
    async (request, reply) => {
      const { s: step, staff } = request.query;
      const parent = request.body.ParentCallSid;
      const legCallSid = request.body.CallSid;
      if (!parent || request.body.Digits !== "1") return xml(reply, renderDeclined());
      return answer(reply, parent, async (deadline) =>
        (await takeCall(parent, step, staff, legCallSid, deadline)) === null ? renderDeclined() : renderAccepted(),
      );
    },
  );

  // A browser desk's leg (<Client url>): Twilio posts here once the softphone accepted, so the call is
  // taken at once, with the whisper's race rules; a leg that lost hangs up.
  fastify.post(
    "/client-answered",
    { schema: { querystring: WhisperQuery, body: params({ CallSid, ParentCallSid: Type.Optional(CallSid) }) } },
    async (request, reply) => {
      const { s: step, staff } = request.query;
      const parent = request.body.ParentCallSid;
      if (!parent) return xml(reply, renderDeclined());
      return answer(reply, parent, async (deadline) =>
        (await takeCall(parent, step, staff, request.body.CallSid, deadline)) === null ? renderDeclined() : renderClientAnswered(),
      );
    },
  );

  // Where a cold transfer moves the caller's call (the REST API redirected it away from the Dial with
  // the staff member, who is hung up): the interpreter announces it and routes to the chosen agency.
  // The URL is ours and signed by Twilio; a retry replays the step's stored answer.
  fastify.post("/transfer", { schema: { querystring: TransferQuery, body: params({ CallSid }) } }, async (request, reply) => {
    const { CallSid: callSid } = request.body;
    const { s, leg: legId, agency: agencyId } = request.query;
    return answer(reply, callSid, async (deadline) => {
      const now = new Date();
      const [call, leg, agency] = await Promise.all([
        db.call.findUnique({ where: { callSid }, select: { id: true, startedAt: true } }),
        db.callLeg.findUnique({ where: { id: legId }, select: { callId: true, staffId: true } }),
        db.agency.findUnique({ where: { id: agencyId }, select: { code: true, name: true } }),
      ]);
      if (!call || !leg || leg.callId !== call.id || leg.staffId === null || !agency) return renderApology();
      const event = {
        type: "transfer",
        agencyCode: agency.code,
        agencyName: agency.name,
        fromStaffId: leg.staffId,
        placedAt: call.startedAt.toISOString(),
      } as const;
      const step = { callSid, kind: "transfer", step: s, event, data: { agencyId, legId }, now } as const;
      const twiml = await runCallStep(steps, step, deadline);
      // Nobody holds the call until someone of the new agency accepts it (their whisper checks this).
      await db.$executeRaw`
        UPDATE calls SET staff_id = NULL, bridge = NULL, updated_at = now()
        WHERE id = ${call.id} AND staff_id = ${leg.staffId}
          AND EXISTS (SELECT 1 FROM call_events WHERE call_id = ${call.id} AND dedupe_key = ${`transfer:${s}`})`;
      return twiml;
    });
  });

  fastify.post(
    "/status",
    { schema: { body: params({ CallSid, CallStatus: Type.String({ maxLength: 20 }), CallDuration: Type.Optional(IntegerText) }) } },
    async (request, reply) => {
      const { CallSid: callSid, CallStatus: status, CallDuration: duration } = request.body;
      const deadline = deadlineOf(reply);
      const data = { CallStatus: status, CallDuration: duration ?? null };
      // Taken, not kept: the call's last status usually ends it, and a later step reads it again.
      const ended = await locks.inOrder(callSid, () =>
        recordCallStatus(db, locks, { callSid, status, data }, new Date(), deadline, recent.take(callSid)),
      );
      // A staff member still on the call (the dial's action never came) ends their leg with it.
      if (ended) await endLegsWith(ended.callId);
      if (ended?.surveyMissed && options.onSurveyMissed) await options.onSurveyMissed(ended.callId);
      if (ended) {
        // Hung up while waiting (or while the queue rang someone): abandoned, with the time waited.
        // The call is closed already; a failure here must not turn Twilio's callback into an error.
        try {
          const freed = await endWait(db, callSid, new Date());
          if (freed.length > 0) afterQueueWrites({ dispatch: freed, staffChanged: true, placedAt: null });
        } catch (error) {
          request.log.error({ err: error }, "queue: could not close the wait of an ended call");
        }
      }
      return reply.status(204).send();
    },
  );

  fastify.post("/recording-status", { schema: { body: RecordingStatusBody } }, async (request, reply) => {
    const body = request.body;
    const duration = body.RecordingDuration ? Number(body.RecordingDuration) : null;
    const channels = body.RecordingChannels ? Number(body.RecordingChannels) : null;
    await upsertRecording(db, {
      callSid: body.CallSid,
      recordingSid: body.RecordingSid,
      kind: body.RecordingSource === "RecordVerb" ? "voicemail" : "call",
      status: body.RecordingStatus,
      durationSeconds: Number.isFinite(duration) ? duration : null,
      channels: Number.isFinite(channels) ? channels : null,
      mediaUrl: body.RecordingUrl ?? null,
    });
    return reply.status(204).send();
  });
};

export default voiceRoutes;
