// /api/knowledge-articles (ra-data-simple-rest): the knowledge base. Readers (knowledge:read) list and
// search published articles; writers (knowledge:write) also see and write drafts, supervisors within
// their agency subtree. POST /:id/uses counts one insertion of an answer into a note or a case.
// Filters: q (ranked full-text search, see search.ts), topic, agencyId, status, stale (review day passed).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { KnowledgeArticle, KnowledgeArticleInput, KnowledgeUse, KnowledgeUseInput } from "../../contract/hotline/knowledge.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { forbidden, invalidField, notFound } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { listQuerystring, stringFilter } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { canSeeCall } from "../call-log/access.js";
import { knowledgeAccess, mayWrite, visibleWhere } from "./access.js";
import { filterWhere, today } from "./filters.js";
import { articleData } from "./input.js";
import { ARTICLE_INCLUDE, type ArticleRow, articleWire, auditable } from "./rows.js";
import { rankedIds, searchTerms } from "./search.js";

const SORTABLE = [
  "id",
  "title",
  "topic",
  "procedureCode",
  "agencyId",
  "status",
  "reviewOn",
  "useCount",
  "lastUsedAt",
  "updatedAt",
] as const;

const knowledgeRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const readers = fastify.allow("knowledge:read");
  const writers = fastify.allow("knowledge:write");

  /** The article if this user may see it; 404 otherwise (a draft elsewhere is not there for them). */
  async function visibleArticle(request: Parameters<typeof currentUser>[0], id: number) {
    const access = await knowledgeAccess(db, currentUser(request));
    const row = await db.knowledgeArticle.findFirst({ where: { AND: [{ id }, visibleWhere(access)] }, include: ARTICLE_INCLUDE });
    if (!row) throw notFound("No such article");
    return { row, access };
  }

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(KnowledgeArticle) } } },
    async (request, reply) => {
      const access = await knowledgeAccess(db, currentUser(request));
      // The ranked order of a search, kept from `where` to `page` (both run once per request).
      let ranked: number[] | null = null;
      return listPage(request.query, reply, {
        resource: "knowledge-articles",
        sortable: SORTABLE,
        defaultSort: ["useCount", "DESC"],
        where: async (filter): Promise<Prisma.KnowledgeArticleWhereInput> => {
          const q = stringFilter(filter, "q");
          const terms = q === undefined ? null : searchTerms(q);
          ranked = terms ? await rankedIds(db, terms) : null;
          return { AND: [visibleWhere(access), filterWhere(filter), ranked ? { id: { in: ranked } } : {}] };
        },
        count: (where) => db.knowledgeArticle.count({ where }),
        page: async (where, page) => {
          let rows: ArticleRow[];
          if (ranked) {
            // A search is ordered by relevance, whatever column the list asked for.
            const order = new Map(ranked.map((id, index) => [id, index]));
            const ids = (await db.knowledgeArticle.findMany({ where, select: { id: true } }))
              .map((row) => row.id)
              .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
              .slice(page.skip, page.skip + page.take);
            const found = await db.knowledgeArticle.findMany({ where: { id: { in: ids } }, include: ARTICLE_INCLUDE });
            const byId = new Map(found.map((row) => [row.id, row]));
            rows = ids.flatMap((id) => byId.get(id) ?? []);
          } else {
            rows = await db.knowledgeArticle.findMany({ where, ...page, include: ARTICLE_INCLUDE });
          }
          const day = today();
          return rows.map((row) => articleWire(row, day, mayWrite(access, row.agencyId)));
        },
      });
    },
  );

  fastify.get("/:id", { preHandler: readers, schema: { params: IdParams, response: { 200: KnowledgeArticle } } }, async (request) => {
    const { row, access } = await visibleArticle(request, request.params.id);
    return articleWire(row, today(), mayWrite(access, row.agencyId));
  });

  fastify.post(
    "/",
    { preHandler: writers, schema: { body: KnowledgeArticleInput, response: { 200: KnowledgeArticle } } },
    async (request) => {
      const user = currentUser(request);
      const access = await knowledgeAccess(db, user);
      const data = await articleData(db, access, user, request.body);
      const row = await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "knowledge-articles",
        action: "create",
        write: (tx) => tx.knowledgeArticle.create({ data: { ...data, createdById: user.id }, include: ARTICLE_INCLUDE }),
        audit: (created) => ({ resourceId: created.id, after: auditable(created) }),
      });
      return articleWire(row, today(), true);
    },
  );

  fastify.put(
    "/:id",
    { preHandler: writers, schema: { params: IdParams, body: KnowledgeArticleInput, response: { 200: KnowledgeArticle } } },
    async (request) => {
      const user = currentUser(request);
      const { row: before, access } = await visibleArticle(request, request.params.id);
      if (!mayWrite(access, before.agencyId)) throw forbidden("This article belongs to an agency outside your subtree");
      const data = await articleData(db, access, user, request.body);
      const row = await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "knowledge-articles",
        action: "update",
        write: (tx) => tx.knowledgeArticle.update({ where: { id: before.id }, data, include: ARTICLE_INCLUDE }),
        audit: (updated) => ({ resourceId: updated.id, before: auditable(before), after: auditable(updated) }),
      });
      return articleWire(row, today(), true);
    },
  );

  fastify.delete("/:id", { preHandler: writers, schema: { params: IdParams, response: { 200: KnowledgeArticle } } }, async (request) => {
    const user = currentUser(request);
    const { row, access } = await visibleArticle(request, request.params.id);
    if (!mayWrite(access, row.agencyId)) throw forbidden("This article belongs to an agency outside your subtree");
    // Its uses go with it (they only count it); notes and cases keep the text that was inserted.
    await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "knowledge-articles",
      action: "delete",
      write: (tx) => tx.knowledgeArticle.delete({ where: { id: row.id } }),
      audit: () => ({ resourceId: row.id, before: auditable(row) }),
    });
    return articleWire(row, today(), true);
  });

  // One insertion of the answer. Counted, not audited: it changes no one's data, and the row says who and where.
  fastify.post(
    "/:id/uses",
    { preHandler: readers, schema: { params: IdParams, body: KnowledgeUseInput, response: { 200: KnowledgeUse } } },
    async (request) => {
      const user = currentUser(request);
      const { row } = await visibleArticle(request, request.params.id);
      const callId = request.body?.callId ?? null;
      const caseId = request.body?.caseId ?? null;
      // A call the user may not see is as absent as one that does not exist.
      const call =
        callId === null ? null : await db.call.findUnique({ where: { id: callId }, select: { id: true, agencyId: true, staffId: true } });
      if (callId !== null && (!call || !(await canSeeCall(db, user, call)))) {
        throw invalidField("callId", "not_found", "No such call");
      }
      if (caseId !== null && !(await db.case.findUnique({ where: { id: caseId }, select: { id: true } }))) {
        throw invalidField("caseId", "not_found", "No such case");
      }
      const now = new Date();
      // The counter moves without touching updated_at (which says when the text last changed).
      const [, [updated]] = await db.$transaction([
        db.knowledgeArticleUse.create({ data: { articleId: row.id, userId: user.id, callId, caseId, createdAt: now } }),
        db.$queryRaw<{ id: number; use_count: number }[]>`
          UPDATE knowledge_articles SET use_count = use_count + 1, last_used_at = ${now}
          WHERE id = ${row.id} RETURNING id, use_count`,
      ]);
      if (!updated) throw notFound("No such article");
      return { articleId: updated.id, useCount: updated.use_count };
    },
  );
};

export default knowledgeRoutes;
