import cors from "@fastify/cors";
import fp from "fastify-plugin";

// Only needed when the console is served from another origin (the Vite dev server without its proxy).
export default fp(
  async (fastify) => {
    const origins = fastify.config.CORS_ORIGINS;
    if (origins.length === 0) return;
    await fastify.register(cors, {
      origin: origins,
      credentials: true,
      exposedHeaders: ["Content-Range", "X-Request-Id"],
      methods: ["GET", "POST", "PUT", "DELETE"],
    });
  },
  { name: "cors", dependencies: ["config"] },
);
