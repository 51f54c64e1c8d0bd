// GET/PUT /api/settings/sms-policy: the sending window, daily cap, consent rule, label and opt-out
// text. Admins change it (audited); campaign staff read it to see what a launch will be held to.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { SmsPolicy } from "../../contract/outreach/sms-policy.js";
import { auditedSettingChange } from "../../platform/audit/audited-write.js";
import { invalidField } from "../../platform/http/errors.js";
import { policyProblem } from "./policy.js";
import { loadPolicy, savePolicy } from "./settings.js";

const policyRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;

  fastify.get("/", { preHandler: fastify.allow("sms-policy:read"), schema: { response: { 200: SmsPolicy } } }, async () => loadPolicy(db));

  fastify.put(
    "/",
    { preHandler: fastify.allow("sms-policy:write"), schema: { body: SmsPolicy, response: { 200: SmsPolicy } } },
    async (request) => {
      const actor = currentUser(request);
      const after = { ...request.body, label: request.body.label.trim(), optOutText: request.body.optOutText.trim() };
      const problem = policyProblem(after);
      if (problem) throw invalidField(problem.field, problem.reason, `${problem.field}: ${problem.reason}`);
      await auditedSettingChange(db, {
        actorId: actor.id,
        ip: request.ip,
        key: "sms-policy",
        read: loadPolicy,
        save: savePolicy,
        value: after,
      });
      return after;
    },
  );
};

export default policyRoutes;
