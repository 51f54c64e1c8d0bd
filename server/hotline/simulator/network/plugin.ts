// The simulator's network for this process (fastify.simulatorNetwork): simulated calls run here, so
// the REST API for them is this in-process stand-in (registered as the voice API of simulated calls).
import fp from "fastify-plugin";
import { SimulatorNetwork } from "./network.js";

declare module "fastify" {
  interface FastifyInstance {
    simulatorNetwork: SimulatorNetwork;
  }
}

export default fp(
  async (fastify) => {
    const network = new SimulatorNetwork();
    fastify.decorate("simulatorNetwork", network);
    fastify.voiceApis.simulated = network;
  },
  { name: "simulator-network", dependencies: ["voice-apis"] },
);
