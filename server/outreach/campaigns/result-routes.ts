// /api/campaigns/:id/…: what a campaign will cost and what it did: the estimate, the message as a
// recipient reads it, the live progress,
// the recipients one by one and the results as CSV (an export of personal data, audited). Numbers are
// shown in full only to administrators and campaign managers.
import { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { LinkStats } from "../../contract/outreach/links.js";
import { rolesHold } from "../../contract/permissions.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { maskPhone } from "../../phone/mask.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { CsvQuery, csvAttachment } from "../../platform/http/csv-download.js";
import { listPage } from "../../platform/http/list-handler.js";
import { codeFilter, listQuerystring } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { linkStats, recipientClicks } from "../links/stats.js";
import { countsOf, emptyCounts } from "./counts.js";
import { estimateCampaign } from "./estimate.js";
import { resultsCsv } from "./export.js";
import { loadCampaign } from "./records.js";
import { sampleMessage } from "./sample-message.js";
import { Estimate, Progress, RECIPIENT_STATUSES, Recipient, SampleMessage } from "./schemas.js";

const RECIPIENT_SORTABLE = ["id", "status", "attempts", "sentAt", "updatedAt"] as const;

const campaignResultRoutes: FastifyPluginAsyncTypebox<{ clock: () => Date }> = async (fastify, { clock }) => {
  const { db } = fastify;
  const readers = fastify.allow("campaigns:read");
  const perRecipient = fastify.config.TRACKED_LINK_PER_RECIPIENT === "true";
  const canSeePhones = (request: FastifyRequest) => rolesHold(currentUser(request).roles, "contacts:phone-numbers");

  fastify.get("/:id/estimate", { preHandler: readers, schema: { params: IdParams, response: { 200: Estimate } } }, async (request) =>
    estimateCampaign(db, await loadCampaign(db, request.params.id), clock(), {
      hosts: fastify.config.TRACKED_LINK_HOSTS,
      publicBaseUrl: fastify.config.PUBLIC_BASE_URL,
    }),
  );

  fastify.get(
    "/:id/sample-message",
    { preHandler: readers, schema: { params: IdParams, response: { 200: SampleMessage } } },
    async (request) => {
      const sample = await sampleMessage(db, await loadCampaign(db, request.params.id), {
        hosts: fastify.config.TRACKED_LINK_HOSTS,
        publicBaseUrl: fastify.config.PUBLIC_BASE_URL,
      });
      const contact = sample.contact && {
        name: sample.contact.name,
        phone: canSeePhones(request) ? sample.contact.phone : maskPhone(sample.contact.phone),
      };
      return { ...sample, contact };
    },
  );

  fastify.get("/:id/progress", { preHandler: readers, schema: { params: IdParams, response: { 200: Progress } } }, async (request) => {
    const { id } = request.params;
    const campaign = await loadCampaign(db, id);
    const counts = (await countsOf(db, [id])).get(id) ?? emptyCounts();
    const now = clock();
    const [rate] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM sms_messages
      WHERE campaign_id = ${id} AND created_at > ${new Date(now.getTime() - 10_000)}`;
    const sendRatePerSecond = (rate?.n ?? 0) / 10;
    const left = counts.pending + counts.sending;
    return {
      status: campaign.status,
      counts,
      sendRatePerSecond,
      pausedReason: campaign.pausedReason,
      dispatchPendingSince: campaign.dispatchPendingSince,
      startedAt: campaign.status === "scheduled" ? null : campaign.launchedAt,
      etaSeconds: campaign.status === "running" && sendRatePerSecond > 0 ? Math.ceil(left / sendRatePerSecond) : null,
    };
  });

  // Counted per campaign: no number behind it, so every reader of the campaign may see it.
  fastify.get("/:id/links", { preHandler: readers, schema: { params: IdParams, response: { 200: LinkStats } } }, async (request) => {
    await loadCampaign(db, request.params.id);
    return linkStats(db, request.params.id, fastify.config.PUBLIC_BASE_URL, perRecipient);
  });

  fastify.get(
    "/:id/recipients",
    { preHandler: readers, schema: { params: IdParams, querystring: listQuerystring, response: { 200: Type.Array(Recipient) } } },
    async (request, reply) => {
      const { id } = request.params;
      await loadCampaign(db, id);
      const rows = await listPage(request.query, reply, {
        resource: "recipients",
        sortable: RECIPIENT_SORTABLE,
        defaultSort: ["id", "ASC"],
        where: (filter): Prisma.CampaignRecipientWhereInput => {
          const status = codeFilter(filter, "status", RECIPIENT_STATUSES);
          return { campaignId: id, ...(status ? { status } : {}) };
        },
        count: (where) => db.campaignRecipient.count({ where }),
        page: (where, page) => db.campaignRecipient.findMany({ where, ...page }),
      });
      const show = canSeePhones(request);
      const clicks = perRecipient
        ? await recipientClicks(
            db,
            rows.map((r) => r.id),
          )
        : null;
      return rows.map((r) => ({
        ...r,
        phone: show ? r.phone : maskPhone(r.phone),
        ...(clicks ? { linkClicks: clicks.get(r.id) ?? 0 } : {}),
      }));
    },
  );

  fastify.get("/:id/results.csv", { preHandler: readers, schema: { params: IdParams, querystring: CsvQuery } }, async (request, reply) => {
    const { id } = request.params;
    const user = currentUser(request);
    await loadCampaign(db, id);
    const show = canSeePhones(request);
    await writeAudit(db, {
      actorId: user.id,
      action: "export",
      resource: "campaigns",
      resourceId: id,
      after: { format: "csv", phones: show ? "full" : "masked" },
      ip: request.ip,
    });
    return csvAttachment(reply, `ket-qua-chien-dich-${id}.csv`).send(
      Readable.from(resultsCsv(db, id, show ? (p) => p : maskPhone, request.query.separator)),
    );
  });
};

export default campaignResultRoutes;
