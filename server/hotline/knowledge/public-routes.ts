// GET /kb and /kb/:id: the published knowledge base for citizens, no sign-in. Read-only HTML with
// the search of the console (search.ts), limited to published articles; drafts are as absent as
// articles that do not exist (404). Its own CSP: no script at all, styles inline, forms to itself.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { IdParams } from "../../platform/http/schemas.js";
import { articlePageHtml, listPageHtml, notFoundPageHtml, type PublicArticle } from "./page.js";
import { linksOf } from "./rows.js";
import { rankedIds, searchTerms } from "./search.js";

const PAGE_SIZE = 50;
const Query = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) });

const PUBLIC_SELECT = {
  id: true,
  title: true,
  answer: true,
  procedureCode: true,
  procedureName: true,
  links: true,
  updatedAt: true,
  agency: { select: { name: true } },
} as const;

const knowledgePublicRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;

  fastify.addHook("onSend", async (_request, reply) => {
    reply.header(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    reply.header("Cache-Control", "public, max-age=60");
  });

  const toPublic = (row: { agency: { name: string }; links: unknown } & Omit<PublicArticle, "agencyName" | "links">): PublicArticle => {
    const { agency, links, ...rest } = row;
    return { ...rest, agencyName: agency.name, links: linksOf(links) };
  };

  fastify.get("/kb", { schema: { querystring: Query } }, async (request, reply) => {
    const q = (request.query.q ?? "").trim();
    const terms = q ? searchTerms(q) : null;
    let articles: PublicArticle[];
    if (terms) {
      const ids = await rankedIds(db, terms);
      const rows = await db.knowledgeArticle.findMany({ where: { id: { in: ids }, status: "published" }, select: PUBLIC_SELECT });
      const order = new Map(ids.map((id, index) => [id, index]));
      articles = rows
        .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
        .slice(0, PAGE_SIZE)
        .map(toPublic);
    } else {
      const rows = await db.knowledgeArticle.findMany({
        where: { status: "published" },
        select: PUBLIC_SELECT,
        orderBy: [{ useCount: "desc" }, { id: "asc" }],
        take: PAGE_SIZE,
      });
      articles = rows.map(toPublic);
    }
    return reply.type("text/html; charset=utf-8").send(listPageHtml(q, articles));
  });

  fastify.get("/kb/:id", { schema: { params: IdParams } }, async (request, reply) => {
    const row = await db.knowledgeArticle.findFirst({ where: { id: request.params.id, status: "published" }, select: PUBLIC_SELECT });
    const html = reply.type("text/html; charset=utf-8");
    return row ? html.send(articlePageHtml(toPublic(row))) : html.status(404).send(notFoundPageHtml());
  });
};

export default knowledgePublicRoutes;
