import fp from "fastify-plugin";
import { createDb, type Db, poolSettings } from "../../db/client.js";

declare module "fastify" {
  interface FastifyInstance {
    db: Db;
  }
}

export default fp(
  async (fastify) => {
    const db = createDb(fastify.config.DATABASE_URL, poolSettings(fastify.config));
    fastify.decorate("db", db);
    fastify.addHook("onClose", async () => {
      await db.$disconnect();
    });
  },
  { name: "db", dependencies: ["config"] },
);
