// POST /api/simulator/calls: a whole call through the app's own Twilio webhooks, driven with
// fastify.inject and signed with the deployment's key, so it takes exactly Twilio's path (signature
// check included) without any network. The call is recorded like any other, marked simulated.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { ScenarioRequest, ScenarioStarted, SimulationRequest, SimulationResult } from "../../contract/hotline/simulator.js";
import { maskPhone } from "../../phone/mask.js";
import { normalizeVietnamesePhone } from "../../phone/normalize.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { HttpError, invalidField, tooManyRequests } from "../../platform/http/errors.js";
import { webhookSigningKey } from "../../platform/twilio/signing-key.js";
import { DEMO_CALLER, DEMO_HOTLINE, demoCallers } from "./demo-numbers.js";
import { callOutcome, maskedSteps } from "./report.js";
import { runScenario, ScenarioError, scenarioStaff } from "./scenario-run.js";
import { injectTransport, simulateCall } from "./simulated-call.js";
import simulatedDeskRoutes from "./simulated-desk-routes.js";

export { DEMO_CALLER, DEMO_HOTLINE };

/** One simulation at a time per user; the lock expires on its own if a process dies mid-call. */
const LOCK_SECONDS = 60;

const simulatorRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db, config, redis } = fastify;

  // The same router that serves Twilio: every step goes through signature check, schema and handler.
  const transport = injectTransport(fastify);
  // Staff with the desk's simulated device open: simulated calls ring them in the console.
  const clients = fastify.simulatedClients;
  await fastify.register(simulatedDeskRoutes, { prefix: "/desk", clients });

  fastify.post(
    "/calls",
    { preHandler: fastify.allow("simulator:run"), schema: { body: SimulationRequest, response: { 200: SimulationResult } } },
    async (request) => {
      const user = currentUser(request);
      const { digits, staff } = request.body;
      const from = request.body.from ?? DEMO_CALLER;
      const lock = `${config.REDIS_PREFIX}:simulator:running:${user.id}`;
      if ((await redis.set(lock, request.id, "EX", LOCK_SECONDS, "NX")) !== "OK") {
        throw tooManyRequests("A simulated call of yours is still running; wait for it to end", 5);
      }
      try {
        const key = await webhookSigningKey(config, db);
        let result: Awaited<ReturnType<typeof simulateCall>>;
        try {
          result = await simulateCall(transport, key, config.PUBLIC_BASE_URL, {
            from,
            to: DEMO_HOTLINE,
            digits,
            staff,
            clients,
            network: fastify.simulatorNetwork,
          });
        } catch (error) {
          request.log.warn({ err: (error as Error).message }, "simulated call failed");
          throw new HttpError(502, `The simulated call failed: ${(error as Error).message}`, { code: "simulation_failed" });
        }
        const outcome = await callOutcome(db, result.callSid);
        const phone = normalizeVietnamesePhone(from);
        await writeAudit(db, {
          actorId: user.id,
          action: "simulate",
          resource: "calls",
          resourceId: outcome?.callId ?? null,
          after: {
            callSid: result.callSid,
            digits,
            staff,
            from: phone.ok ? maskPhone(phone.e164) : "[invalid phone]",
            termination: outcome?.termination ?? null,
            flowVersionId: outcome?.flowVersionId ?? null,
          },
          ip: request.ip,
        });
        return { callSid: result.callSid, callId: outcome?.callId ?? null, steps: maskedSteps(result.steps), outcome };
      } finally {
        // Only our own lock: a lock that expired and was taken by a later request stays.
        if ((await redis.get(lock)) === request.id) await redis.del(lock);
      }
    },
  );

  // Many calls at once, in real time, in the background: the answer comes at once and the supervisor
  // watches the live board. One run at a time in the deployment; the lock outlives a dead process only
  // as long as the longest run could take.
  fastify.post(
    "/scenarios",
    { preHandler: fastify.allow("simulator:run"), schema: { body: ScenarioRequest, response: { 202: ScenarioStarted } } },
    async (request, reply) => {
      const user = currentUser(request);
      const body = request.body;
      if (body.pressOne + body.hangUp > body.callers) {
        throw invalidField("hangUp", "out_of_range", "Callers pressing 1 and hanging up cannot outnumber the callers");
      }
      const agency = await db.agency.findUnique({ where: { id: body.agencyId }, select: { id: true, code: true } });
      if (!agency) throw invalidField("agencyId", "not_found", "No such agency");
      const plan = {
        agencyCode: agency.code,
        menuKeys: body.digits,
        callers: body.callers,
        staff: body.staff,
        answerAfterSeconds: [body.answerAfterSeconds],
        talkSeconds: [body.talkSeconds],
        pressOne: body.pressOne,
        hangUp: body.hangUp,
        decideAfterSeconds: 10,
        turnSeconds: 2,
        arrivalGapMs: Math.max(1000, (body.answerAfterSeconds + 1) * 1000),
        maxWaitSeconds: 900,
      };
      try {
        await scenarioStaff(db, plan);
      } catch (error) {
        if (error instanceof ScenarioError) throw invalidField("staff", "out_of_range", error.message);
        throw error;
      }
      const expectedSeconds = Math.ceil(
        (body.callers * plan.arrivalGapMs) / 1000 +
          (body.callers / body.staff) * (body.answerAfterSeconds + body.talkSeconds + plan.turnSeconds),
      );
      const lock = `${config.REDIS_PREFIX}:simulator:scenario`;
      if ((await redis.set(lock, request.id, "EX", Math.min(expectedSeconds * 2 + 60, 3600), "NX")) !== "OK") {
        throw tooManyRequests("A scenario of many calls is still running; wait for it to end", 30);
      }
      await writeAudit(db, {
        actorId: user.id,
        action: "simulate",
        resource: "agencies",
        resourceId: agency.id,
        after: { scenario: body },
        ip: request.ip,
      });
      const key = await webhookSigningKey(config, db);
      const log = request.log;
      void runScenario(
        { db, transport, signingKey: key, baseUrl: config.PUBLIC_BASE_URL, fromNumbers: demoCallers(body.callers), byUserId: user.id },
        plan,
      )
        .then((result) => {
          const outcomes = result.callers.map((c) => c.outcome);
          log.info({ callers: outcomes.length, answered: outcomes.filter((o) => o === "answered").length }, "simulated scenario ended");
        })
        .catch((error: unknown) => log.warn({ err: (error as Error).message }, "simulated scenario failed"))
        .finally(async () => {
          if ((await redis.get(lock).catch(() => null)) === request.id) await redis.del(lock).catch(() => {});
        });
      return reply.code(202).send({ expectedSeconds });
    },
  );
};

export default simulatorRoutes;
