// The routing snapshot (agencies, hours, available staff) shared by the voice webhooks and the console
// routes that change it, which invalidate it so an hours change applies at once. Every presence change
// drops it too, so someone who just answered, went away or came back is rung (or not) from the next call on.
import fp from "fastify-plugin";
import { onPresenceChanged } from "../../agencies/staff/presence.js";
import { type RoutingSnapshots, routingSnapshots } from "./routing-snapshot.js";

declare module "fastify" {
  interface FastifyInstance {
    callRouting: RoutingSnapshots;
  }
}

export default fp(
  async (fastify) => {
    const snapshots = routingSnapshots(fastify.db);
    fastify.decorate("callRouting", snapshots);
    const unsubscribe = onPresenceChanged(() => snapshots.invalidate());
    fastify.addHook("onClose", async () => {
      unsubscribe();
    });
  },
  { name: "call-routing", dependencies: ["db"] },
);
