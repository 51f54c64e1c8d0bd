import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref(),
    ),
  ]);
}

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
    const probes = {
      postgres: () => fastify.db.$queryRaw`SELECT 1`,
      redis: () => fastify.redis.ping(),
    };
    const results = await Promise.all(
      Object.entries(probes).map(async ([name, probe]) => {
        try {
          await withTimeout(probe(), name);
          return [name, { ok: true }] as const;
        } catch (error) {
          return [name, { ok: false, error: error instanceof Error ? error.message : String(error) }] as const;
        }
      }),
    );
    const down = results.filter(([, r]) => !r.ok).map(([name]) => name);
    reply.status(down.length ? 503 : 200);
    return { status: down.length ? ("unavailable" as const) : ("ok" as const), down, checks: Object.fromEntries(results) };
  });
};

export default healthRoutes;
