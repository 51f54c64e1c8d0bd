import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { readiness } from "./readiness.js";

const Readiness = Type.Object({
  status: Type.Union([Type.Literal("ok"), Type.Literal("unavailable")]),
  down: Type.Array(Type.String()),
  checks: Type.Record(Type.String(), Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) })),
});

const healthRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  // Liveness: answers while the process runs, whatever its dependencies do.
  fastify.get("/healthz", { schema: { response: { 200: Type.Object({ status: Type.Literal("ok") }) } } }, async () => ({
    status: "ok" as const,
  }));

  // Readiness: 200 only when PostgreSQL and Redis both answer; otherwise 503 naming what is down.
  fastify.get("/readyz", { schema: { response: { 200: Readiness, 503: Readiness } } }, async (_request, reply) => {
    const { down, checks } = await readiness(fastify);
    reply.status(down.length ? 503 : 200);
    return { status: down.length ? ("unavailable" as const) : ("ok" as const), down, checks };
  });
};

export default healthRoutes;
