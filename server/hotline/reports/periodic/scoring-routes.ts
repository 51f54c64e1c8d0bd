// GET/PUT /api/report-scoring — the periodic reports' score formula (settings key reports.scoring);
// administrators only, every change audited. Readers of the reports get the formula in each report.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { currentUser } from "../../../access/auth/authentication.js";
import { ScoringSettings } from "../../../contract/hotline/agency-reports.js";
import { auditedSettingChange } from "../../../platform/audit/audited-write.js";
import { type FieldErrors, HttpError } from "../../../platform/http/errors.js";
import { scoringProblems } from "./scoring.js";
import { readScoring, SCORING_KEY, writeScoring } from "./scoring-settings.js";

const scoringRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("report-scoring:manage"));

  fastify.get("/", { schema: { response: { 200: ScoringSettings } } }, async () => readScoring(db));

  fastify.put("/", { schema: { body: ScoringSettings, response: { 200: ScoringSettings } } }, async (request) => {
    const problems = scoringProblems(request.body);
    const fields = Object.keys(problems);
    if (fields.length > 0) {
      const errors: FieldErrors = {};
      for (const [field, reason] of Object.entries(problems)) if (reason) errors[field] = `tthc.validation.${reason}`;
      throw new HttpError(400, `invalid scoring: ${fields.join(", ")}`, { errors, code: problems[fields[0] as string] });
    }
    await auditedSettingChange(db, {
      actorId: currentUser(request).id,
      ip: request.ip,
      key: SCORING_KEY,
      read: readScoring,
      save: writeScoring,
      value: request.body,
    });
    return request.body;
  });
};

export default scoringRoutes;
