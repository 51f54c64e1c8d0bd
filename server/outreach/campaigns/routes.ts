// /api/campaigns, one module per job: the resource itself (crud-routes.ts), its lifecycle actions
// (action-routes.ts) and what it will cost and did (result-routes.ts). They share how a campaign is
// read and audited (records.ts) and how its state changes (state-change.ts).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import campaignActionRoutes from "./action-routes.js";
import campaignCrudRoutes from "./crud-routes.js";
import campaignResultRoutes from "./result-routes.js";

export interface CampaignRoutesOptions {
  /** The clock (tests fake it). */
  clock?: () => Date;
}

const campaignRoutes: FastifyPluginAsyncTypebox<CampaignRoutesOptions> = async (fastify, options) => {
  const clock = options.clock ?? (() => new Date());
  await fastify.register(campaignCrudRoutes);
  await fastify.register(campaignActionRoutes, { clock });
  await fastify.register(campaignResultRoutes, { clock });
};

export default campaignRoutes;
