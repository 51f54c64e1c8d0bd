// The desk's actions on a live call (/api/desk/calls/:id/…), for the staff member on it: pass the
// caller to another agency (cold transfer) and end one's own leg. Both go through Twilio's REST API
// (fastify.voiceApis: the simulator's network for simulated calls), and the webhooks that follow do
// the rest: /twilio/voice/transfer routes the caller, the Dial's action runs the survey.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { currentUser } from "../../../access/auth/authentication.js";
import { DeskActionResult, TransferRequest } from "../../../contract/hotline/desk-calls.js";
import { writeAudit } from "../../../platform/audit/audit.js";
import { conflict, HttpError, invalidField, notFound } from "../../../platform/http/errors.js";
import { IdParams } from "../../../platform/http/schemas.js";
import { storedState } from "../call-state.js";
import { endLegs, openLeg, openLegOf } from "./legs.js";

const bridgeRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, config } = fastify;

  /** The live call and the signed-in staff member's open leg of it; 404 / 409 / 403 otherwise. */
  const onCall = async (callId: number, userId: number) => {
    const call = await db.call.findUnique({
      where: { id: callId },
      select: { id: true, callSid: true, simulated: true, endedAt: true, state: true, staffId: true, agencyId: true },
    });
    if (!call) throw notFound("No such call");
    if (call.endedAt) throw conflict("The call has ended");
    const leg = await openLegOf(db, call.id, userId);
    if (!leg || call.staffId !== userId) {
      throw new HttpError(403, "You are not the staff member on this call", { code: "forbidden" });
    }
    return { call, leg };
  };

  fastify.post(
    "/:id/transfer",
    {
      preHandler: fastify.allow("calls:handle"),
      schema: { params: IdParams, body: TransferRequest, response: { 200: DeskActionResult } },
    },
    async (request) => {
      const user = currentUser(request);
      const { agencyId, mode } = request.body;
      const reason = request.body.reason.trim();
      if (reason === "") throw invalidField("reason", "required", "reason: say why the call is passed on");
      if (mode === "warm") {
        // Consulting needs the conference bridge (docs/desk.md), which is not built yet.
        throw invalidField("mode", "invalid", "mode: a warm transfer is not available yet; transfer cold", 409);
      }
      const agency = await db.agency.findUnique({ where: { id: agencyId }, select: { id: true, name: true } });
      if (!agency) throw invalidField("agencyId", "not_found", "agencyId: no such agency");
      const { call, leg } = await onCall(request.params.id, user.id);
      const state = storedState(call.state);
      // Only a caller talking to this staff member through the Dial can be moved (not one in the IVR or a queue).
      if (state.ivr?.waiting !== "dial" || !state.ivr.route?.dialing.includes(user.id)) {
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
      const url = `${config.PUBLIC_BASE_URL}/twilio/voice/transfer?s=${state.step}&leg=${leg.id}&agency=${agency.id}`;
      const moved = await fastify.voiceApis.forCall(call).redirect(call.callSid, url);
      if (!moved) {
        await db.callLeg.delete({ where: { id: target.id } });
        throw conflict("The call could not be moved (it may just have ended); try again");
      }
      // Twilio hangs up this staff member's leg; /twilio/voice/transfer starts their after-call work.
      await endLegs(db, call.id, now, [user.id]);
      await writeAudit(db, {
        actorId: user.id,
        action: "transfer",
        resource: "calls",
        resourceId: call.id,
        after: { mode, fromLegId: leg.id, toLegId: target.id, fromAgencyId: leg.agencyId, agencyId: agency.id, reason },
        ip: request.ip,
      });
      request.log.info({ callId: call.id, legId: target.id, agencyId: agency.id }, "call transferred cold");
      return { callId: call.id, legId: target.id, status: "transferring" };
    },
  );

  fastify.post(
    "/:id/hangup-leg",
    { preHandler: fastify.allow("calls:handle"), schema: { params: IdParams, response: { 200: DeskActionResult } } },
    async (request) => {
      const user = currentUser(request);
      const { call, leg } = await onCall(request.params.id, user.id);
      // Ending the Dial's child leg ends the bridge: the caller's Dial action fires and the survey runs.
      const ended = leg.callSid ? await fastify.voiceApis.forCall(call).hangup(leg.callSid) : false;
      if (!ended) throw conflict("Your leg of the call could not be ended (it may just have ended)");
      await writeAudit(db, { actorId: user.id, action: "hangup_leg", resource: "calls", resourceId: call.id, after: { legId: leg.id } });
      return { callId: call.id, legId: leg.id, status: "ending" };
    },
  );
};

export default bridgeRoutes;
