// The desk's simulated device (/api/simulator/desk): a staff member's console registers it, then
// answers, rejects, sends keys and hangs up the simulated calls that ring them (simulated-clients.ts).
// Only their own legs: the staff member is the session's user, never a parameter.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { conflict, notFound } from "../../platform/http/errors.js";
import { IdParams } from "../../platform/http/schemas.js";
import type { SimulatedClients } from "./simulated-clients.js";

const Done = Type.Object({ ok: Type.Boolean() });
const Digits = Type.Object({ digits: Type.String({ pattern: "^[0-9*#]{1,20}$" }) }, { additionalProperties: false });

const simulatedDeskRoutes: FastifyPluginAsyncTypebox<{ clients: SimulatedClients }> = async (fastify, { clients }) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("desk:use"));

  /** The simulated call's sid; real calls are Twilio's and never played here. */
  const simulatedCallSid = async (id: number) => {
    const call = await db.call.findUnique({ where: { id }, select: { callSid: true, simulated: true } });
    if (!call?.simulated) throw notFound("No simulated call ringing you with this id");
    return call.callSid;
  };

  /**
   * A callback the staff member placed ("Gọi lại") rings their own simulated device under its staff
   * call's sid (there is no call of the log until the citizen answers): addressed by the attempt.
   */
  const placedCallSid = async (attemptId: number, userId: number) => {
    for (let tries = 0; tries < 20; tries++) {
      const attempt = await db.callbackAttempt.findUnique({
        where: { id: attemptId },
        select: { userId: true, simulated: true, staffCallSid: true },
      });
      if (!attempt?.simulated || attempt.userId !== userId) throw notFound("No simulated callback of yours with this id");
      if (attempt.staffCallSid) return attempt.staffCallSid;
      // Placed a moment ago: the sid is written once the network took the call.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw notFound("This callback is not ringing you");
  };

  // Registered, or renewed: the device sends this while its page is open.
  fastify.post("/device", { schema: { response: { 200: Done } } }, async (request) => {
    clients.register(currentUser(request).id);
    return { ok: true };
  });

  fastify.delete("/device", { schema: { response: { 200: Done } } }, async (request) => {
    clients.unregister(currentUser(request).id);
    return { ok: true };
  });

  fastify.post("/calls/:id/accept", { schema: { params: IdParams, response: { 200: Done } } }, async (request) => {
    const connected = await clients.accept(currentUser(request).id, await simulatedCallSid(request.params.id));
    if (connected === null) throw notFound("This call is not ringing you");
    if (!connected) throw conflict("Another staff member took this call, or the caller hung up");
    return { ok: true };
  });

  fastify.post("/calls/:id/reject", { schema: { params: IdParams, response: { 200: Done } } }, async (request) => {
    if (!(await clients.reject(currentUser(request).id, await simulatedCallSid(request.params.id)))) {
      throw notFound("This call is not ringing you");
    }
    return { ok: true };
  });

  fastify.post("/calls/:id/digits", { schema: { params: IdParams, body: Digits, response: { 200: Done } } }, async (request) => {
    if (!(await clients.digits(currentUser(request).id, await simulatedCallSid(request.params.id), request.body.digits))) {
      throw notFound("You are not on this call");
    }
    return { ok: true };
  });

  fastify.post("/callbacks/:id/accept", { schema: { params: IdParams, response: { 200: Done } } }, async (request) => {
    const user = currentUser(request);
    const connected = await clients.accept(user.id, await placedCallSid(request.params.id, user.id));
    if (!connected) throw notFound("This callback is not ringing you");
    return { ok: true };
  });

  fastify.post("/callbacks/:id/hangup", { schema: { params: IdParams, response: { 200: Done } } }, async (request) => {
    const user = currentUser(request);
    if (!(await clients.hangUp(user.id, await placedCallSid(request.params.id, user.id)))) throw notFound("You are not on this callback");
    return { ok: true };
  });

  fastify.post("/calls/:id/hangup", { schema: { params: IdParams, response: { 200: Done } } }, async (request) => {
    if (!(await clients.hangUp(currentUser(request).id, await simulatedCallSid(request.params.id)))) {
      throw notFound("You are not on this call");
    }
    return { ok: true };
  });
};

export default simulatedDeskRoutes;
