// While the server shuts down, answer requests still in flight with `Connection: close`, so
// keep-alive clients (proxies, browsers) let go at once instead of holding the shutdown open.
import fp from "fastify-plugin";

export default fp(
  async (fastify) => {
    let closing = false;
    fastify.addHook("preClose", async () => {
      closing = true;
    });
    fastify.addHook("onSend", async (_request, reply) => {
      if (closing) reply.header("connection", "close");
    });
  },
  { name: "drain-on-close" },
);
