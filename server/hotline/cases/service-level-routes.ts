// /api/case-service-levels: the working days each kind of case may take and when an overdue one
// escalates; one row per kind (the migration seeds them), so the console lists and edits, never adds.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { CASE_KINDS, type NoteKind } from "../../contract/enums.js";
import { CaseServiceLevel } from "../../contract/hotline/cases.js";
import { StringEnum } from "../../contract/schema.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { notFound } from "../../platform/http/errors.js";
import { listQuerystring } from "../../platform/http/list-query.js";

const KindParams = Type.Object({ kind: StringEnum<NoteKind>(CASE_KINDS) });
const LevelUpdate = Type.Object({
  workingDays: CaseServiceLevel.properties.workingDays,
  escalateAfterDays: CaseServiceLevel.properties.escalateAfterDays,
});

const present = (row: { kind: NoteKind; workingDays: number; escalateAfterDays: number }) => ({
  id: row.kind,
  workingDays: row.workingDays,
  escalateAfterDays: row.escalateAfterDays,
});

const caseServiceLevelRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  fastify.addHook("preHandler", fastify.allow("case-service-levels:manage"));

  // Four rows: sort, range and filter are accepted (react-admin sends them) and the kinds come in their order.
  fastify.get(
    "/",
    { schema: { querystring: listQuerystring, response: { 200: Type.Array(CaseServiceLevel) } } },
    async (_request, reply) => {
      const rows = await db.caseServiceLevel.findMany();
      const ordered = CASE_KINDS.flatMap((kind) => rows.filter((row) => row.kind === kind)).map(present);
      reply.header("Content-Range", `case-service-levels 0-${Math.max(ordered.length - 1, 0)}/${ordered.length}`);
      return ordered;
    },
  );

  fastify.get("/:kind", { schema: { params: KindParams, response: { 200: CaseServiceLevel } } }, async (request) => {
    const row = await db.caseServiceLevel.findUnique({ where: { kind: request.params.kind } });
    if (!row) throw notFound("No such service level");
    return present(row);
  });

  // PUT carries the whole record back (react-admin): its id is the path's, other unknown keys are stripped.
  fastify.put("/:kind", { schema: { params: KindParams, body: LevelUpdate, response: { 200: CaseServiceLevel } } }, async (request) => {
    const { kind } = request.params;
    const user = currentUser(request);
    const updated = await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "case-service-levels",
      action: "update",
      write: async (tx) => {
        const before = await tx.caseServiceLevel.findUnique({ where: { kind } });
        if (!before) throw notFound("No such service level");
        const after = await tx.caseServiceLevel.update({
          where: { kind },
          data: { workingDays: request.body.workingDays, escalateAfterDays: request.body.escalateAfterDays },
        });
        return { before: present(before), after: present(after) };
      },
      audit: ({ before, after }) => ({ resourceId: kind, before, after }),
    });
    // Open cases keep the deadline they were given: the citizen was told that date.
    return updated.after;
  });
};

export default caseServiceLevelRoutes;
