// The conference bridge's Twilio webhooks (/twilio/voice/bridge/…), registered inside the voice
// routes so the signature check and degraded mode cover them. Each is idempotent: the TwiML answered
// depends only on the call's rows, and the writes are guarded (a leg is answered once, ended once).
// Status callbacks always answer 204: Twilio only logs their failures, and a retry changes nothing.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { staffAnswered, staffLegEnded } from "../../../agencies/staff/presence.js";
import { ringFromQueueMissed } from "../../queues/staff-holds.js";
import { upsertRecording } from "../call-rows.js";
import { CallSid, params } from "../webhook-bodies.js";
import { bridgeOf, conferenceName, patchBridge } from "./bridge-state.js";
import { renderBridgeWhisper, renderHangup, renderJoinConference } from "./twiml.js";
import { bridgeUrls } from "./urls.js";

const CallLeg = Type.Object({ call: Type.Integer({ minimum: 1 }), leg: Type.Integer({ minimum: 1 }) });
const CallOnly = Type.Object({ call: Type.Integer({ minimum: 1 }) });
const LegOnly = Type.Object({ leg: Type.Integer({ minimum: 1 }) });
const FINAL = new Set(["completed", "busy", "no-answer", "failed", "canceled"]);

const bridgeWebhooks: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, config } = fastify;
  const urls = bridgeUrls(config.PUBLIC_BASE_URL);
  const xml = (twiml: string) => twiml;

  const conferenceUrls = (callId: number, holdMusic: string | null) => ({
    status: urls.conferenceStatus(callId),
    waitUrl: urls.holdMusic(holdMusic),
  });
  const liveCall = (callId: number) =>
    db.call.findUnique({
      where: { id: callId },
      select: {
        id: true,
        callSid: true,
        simulated: true,
        endedAt: true,
        topic: true,
        bridge: true,
        agency: { select: { holdMusicUrl: true } },
      },
    });

  /** Ends a staff leg once (by its Twilio sid or id) and starts the staff member's after-call work. */
  const endStaffLeg = async (where: { callSid: string } | { id: number }) => {
    const leg = await db.callLeg.findFirst({ where: { ...where, endedAt: null } });
    if (!leg) return;
    const at = new Date();
    const ended = await db.callLeg.updateMany({ where: { id: leg.id, endedAt: null }, data: { endedAt: at } });
    if (ended.count === 0 || leg.staffId === null) return;
    if (leg.answeredAt) await staffLegEnded(db, [leg.staffId], leg.callId, at);
    // Rung for a consult or listen and let it pass: no longer held for the call.
    else await db.$transaction((tx) => ringFromQueueMissed(tx, leg.staffId as number, leg.callId, at));
  };

  // The owner's staff leg, redirected by the lift: into the conference, ending it when they leave.
  fastify.post("/join", { schema: { querystring: CallLeg, body: params({ CallSid }) } }, async (request, reply) => {
    reply.type("text/xml; charset=utf-8");
    const call = await liveCall(request.query.call);
    if (!call || call.endedAt || !bridgeOf(call.bridge)) return xml(renderHangup());
    return renderJoinConference(
      { name: conferenceName(call.id), endConferenceOnExit: true },
      conferenceUrls(call.id, call.agency?.holdMusicUrl ?? null),
    );
  });

  /** The person rung for a consult or listen took it: their leg is answered once, and they join. */
  const joinOffered = async (callId: number, legId: number) => {
    const [call, leg] = await Promise.all([liveCall(callId), db.callLeg.findUnique({ where: { id: legId } })]);
    if (!call || call.endedAt || !leg || leg.callId !== call.id || leg.endedAt || leg.staffId === null) return renderHangup();
    const at = new Date();
    // Answered once; a copy of the press (or of the browser's accept) joins the same way.
    const taken = await db.callLeg.updateMany({ where: { id: leg.id, answeredAt: null }, data: { answeredAt: at } });
    if (taken.count > 0) await staffAnswered(db, leg.staffId, call.id, at);
    return renderJoinConference(
      // A consulted staff member does not end the conference until the hand-over; a supervisor listens muted.
      { name: conferenceName(call.id), endConferenceOnExit: false, muted: leg.role === "listen" },
      conferenceUrls(call.id, call.agency?.holdMusicUrl ?? null),
    );
  };

  // A consult or listen call answered: on a phone the whisper names the topic and a key press joins;
  // a browser desk's accept is the person's decision (as /client-answered for routed calls): it joins at once.
  fastify.post(
    "/offer",
    { schema: { querystring: CallLeg, body: params({ CallSid, To: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      reply.type("text/xml; charset=utf-8");
      if ((request.body.To ?? "").startsWith("client:")) return joinOffered(request.query.call, request.query.leg);
      const [call, leg] = await Promise.all([liveCall(request.query.call), db.callLeg.findUnique({ where: { id: request.query.leg } })]);
      if (!call || call.endedAt || !leg || leg.callId !== call.id || leg.endedAt) return renderHangup();
      const about = call.topic ? ` về ${call.topic}` : "";
      const text =
        leg.role === "listen"
          ? `Nghe cuộc gọi đang diễn ra${about}. Nhấn phím 1 để nghe.`
          : `Cuộc gọi chuyển tiếp từ Tổng đài TTHC${about}. Nhấn phím 1 để nhận.`;
      return renderBridgeWhisper(text, urls.offerAccept(call.id, leg.id));
    },
  );

  fastify.post(
    "/offer/accept",
    { schema: { querystring: CallLeg, body: params({ CallSid, Digits: Type.Optional(Type.String({ maxLength: 10 })) }) } },
    async (request, reply) => {
      reply.type("text/xml; charset=utf-8");
      if (request.body.Digits !== "1") return renderHangup();
      return joinOffered(request.query.call, request.query.leg);
    },
  );

  // Twilio's conference events: the conference's sid (participant updates need it), the caller's
  // arrival (a hold asked for during the lift is applied then), staff leaving (their leg ends).
  fastify.post(
    "/conference",
    {
      schema: {
        querystring: CallOnly,
        body: params({
          ConferenceSid: Type.String({ minLength: 2, maxLength: 64 }),
          StatusCallbackEvent: Type.String({ maxLength: 40 }),
          CallSid: Type.Optional(CallSid),
        }),
      },
    },
    async (request, reply) => {
      const { ConferenceSid: conferenceSid, StatusCallbackEvent: event, CallSid: participant } = request.body;
      const call = await liveCall(request.query.call);
      const bridge = bridgeOf(call?.bridge);
      if (!call || !bridge) return reply.status(204).send();
      if (!bridge.conferenceSid) await patchBridge(db, call.id, { conferenceSid });
      if (event === "participant-join" && participant === call.callSid) {
        const now = await patchBridge(db, call.id, { phase: "conference", callerJoined: true, conferenceSid });
        if (now?.callerHeld) {
          await fastify.voiceApis
            .forCall(call)
            .updateParticipant(conferenceSid, call.callSid, { hold: true, holdUrl: urls.holdMusic(call.agency?.holdMusicUrl) });
        }
      }
      if (event === "participant-leave" && participant && participant !== call.callSid) await endStaffLeg({ callSid: participant });
      return reply.status(204).send();
    },
  );

  // The conference's recording: conference recordings carry no CallSid, hence the call in the URL.
  fastify.post(
    "/recording",
    {
      schema: {
        querystring: CallOnly,
        body: params({
          RecordingSid: Type.String({ minLength: 2, maxLength: 64 }),
          RecordingStatus: Type.String({ maxLength: 20 }),
          RecordingDuration: Type.Optional(Type.String({ pattern: "^[0-9]{1,9}$" })),
          RecordingChannels: Type.Optional(Type.String({ pattern: "^[0-9]{1,2}$" })),
          RecordingUrl: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
      },
    },
    async (request, reply) => {
      const call = await db.call.findUnique({ where: { id: request.query.call }, select: { callSid: true } });
      const body = request.body;
      if (call) {
        await upsertRecording(db, {
          callSid: call.callSid,
          recordingSid: body.RecordingSid,
          kind: "call",
          status: body.RecordingStatus,
          durationSeconds: body.RecordingDuration ? Number(body.RecordingDuration) : null,
          channels: body.RecordingChannels ? Number(body.RecordingChannels) : null,
          mediaUrl: body.RecordingUrl ?? null,
        });
      }
      return reply.status(204).send();
    },
  );

  // A consult or listen call's own status: it ended (or never was answered): its leg ends.
  fastify.post(
    "/leg-status",
    { schema: { querystring: LegOnly, body: params({ CallSid, CallStatus: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      if (FINAL.has(request.body.CallStatus)) await endStaffLeg({ id: request.query.leg });
      return reply.status(204).send();
    },
  );
};

export default bridgeWebhooks;
