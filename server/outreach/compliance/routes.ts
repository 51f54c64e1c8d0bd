// GET/PUT /api/settings/sms-policy: the sending window, daily cap, consent rule, label and opt-out
// text. Admins change it (audited); campaign staff read it to see what a launch will be held to.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { invalidField } from "../../platform/http/errors.js";
import { policyProblem } from "./policy.js";
import { loadPolicy, savePolicy } from "./settings.js";

const Hhmm = Type.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" });
/** The end of the window may be midnight, "24:00": sending round the clock (00:00–24:00). */
const HhmmOrMidnight = Type.String({ pattern: "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$" });
/** Not empty once trimmed. */
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: "\\S" });

export const PolicySchema = Type.Object(
  {
    windowStart: Hhmm,
    windowEnd: HhmmOrMidnight,
    maxPerDay: Type.Integer({ minimum: 1, maximum: 10 }),
    requireConsent: Type.Boolean(),
    label: Text(20),
    optOutText: Text(100),
  },
  { additionalProperties: false },
);

const policyRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;

  fastify.get("/", { preHandler: fastify.allow("sms-policy:read"), schema: { response: { 200: PolicySchema } } }, async () =>
    loadPolicy(db),
  );

  fastify.put(
    "/",
    { preHandler: fastify.allow("sms-policy:write"), schema: { body: PolicySchema, response: { 200: PolicySchema } } },
    async (request) => {
      const actor = currentUser(request);
      const after = { ...request.body, label: request.body.label.trim(), optOutText: request.body.optOutText.trim() };
      const problem = policyProblem(after);
      if (problem) throw invalidField(problem.field, problem.reason, `${problem.field}: ${problem.reason}`);
      await auditedWrite(db, {
        actorId: actor.id,
        ip: request.ip,
        resource: "settings",
        action: "update",
        write: async (tx) => {
          const before = await loadPolicy(tx);
          await savePolicy(tx, after);
          return before;
        },
        audit: (before) => ({ resourceId: "sms-policy", before, after }),
      });
      return after;
    },
  );
};

export default policyRoutes;
