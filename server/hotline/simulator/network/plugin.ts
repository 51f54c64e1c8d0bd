// The simulator's network for this process (fastify.simulatorNetwork): simulated calls run here, so
// the REST API for them is this in-process stand-in (registered as the voice API of simulated calls).
// The browsers' simulated desk devices (fastify.simulatedClients) live here too: simulated calls
// dialling a <Client> and calls the server places to `client:staff-N` ring them.
import fp from "fastify-plugin";
import { webhookSigningKey } from "../../../platform/twilio/signing-key.js";
import { bridgeActions } from "../../voice/bridge/actions.js";
import { injectTransport, type StaffDesk } from "../simulated-call.js";
import { SimulatedClients } from "../simulated-clients.js";
import { simulatedStaffDesk } from "../staff-desk.js";
import { demoAnswering } from "./demo-answering.js";
import { SimulatorNetwork } from "./network.js";

declare module "fastify" {
  interface FastifyInstance {
    simulatorNetwork: SimulatorNetwork;
    /** Carries out simulated staff members' steps (hold, transfer…) with the console's desk actions. */
    simulatorDesk: StaffDesk;
    /** Staff with the desk's simulated device open (per process). */
    simulatedClients: SimulatedClients;
  }
}

/** A consult's or listen's offer URL names the call (`/bridge/offer?call=<id>`). */
const OFFER = /\/twilio\/voice\/bridge\/offer\?call=([0-9]+)&/;

export default fp(
  async (fastify) => {
    const { db, config } = fastify;
    const network = new SimulatorNetwork();
    const clients = new SimulatedClients();
    fastify.decorate("simulatorNetwork", network);
    fastify.decorate("simulatedClients", clients);
    fastify.voiceApis.simulated = network;
    // A callback placed from the console before any simulated call ran: its webhooks go through the
    // app's own routes, signed like Twilio's.
    network.connectWith(async () => network.attach(injectTransport(fastify), await webhookSigningKey(config, db), config.PUBLIC_BASE_URL));
    // Who answers what the server places, in the demo (tests may set their own).
    network.answering = demoAnswering({
      clients,
      ringKeyOf: async (url) => {
        const callId = OFFER.exec(url)?.[1];
        if (!callId) return null;
        return (await db.call.findUnique({ where: { id: Number(callId) }, select: { callSid: true } }))?.callSid ?? null;
      },
    });
    const actions = bridgeActions({
      db,
      voiceApis: fastify.voiceApis,
      baseUrl: config.PUBLIC_BASE_URL,
      log: fastify.log,
    });
    fastify.decorate("simulatorDesk", simulatedStaffDesk(db, actions));
  },
  { name: "simulator-network", dependencies: ["voice-apis", "db"] },
);
