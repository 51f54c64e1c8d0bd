// The desk's actions on a live call (/api/desk/calls/:id/…): permission and schema here, the work in
// actions.ts. calls:handle for the staff member who owns the call (hold, unhold, transfer, join,
// handover, hangup-leg), calls:listen for supervisors of its agency subtree (listen, takeover).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { currentUser } from "../../../access/auth/authentication.js";
import { DeskActionResult, TransferRequest } from "../../../contract/hotline/desk-calls.js";
import { IdParams } from "../../../platform/http/schemas.js";
import { bridgeActions } from "./actions.js";

const bridgeRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const actions = bridgeActions({
    db: fastify.db,
    voiceApis: fastify.voiceApis,
    baseUrl: fastify.config.PUBLIC_BASE_URL,
    log: fastify.log,
  });
  const response = { 200: DeskActionResult };
  const handle = { preHandler: fastify.allow("calls:handle"), schema: { params: IdParams, response } };
  const supervise = { preHandler: fastify.allow("calls:listen"), schema: { params: IdParams, response } };
  const actor = (request: Parameters<typeof currentUser>[0]) => ({ id: currentUser(request).id, ip: request.ip });

  fastify.post(
    "/:id/transfer",
    { preHandler: fastify.allow("calls:handle"), schema: { params: IdParams, body: TransferRequest, response } },
    async (request) => actions.transfer(request.params.id, actor(request), request.body),
  );
  fastify.post("/:id/hold", handle, async (request) => actions.hold(request.params.id, actor(request), true));
  fastify.post("/:id/unhold", handle, async (request) => actions.hold(request.params.id, actor(request), false));
  fastify.post("/:id/join", handle, async (request) => actions.join(request.params.id, actor(request)));
  fastify.post("/:id/handover", handle, async (request) => actions.handover(request.params.id, actor(request)));
  fastify.post("/:id/hangup-leg", handle, async (request) => actions.hangupLeg(request.params.id, actor(request)));
  fastify.post("/:id/listen", supervise, async (request) => actions.listen(request.params.id, currentUser(request), request.ip));
  fastify.post("/:id/takeover", supervise, async (request) => actions.takeover(request.params.id, currentUser(request), request.ip));
};

export default bridgeRoutes;
