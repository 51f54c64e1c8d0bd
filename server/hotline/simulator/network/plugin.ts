// The simulator's network for this process (fastify.simulatorNetwork): simulated calls run here, so
// the REST API for them is this in-process stand-in (registered as the voice API of simulated calls).
import fp from "fastify-plugin";
import { bridgeActions } from "../../voice/bridge/actions.js";
import type { StaffDesk } from "../simulated-call.js";
import { simulatedStaffDesk } from "../staff-desk.js";
import { SimulatorNetwork } from "./network.js";

declare module "fastify" {
  interface FastifyInstance {
    simulatorNetwork: SimulatorNetwork;
    /** Carries out simulated staff members' steps (hold, transfer…) with the console's desk actions. */
    simulatorDesk: StaffDesk;
  }
}

export default fp(
  async (fastify) => {
    const network = new SimulatorNetwork();
    fastify.decorate("simulatorNetwork", network);
    fastify.voiceApis.simulated = network;
    const actions = bridgeActions({
      db: fastify.db,
      voiceApis: fastify.voiceApis,
      baseUrl: fastify.config.PUBLIC_BASE_URL,
      log: fastify.log,
    });
    fastify.decorate("simulatorDesk", simulatedStaffDesk(fastify.db, actions));
  },
  { name: "simulator-network", dependencies: ["voice-apis", "db"] },
);
