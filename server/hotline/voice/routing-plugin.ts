// The routing snapshot (agencies, hours, staff on duty) shared by the voice webhooks and the console
// routes that change it, which invalidate it so a duty toggle or an hours change applies at once.
import fp from "fastify-plugin";
import { type RoutingSnapshots, routingSnapshots } from "./routing-snapshot.js";

declare module "fastify" {
  interface FastifyInstance {
    callRouting: RoutingSnapshots;
  }
}

export default fp(
  async (fastify) => {
    fastify.decorate("callRouting", routingSnapshots(fastify.db));
  },
  { name: "call-routing", dependencies: ["db"] },
);
