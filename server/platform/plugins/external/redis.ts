import fp from "fastify-plugin";
import type { Redis } from "ioredis";
import { createCommandRedis } from "../../redis.js";

declare module "fastify" {
  interface FastifyInstance {
    redis: Redis;
  }
}

export default fp(
  async (fastify) => {
    const redis = createCommandRedis(fastify.config.REDIS_URL);
    // Without a listener ioredis reports every failed reconnect as an unhandled error.
    let down = false;
    redis.on("error", (error) => {
      if (!down) fastify.log.warn({ err: error.message }, "Redis unreachable; retrying");
      down = true;
    });
    redis.on("ready", () => {
      if (down) fastify.log.info("Redis reachable again");
      down = false;
    });
    // Wait for the first attempt only: the server must come up (and /readyz say what is down) even
    // while Redis is not, and ioredis keeps reconnecting in the background.
    await redis.connect().catch(() => {});
    fastify.decorate("redis", redis);
    fastify.addHook("onClose", async () => {
      redis.disconnect();
    });
  },
  { name: "redis", dependencies: ["config"] },
);
