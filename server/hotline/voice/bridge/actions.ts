// What the desk does to a live call, for the routes (server/hotline/voice/bridge/routes.ts) and for
// the simulator's staff side (a simulated staff member acts on a simulated call the same way). The
// checks of who may act are here too: the owner of the call for hold, transfer, join, hand-over and
// hanging up their leg; a supervisor of the call's agency subtree for listen and take-over (the
// routes check the permission first). Everything goes through Twilio's REST API (deps.voiceApis:
// the simulator's network for simulated calls); the webhooks that follow do the rest
// (/twilio/voice/transfer, the bridge's webhooks, the Dial's action with the survey). Hold, warm
// transfer and listen first lift the call into its conference (bridge-state.ts).
import type { FastifyBaseLogger } from "fastify";
import type { SessionUser } from "../../../access/auth/sessions.js";
import { visibleAgencyIds } from "../../../agencies/scope.js";
import { placedCallTarget, RINGABLE } from "../../../agencies/staff/answer-on.js";
import { staffLegEnded } from "../../../agencies/staff/presence.js";
import type { DeskActionResult, TransferRequest } from "../../../contract/hotline/desk-calls.js";
import type { CallLeg } from "../../../generated/prisma/client.js";
import { writeAudit } from "../../../platform/audit/audit.js";
import type { Db } from "../../../platform/db/client.js";
import { conflict, forbidden, HttpError, invalidField, notFound } from "../../../platform/http/errors.js";
import type { VoiceApi } from "../../../platform/twilio/voice-api.js";
import { holdForCall } from "../../queues/staff-holds.js";
import { storedState } from "../call-state.js";
import { type BridgeState, bridgeOf, patchBridge } from "./bridge-state.js";
import { endLegs, openLeg, openLegOf } from "./legs.js";
import { bridgeUrls } from "./urls.js";

/** How long a consulted staff member's or a supervisor's phone rings. */
const OFFER_TIMEOUT_SECONDS = 20;

const callSelect = {
  id: true,
  callSid: true,
  hotline: true,
  simulated: true,
  endedAt: true,
  state: true,
  staffId: true,
  agencyId: true,
  bridge: true,
  agency: { select: { holdMusicUrl: true } },
} as const;

export interface BridgeDeps {
  db: Db;
  voiceApis: { forCall(call: { simulated: boolean }): VoiceApi };
  /** PUBLIC_BASE_URL. */
  baseUrl: string;
  log: FastifyBaseLogger;
}

/** Who acts: a staff member (their user id) and, from the console, where the request came from. */
export interface Actor {
  id: number;
  ip?: string | null;
}

export type BridgeActions = ReturnType<typeof bridgeActions>;

export function bridgeActions(deps: BridgeDeps) {
  const { db } = deps;
  const urls = bridgeUrls(deps.baseUrl);
  const apiFor = (call: { simulated: boolean }) => deps.voiceApis.forCall(call);

  const liveCall = async (callId: number) => {
    const call = await db.call.findUnique({ where: { id: callId }, select: callSelect });
    if (!call) throw notFound("No such call");
    if (call.endedAt) throw conflict("The call has ended");
    return call;
  };
  type LiveCall = Awaited<ReturnType<typeof liveCall>>;

  /** The live call and the signed-in staff member's open leg of it; 404 / 409 / 403 otherwise. */
  const onCall = async (callId: number, userId: number) => {
    const call = await liveCall(callId);
    const leg = await openLegOf(db, call.id, userId);
    if (!leg || call.staffId !== userId) {
      throw new HttpError(403, "You are not the staff member on this call", { code: "forbidden" });
    }
    return { call, leg };
  };

  /**
   * The call in its conference: lifted now if it is still a plain Dial (the owner's leg is redirected
   * into the conference; the caller's Dial action follows, see voice-routes.ts).
   */
  const ensureLifted = async (call: LiveCall, owner: CallLeg): Promise<BridgeState> => {
    const existing = bridgeOf(call.bridge);
    if (existing) return existing;
    const state = storedState(call.state);
    if (state.ivr?.waiting !== "dial" || !owner.callSid) throw conflict("The call is not in a state that allows this");
    const lifting: BridgeState = { phase: "lifting", step: state.step, conferenceSid: null, callerJoined: false, callerHeld: false };
    const claimed = await db.$executeRaw`
      UPDATE calls SET bridge = ${JSON.stringify(lifting)}::jsonb, updated_at = now()
      WHERE id = ${call.id} AND bridge IS NULL AND ended_at IS NULL`;
    if (claimed === 0) {
      // Another request lifted it meanwhile.
      const now = bridgeOf((await db.call.findUnique({ where: { id: call.id }, select: { bridge: true } }))?.bridge);
      if (!now) throw conflict("The call is not in a state that allows this");
      return now;
    }
    if (!(await apiFor(call).redirect(owner.callSid, urls.join(call.id, owner.id)))) {
      await db.$executeRaw`UPDATE calls SET bridge = NULL WHERE id = ${call.id}`;
      throw conflict("The call could not be moved into its conference (it may just have ended)");
    }
    return lifting;
  };

  /** Holds or releases the caller: now if they are in the conference, else as they join it (webhooks.ts). */
  const holdCaller = async (call: LiveCall, held: boolean) => {
    const bridge = await patchBridge(db, call.id, { callerHeld: held });
    if (!bridge?.callerJoined || !bridge.conferenceSid) return;
    const update = held ? { hold: true, holdUrl: urls.holdMusic(call.agency?.holdMusicUrl) } : { hold: false };
    if (!(await apiFor(call).updateParticipant(bridge.conferenceSid, call.callSid, update))) {
      throw conflict("The caller could not be put on hold or taken off it (the call may just have ended)");
    }
  };

  /** The conference as it is now, for actions that need it running (join, hand-over, take-over). */
  const runningBridge = async (callId: number) => {
    const bridge = bridgeOf((await db.call.findUnique({ where: { id: callId }, select: { bridge: true } }))?.bridge);
    if (!bridge?.conferenceSid || !bridge.callerJoined) throw conflict("The call is not in its conference yet; try again in a moment");
    return bridge as BridgeState & { conferenceSid: string };
  };

  /**
   * `next` becomes the call's owner: ends the conference when leaving, the staff member and agency
   * the call counts for (the survey too: the route state says who answered it), the caller off hold.
   * The previous owner no longer ends the conference and leaves it.
   */
  const handOver = async (call: LiveCall, from: CallLeg, next: CallLeg) => {
    const bridge = await runningBridge(call.id);
    if (!next.callSid || !next.answeredAt || next.staffId === null) throw conflict("The staff member has not joined the call yet");
    const api = apiFor(call);
    const ok =
      (await api.updateParticipant(bridge.conferenceSid, next.callSid, { endConferenceOnExit: true, muted: false })) &&
      (!from.callSid || (await api.updateParticipant(bridge.conferenceSid, from.callSid, { endConferenceOnExit: false })));
    if (!ok) throw conflict("The call could not be handed over (it may just have ended)");
    await db.$executeRaw`
      UPDATE calls SET staff_id = ${next.staffId}, agency_id = COALESCE(${next.agencyId}::int, agency_id),
        state = jsonb_set(jsonb_set(state, '{ivr,route,dialing}', to_jsonb(ARRAY[${next.staffId}::int])),
                          '{ivr,route,agencyId}', COALESCE(to_jsonb(${next.agencyId}::int), state->'ivr'->'route'->'agencyId')),
        updated_at = now()
      WHERE id = ${call.id} AND state->'ivr'->'route' IS NOT NULL AND state->'ivr'->'route' <> 'null'::jsonb`;
    await holdCaller(call, false);
    if (from.callSid) await api.hangup(from.callSid);
    const at = new Date();
    if ((await endLegs(db, call.id, at, from.staffId === null ? [] : [from.staffId])).length > 0 && from.staffId !== null) {
      await staffLegEnded(db, [from.staffId], call.id, at);
    }
  };

  /** A staff member of the agency free to be consulted: available longest, ringable (browser or phone), not the asker. */
  const consultable = async (agencyId: number, exceptId: number) =>
    db.user.findFirst({
      where: { agencyId, active: true, presence: "available", id: { not: exceptId }, ...RINGABLE },
      orderBy: [{ presenceSince: "asc" }, { id: "asc" }],
      select: { id: true, phone: true, answerOn: true },
    });

  /** Rings a staff member (consult) or a supervisor (listen) into the conference; their leg. */
  const offer = async (call: LiveCall, leg: Parameters<typeof openLeg>[1], to: string) => {
    const opened = await db.$transaction(async (tx) => {
      const created = await openLeg(tx, leg);
      // Held for this call: routing rings them for nothing else meanwhile.
      if (leg.role === "consult" && leg.staffId !== null) await holdForCall(tx, leg.staffId, call.id, leg.at);
      return created;
    });
    const sid = await apiFor(call).createCall({
      to,
      // The hotline's own number: the person rung never sees the caller's or a colleague's number.
      from: call.hotline,
      url: urls.offer(call.id, opened.id),
      statusCallback: urls.legStatus(opened.id),
      timeout: OFFER_TIMEOUT_SECONDS,
    });
    if (!sid) {
      await db.callLeg.update({ where: { id: opened.id }, data: { endedAt: new Date() } });
      throw conflict("The call to the staff member could not be placed");
    }
    return db.callLeg.update({ where: { id: opened.id }, data: { callSid: sid } });
  };

  /** Supervisors (and administrators) of the call's agency subtree. */
  const assertSupervises = async (user: SessionUser, call: LiveCall) => {
    const visible = await visibleAgencyIds(db, user);
    if (visible !== null && (call.agencyId === null || !visible.includes(call.agencyId)))
      throw forbidden("This call is outside your agency");
  };

  const result = (callId: number, legId: number, status: string) => ({ callId, legId, status });

  /** The owner's open consult: the leg of the staff member rung or talking to them. */
  const consultOf = async (callId: number, fromLegId: number) => {
    const consult = await db.callLeg.findFirst({ where: { callId, fromLegId, role: "consult", endedAt: null }, orderBy: { id: "desc" } });
    if (!consult) throw conflict("No staff member is being consulted on this call");
    return consult;
  };

  return {
    async hold(callId: number, actor: Actor, held: boolean): Promise<DeskActionResult> {
      const { call, leg } = await onCall(callId, actor.id);
      if (held) await ensureLifted(call, leg);
      else if (!bridgeOf(call.bridge)) throw conflict("The caller is not on hold");
      await holdCaller(call, held);
      return result(call.id, leg.id, held ? "held" : "talking");
    },

    /** Cold: the caller is routed to the agency. Warm: a staff member there is consulted while the caller holds. */
    async transfer(callId: number, actor: Actor, body: TransferRequest): Promise<DeskActionResult> {
      const { agencyId, mode } = body;
      const reason = body.reason.trim();
      if (reason === "") throw invalidField("reason", "required", "reason: say why the call is passed on");
      const agency = await db.agency.findUnique({ where: { id: agencyId }, select: { id: true, name: true } });
      if (!agency) throw invalidField("agencyId", "not_found", "agencyId: no such agency");
      const { call, leg } = await onCall(callId, actor.id);
      if (mode === "warm") {
        const member = await consultable(agency.id, actor.id);
        const to = member ? placedCallTarget(member) : null;
        if (!member || !to) throw invalidField("agencyId", "not_found", "agencyId: nobody of this agency is available to consult", 409);
        await ensureLifted(call, leg);
        await holdCaller(call, true);
        const now = new Date();
        const consult = await offer(
          call,
          {
            callId: call.id,
            role: "consult",
            staffId: member.id,
            agencyId: agency.id,
            fromLegId: leg.id,
            transfer: "warm",
            reason,
            at: now,
          },
          to,
        );
        await writeAudit(db, {
          actorId: actor.id,
          action: "transfer",
          resource: "calls",
          resourceId: call.id,
          after: { mode, fromLegId: leg.id, toLegId: consult.id, fromAgencyId: leg.agencyId, agencyId: agency.id, reason },
          ip: actor.ip ?? null,
        });
        return result(call.id, consult.id, "consulting");
      }
      const state = storedState(call.state);
      // Only a caller talking to this staff member through the Dial can be moved (not one in the IVR or a queue).
      if (state.ivr?.waiting !== "dial" || !state.ivr.route?.dialing.includes(actor.id)) {
        throw conflict("The call is not in a state that can be transferred");
      }
      const now = new Date();
      // The leg to the new agency exists from now, nobody's yet: who passed the call to whom stays on record.
      const target = await openLeg(db, {
        callId: call.id,
        role: "answer",
        staffId: null,
        agencyId: agency.id,
        fromLegId: leg.id,
        transfer: "cold",
        reason,
        at: now,
      });
      const url = `${deps.baseUrl}/twilio/voice/transfer?s=${state.step}&leg=${leg.id}&agency=${agency.id}`;
      const moved = await deps.voiceApis.forCall(call).redirect(call.callSid, url);
      if (!moved) {
        await db.callLeg.delete({ where: { id: target.id } });
        throw conflict("The call could not be moved (it may just have ended); try again");
      }
      // Twilio hangs up this staff member's leg (in a conference, the server does); /twilio/voice/transfer
      // starts their after-call work.
      if (bridgeOf(call.bridge) && leg.callSid) await deps.voiceApis.forCall(call).hangup(leg.callSid);
      await endLegs(db, call.id, now, [actor.id]);
      await writeAudit(db, {
        actorId: actor.id,
        action: "transfer",
        resource: "calls",
        resourceId: call.id,
        after: { mode, fromLegId: leg.id, toLegId: target.id, fromAgencyId: leg.agencyId, agencyId: agency.id, reason },
        ip: actor.ip ?? null,
      });
      deps.log.info({ callId: call.id, legId: target.id, agencyId: agency.id }, "call transferred cold");
      return result(call.id, target.id, "transferring");
    },

    /** Ending the owner's leg: in a plain Dial the bridge ends and the caller's Dial action runs the survey. */
    async hangupLeg(callId: number, actor: Actor): Promise<DeskActionResult> {
      const { call, leg } = await onCall(callId, actor.id);
      const ended = leg.callSid ? await deps.voiceApis.forCall(call).hangup(leg.callSid) : false;
      if (!ended) throw conflict("Your leg of the call could not be ended (it may just have ended)");
      await writeAudit(db, { actorId: actor.id, action: "hangup_leg", resource: "calls", resourceId: call.id, after: { legId: leg.id } });
      return result(call.id, leg.id, "ending");
    },

    /** The three talk: the caller comes off hold, the consulted staff member stays. */
    async join(callId: number, actor: Actor): Promise<DeskActionResult> {
      const { call, leg } = await onCall(callId, actor.id);
      const consult = await consultOf(call.id, leg.id);
      if (!consult.answeredAt) throw conflict("The staff member has not joined the call yet");
      await runningBridge(call.id);
      await holdCaller(call, false);
      return result(call.id, consult.id, "joined");
    },

    /** The consulted staff member takes the call over; the first leaves for after-call work. */
    async handover(callId: number, actor: Actor): Promise<DeskActionResult> {
      const { call, leg } = await onCall(callId, actor.id);
      const consult = await consultOf(call.id, leg.id);
      await handOver(call, leg, consult);
      await writeAudit(db, {
        actorId: actor.id,
        action: "transfer",
        resource: "calls",
        resourceId: call.id,
        after: { mode: "handover", fromLegId: leg.id, toLegId: consult.id, agencyId: consult.agencyId },
        ip: actor.ip ?? null,
      });
      return result(call.id, consult.id, "handed-over");
    },

    /** A supervisor listens in, muted: their phone rings and joins the conference. Audited as a listen. */
    async listen(callId: number, user: SessionUser, ip: string | null): Promise<DeskActionResult> {
      const call = await liveCall(callId);
      await assertSupervises(user, call);
      const owner = call.staffId === null ? null : await openLegOf(db, call.id, call.staffId);
      if (!owner) throw conflict("Nobody is talking to the caller now");
      const me = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, phone: true, answerOn: true } });
      const to = placedCallTarget(me);
      if (!to) throw invalidField("phone", "required", "phone: your user has no phone to listen on", 409);
      await ensureLifted(call, owner);
      const leg = await offer(
        call,
        { callId: call.id, role: "listen", staffId: user.id, agencyId: call.agencyId, fromLegId: owner.id, at: new Date() },
        to,
      );
      await writeAudit(db, { actorId: user.id, action: "listen", resource: "calls", resourceId: call.id, after: { legId: leg.id }, ip });
      return result(call.id, leg.id, "listening");
    },

    /** The listening supervisor takes the call: unmuted, the owner; the staff member leaves. */
    async takeover(callId: number, user: SessionUser, ip: string | null): Promise<DeskActionResult> {
      const call = await liveCall(callId);
      await assertSupervises(user, call);
      const listening = await db.callLeg.findFirst({
        where: { callId: call.id, staffId: user.id, role: "listen", endedAt: null, answeredAt: { not: null } },
        orderBy: { id: "desc" },
      });
      if (!listening) throw conflict("You are not listening to this call");
      const owner = call.staffId === null ? null : await openLegOf(db, call.id, call.staffId);
      if (!owner) throw conflict("Nobody is talking to the caller now");
      await handOver(call, owner, listening);
      await writeAudit(db, {
        actorId: user.id,
        action: "transfer",
        resource: "calls",
        resourceId: call.id,
        after: { mode: "takeover", fromLegId: owner.id, toLegId: listening.id },
        ip,
      });
      return result(call.id, listening.id, "taken-over");
    },
  };
}
