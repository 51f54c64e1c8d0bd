// Whether PostgreSQL and Redis answer, each within a bound: /readyz and the administrator's system
// health page ask the same question.
import type { FastifyInstance } from "fastify";

const CHECK_TIMEOUT_MS = 2000;

export function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS).unref(),
    ),
  ]);
}

export interface Readiness {
  down: string[];
  checks: Record<string, { ok: boolean; error?: string }>;
}

export async function readiness(fastify: FastifyInstance): Promise<Readiness> {
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
  return { down: results.filter(([, r]) => !r.ok).map(([name]) => name), checks: Object.fromEntries(results) };
}
