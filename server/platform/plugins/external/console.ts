// Serves the built react-admin console at /admin on the API's port (production and tests).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import fp from "fastify-plugin";

const consoleDir = fileURLToPath(new URL("../../../../admin/dist/", import.meta.url));
// The compiled server runs from dist/server/…, one level deeper than the sources.
const builtConsoleDir = fileURLToPath(new URL("../../../../../admin/dist/", import.meta.url));

export default fp(
  async (fastify) => {
    const root = [consoleDir, builtConsoleDir].find((dir) => existsSync(`${dir}index.html`));
    fastify.get("/", (_request, reply) => reply.redirect("/admin/"));
    if (!root) {
      fastify.log.warn("admin/dist not found: run `npm run build` to serve the console at /admin");
      return;
    }
    await fastify.register(fastifyStatic, { root, prefix: "/admin/", wildcard: false, index: "index.html" });
    // Client-side routes (/admin/#/…) need only index.html, but deep links without a hash should work too.
    fastify.get("/admin", (_request, reply) => reply.redirect("/admin/"));
    fastify.get("/admin/*", (_request, reply) => reply.sendFile("index.html"));
  },
  { name: "console", dependencies: ["config"] },
);
