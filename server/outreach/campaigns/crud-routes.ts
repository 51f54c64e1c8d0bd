// /api/campaigns as a ra-data-simple-rest resource: list, read, create and edit a draft. Whoever
// creates or edits a campaign becomes one of its authors, and so do the authors of the template its
// text comes from (approval.ts: authors may not approve).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { CAMPAIGN_PROVIDER_NAMES } from "../../contract/sms-providers.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { invalidField } from "../../platform/http/errors.js";
import { listPage } from "../../platform/http/list-handler.js";
import { codeFilter, listQuerystring, searchWhere } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { withEditors } from "./approval.js";
import { auditable, presentCampaign, presentCampaigns, withPeople } from "./records.js";
import { Campaign, type CampaignBody, CampaignInput, STATUSES } from "./schemas.js";
import { changeState } from "./state-change.js";
import { checkZnsChoice, type ZnsChoice } from "./zns-choice.js";

const SORTABLE = ["id", "name", "status", "scheduledAt", "launchedAt", "createdAt", "updatedAt"] as const;

const campaignCrudRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const readers = fastify.allow("campaigns:read");
  const managers = fastify.allow("campaigns:manage");

  /** The text to send and, when it comes from a template, the template's authors (they wrote it too). */
  async function checkReferences(
    body: CampaignBody,
  ): Promise<{ body: string; unaccented: boolean; templateEditors: number[]; zns: ZnsChoice }> {
    const sender = await db.smsSender.findUnique({ where: { id: body.senderId } });
    if (!sender) throw invalidField("senderId", "not_found", "senderId: no such sender");
    if (!(CAMPAIGN_PROVIDER_NAMES as readonly string[]).includes(sender.provider)) {
      throw invalidField("senderId", "sender_not_for_campaigns", "senderId: this sender's gateway cannot carry campaigns");
    }
    let text = body.body;
    let unaccented = body.unaccented;
    let templateEditors: number[] = [];
    if (body.templateId) {
      const template = await db.smsTemplate.findUnique({ where: { id: body.templateId } });
      if (!template) throw invalidField("templateId", "not_found", "templateId: no such template");
      if (!text) text = template.body;
      if (unaccented === undefined) unaccented = template.unaccented;
      templateEditors = template.editorIds;
    }
    if (!text || text.trim() === "") throw invalidField("body", "required", "body: a message or a template is required");
    const { listIds, segmentIds } = body.audience;
    if (listIds.length + segmentIds.length === 0)
      throw invalidField("audience", "required", "audience: choose at least one list or segment");
    const lists = await db.contactList.count({ where: { id: { in: listIds } } });
    if (lists !== new Set(listIds).size) throw invalidField("audience", "not_found", "audience: a list does not exist");
    const segments = await db.segment.count({ where: { id: { in: segmentIds } } });
    if (segments !== new Set(segmentIds).size) throw invalidField("audience", "not_found", "audience: a segment does not exist");
    const zns = await checkZnsChoice(db, body, sender.provider);
    return { body: text, unaccented: unaccented ?? true, templateEditors, zns };
  }

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(Campaign) } } },
    async (request, reply) => {
      const rows = await listPage(request.query, reply, {
        resource: "campaigns",
        sortable: SORTABLE,
        defaultSort: ["id", "DESC"],
        where: (filter): Prisma.CampaignWhereInput => {
          const status = codeFilter(filter, "status", STATUSES);
          return { AND: [searchWhere(filter), status ? { status } : {}] };
        },
        count: (where) => db.campaign.count({ where }),
        page: (where, page) => db.campaign.findMany({ where, include: withPeople, ...page }),
      });
      return presentCampaigns(db, rows);
    },
  );

  fastify.get("/:id", { preHandler: readers, schema: { params: IdParams, response: { 200: Campaign } } }, async (request) =>
    presentCampaign(db, request.params.id),
  );

  fastify.post("/", { preHandler: managers, schema: { body: CampaignInput, response: { 200: Campaign } } }, async (request) => {
    const user = currentUser(request);
    const { body, unaccented, templateEditors, zns } = await checkReferences(request.body);
    const { name, templateId, senderId, audience, scheduledAt } = request.body;
    const created = await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "campaigns",
      action: "create",
      write: (tx) =>
        tx.campaign.create({
          data: {
            name,
            templateId: templateId ?? null,
            body,
            unaccented,
            senderId,
            audience: audience as unknown as Prisma.InputJsonValue,
            ...zns,
            scheduledAt: scheduledAt ? new Date(scheduledAt) : null,
            createdById: user.id,
            editorIds: withEditors([user.id], templateEditors),
          },
        }),
      audit: (campaign) => ({ resourceId: campaign.id, after: auditable(campaign) }),
    });
    return presentCampaign(db, created.id);
  });

  fastify.put(
    "/:id",
    { preHandler: managers, schema: { params: IdParams, body: CampaignInput, response: { 200: Campaign } } },
    async (request) => {
      const user = currentUser(request);
      const { id } = request.params;
      const { body, unaccented, templateEditors, zns } = await checkReferences(request.body);
      const { name, templateId, senderId, audience, scheduledAt } = request.body;
      const editors = withEditors([user.id], templateEditors);
      await changeState(db, id, {
        action: "update",
        actor: { id: user.id, ip: request.ip },
        extra: () => ({
          name,
          body,
          unaccented,
          senderId,
          templateId: templateId ?? null,
          audience: audience as unknown as Prisma.InputJsonValue,
          ...zns,
          scheduledAt: scheduledAt ? new Date(scheduledAt) : null,
        }),
        editors,
      });
      return presentCampaign(db, id);
    },
  );
};

export default campaignCrudRoutes;
