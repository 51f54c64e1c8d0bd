// /api/campaigns: the campaign resource (ra-data-simple-rest) and its lifecycle actions. Every action
// is a conditional UPDATE on the state it expects (409 otherwise) with its audit entry in the same
// transaction. Approval follows the two-person rule and records what it covers (approval.ts).
import { Readable } from "node:stream";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { currentUser } from "../../access/auth/authentication.js";
import { rolesHold } from "../../contract/permissions.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { CampaignStatus } from "../../generated/prisma/enums.js";
import { maskPhone } from "../../phone/mask.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { conflict, invalidField, notFound } from "../../platform/http/errors.js";
import { listQuerystring, pageArgs, parseListQuery, searchFilter, sendPage, stringFilter } from "../../platform/http/list-query.js";
import { IdParams } from "../../platform/http/schemas.js";
import { withinDeadline } from "../../platform/jobs/deadline.js";
import {
  approveCampaign,
  launchRefusal,
  liveDifferences,
  parseApproval,
  returnForApproval,
  shownApproval,
  withEditors,
} from "./approval.js";
import { countsOf, emptyCounts } from "./counts.js";
import { estimateCampaign } from "./estimate.js";
import { resultsCsv } from "./export.js";
import { handOverToQueue } from "./hand-over.js";
import { cancelScheduledLaunch, scheduleDispatch, scheduleLaunch } from "./jobs.js";
import { type CampaignAction, nextStatus } from "./lifecycle.js";
import { parseAudience } from "./materialise.js";
import { Campaign, type CampaignBody, CampaignInput, Estimate, Progress, RECIPIENT_STATUSES, Recipient, STATUSES } from "./schemas.js";
import { launchCampaign } from "./service.js";

const withPeople = { createdBy: { select: { name: true } }, approvedBy: { select: { name: true } } } as const;
type CampaignRow = Prisma.CampaignGetPayload<{ include: typeof withPeople }>;

const SORTABLE = ["id", "name", "status", "scheduledAt", "launchedAt", "createdAt", "updatedAt"] as const;
const RECIPIENT_SORTABLE = ["id", "status", "attempts", "sentAt", "updatedAt"] as const;

const auditable = (c: Prisma.CampaignGetPayload<object>) => {
  const { id, name, status, templateId, body, unaccented, senderId, audience, scheduledAt, approvedById, pausedReason } = c;
  return { id, name, status, templateId, body, unaccented, senderId, audience, scheduledAt, approvedById, pausedReason };
};

export interface CampaignRoutesOptions {
  /** The clock (tests fake it). */
  clock?: () => Date;
}

const campaignRoutes: FastifyPluginAsyncTypebox<CampaignRoutesOptions> = async (fastify, options) => {
  const { db } = fastify;
  const clock = options.clock ?? (() => new Date());
  const readers = fastify.allow("campaigns:read");
  const managers = fastify.allow("campaigns:manage");
  const approvers = fastify.allow("campaigns:approve");
  const operators = fastify.allow("campaigns:send");
  const queue = () => fastify.queues.campaigns;
  /** The decision is committed: queue its job, or leave it to the worker's reconciler (hand-over.ts). */
  const handOver = (request: FastifyRequest, id: number, what: string, enqueue: () => Promise<void>) =>
    handOverToQueue(db, request.log, id, what, enqueue);
  /**
   * Best effort: a delayed launch job left behind (Redis unreachable) finds the launch no longer
   * requested (launchedAt cleared) and does nothing (jobs.ts).
   */
  const dropScheduledLaunch = (request: FastifyRequest, id: number) =>
    withinDeadline("cancel scheduled launch", cancelScheduledLaunch(queue(), id)).catch((error: unknown) =>
      request.log.warn({ campaignId: id, err: String(error) }, "scheduled launch job not removed; it will find the launch withdrawn"),
    );

  async function present(rows: CampaignRow[]) {
    const counts = await countsOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map(({ createdBy, approvedBy, checkpoint: _checkpoint, ...c }) => ({
      ...c,
      approval: shownApproval(parseApproval(c.approval)),
      audience: parseAudience(c.audience),
      createdByName: createdBy.name,
      approvedByName: approvedBy?.name ?? null,
      counts: counts.get(c.id) ?? emptyCounts(),
    }));
  }
  async function load(id: number) {
    const campaign = await db.campaign.findUnique({ where: { id }, include: withPeople });
    if (!campaign) throw notFound("No such campaign");
    return campaign;
  }
  const one = async (id: number) => (await present([await load(id)]))[0];

  /** The text to send and, when it comes from a template, the template's authors (they wrote it too). */
  async function checkReferences(body: CampaignBody): Promise<{ body: string; unaccented: boolean; templateEditors: number[] }> {
    const sender = await db.smsSender.findUnique({ where: { id: body.senderId } });
    if (!sender) throw invalidField("senderId", "not_found", "senderId: no such sender");
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
    return { body: text, unaccented: unaccented ?? true, templateEditors };
  }

  /**
   * A conditional state change with its audit entry; 409 with the lifecycle's explanation otherwise.
   * `editors` join the campaign's authors in the same statement (no lost update between two editors).
   */
  async function act(
    request: FastifyRequest,
    id: number,
    action: CampaignAction,
    extra: (from: CampaignStatus) => Prisma.CampaignUpdateManyMutationInput = () => ({}),
    editors: number[] = [],
  ) {
    const user = currentUser(request);
    const before = await load(id);
    const step = nextStatus(before.status, action);
    if (!step.ok) throw conflict(step.message);
    await db.$transaction(async (tx) => {
      const { count } = await tx.campaign.updateMany({ where: { id, status: step.from }, data: { status: step.to, ...extra(step.from) } });
      if (count === 0) throw conflict("The campaign changed meanwhile; reload and try again");
      if (editors.length > 0) {
        await tx.$executeRaw`UPDATE campaigns SET editor_ids = ARRAY(SELECT DISTINCT e FROM unnest(editor_ids || ${editors}::int[]) e ORDER BY 1)
          WHERE id = ${id}`;
      }
      const after = await tx.campaign.findUniqueOrThrow({ where: { id } });
      await writeAudit(tx, {
        actorId: user.id,
        action,
        resource: "campaigns",
        resourceId: id,
        before: auditable(before),
        after: auditable(after),
        ip: request.ip,
      });
    });
    return step;
  }

  fastify.get(
    "/",
    { preHandler: readers, schema: { querystring: listQuerystring, response: { 200: Type.Array(Campaign) } } },
    async (request, reply) => {
      const query = parseListQuery(request.query, { sortable: SORTABLE, defaultSort: ["id", "DESC"] });
      const q = searchFilter(query.filter);
      const status = stringFilter(query.filter, "status");
      if (status && !(STATUSES as readonly string[]).includes(status)) {
        throw invalidField("status", "filter", `filter status must be one of ${STATUSES.join(", ")}`);
      }
      const where: Prisma.CampaignWhereInput = {
        AND: [q ? { name: { contains: q, mode: "insensitive" } } : {}, status ? { status: status as CampaignStatus } : {}],
      };
      const rows = await sendPage(
        reply,
        "campaigns",
        query,
        db.campaign.count({ where }),
        db.campaign.findMany({ where, include: withPeople, ...pageArgs(query) }),
      );
      return present(rows);
    },
  );

  fastify.get("/:id", { preHandler: readers, schema: { params: IdParams, response: { 200: Campaign } } }, async (request) =>
    one(request.params.id),
  );

  fastify.post("/", { preHandler: managers, schema: { body: CampaignInput, response: { 200: Campaign } } }, async (request) => {
    const user = currentUser(request);
    const { body, unaccented, templateEditors } = await checkReferences(request.body);
    const { name, templateId, senderId, audience, scheduledAt } = request.body;
    const created = await db.$transaction(async (tx) => {
      const campaign = await tx.campaign.create({
        data: {
          name,
          templateId: templateId ?? null,
          body,
          unaccented,
          senderId,
          audience: audience as unknown as Prisma.InputJsonValue,
          scheduledAt: scheduledAt ? new Date(scheduledAt) : null,
          createdById: user.id,
          editorIds: withEditors([user.id], templateEditors),
        },
      });
      await writeAudit(tx, {
        actorId: user.id,
        action: "create",
        resource: "campaigns",
        resourceId: campaign.id,
        after: auditable(campaign),
        ip: request.ip,
      });
      return campaign;
    });
    return one(created.id);
  });

  fastify.put(
    "/:id",
    { preHandler: managers, schema: { params: IdParams, body: CampaignInput, response: { 200: Campaign } } },
    async (request) => {
      const { id } = request.params;
      const { body, unaccented, templateEditors } = await checkReferences(request.body);
      const { name, templateId, senderId, audience, scheduledAt } = request.body;
      const editors = withEditors([currentUser(request).id], templateEditors);
      await act(
        request,
        id,
        "update",
        () => ({
          name,
          body,
          unaccented,
          senderId,
          templateId: templateId ?? null,
          audience: audience as unknown as Prisma.InputJsonValue,
          scheduledAt: scheduledAt ? new Date(scheduledAt) : null,
        }),
        editors,
      );
      return one(id);
    },
  );

  const Action = { params: IdParams, response: { 200: Campaign } };

  fastify.post("/:id/submit", { preHandler: managers, schema: Action }, async (request) => {
    // Asking for approval makes one an author too: the approver must be someone else.
    await act(request, request.params.id, "submit", undefined, [currentUser(request).id]);
    return one(request.params.id);
  });

  fastify.post("/:id/approve", { preHandler: approvers, schema: Action }, async (request) => {
    await approveCampaign(db, request.params.id, currentUser(request).id, request.ip, clock());
    return one(request.params.id);
  });

  fastify.post("/:id/reject", { preHandler: approvers, schema: Action }, async (request) => {
    await dropScheduledLaunch(request, request.params.id);
    await act(request, request.params.id, "reject", () => ({
      approvedById: null,
      approvedAt: null,
      approval: Prisma.DbNull,
      launchedAt: null,
    }));
    return one(request.params.id);
  });

  fastify.post("/:id/launch", { preHandler: operators, schema: Action }, async (request) => {
    const user = currentUser(request);
    const { id } = request.params;
    const campaign = await load(id);
    const step = nextStatus(campaign.status, "launch");
    if (!step.ok) throw conflict(step.message);
    if (!campaign.approvedById) throw conflict("The campaign has not been approved");
    const now = clock();
    if (campaign.scheduledAt && campaign.scheduledAt > now) {
      // The launch itself checks again; checking now tells whoever asks, rather than nobody later.
      const changed = await liveDifferences(db, campaign);
      if (changed.length > 0) {
        await returnForApproval(db, id, changed, user.id, request.ip, now);
        throw conflict(launchRefusal(changed));
      }
      // Stays 'scheduled'; launchedAt records the requested start so a restarted worker re-plans it.
      await db.$transaction(async (tx) => {
        await tx.campaign.update({ where: { id }, data: { launchedAt: campaign.scheduledAt } });
        await writeAudit(tx, {
          actorId: user.id,
          action: "launch",
          resource: "campaigns",
          resourceId: id,
          after: { at: campaign.scheduledAt },
          ip: request.ip,
        });
      });
      const at = campaign.scheduledAt;
      await handOver(request, id, "scheduled launch", () => scheduleLaunch(queue(), id, at.getTime() - now.getTime()));
      return one(id);
    }
    const result = await launchCampaign(db, now, id, user.id, request.ip);
    if (!result.ok) throw conflict(result.message);
    await handOver(request, id, "dispatch", () => scheduleDispatch(queue(), id));
    return one(id);
  });

  fastify.post("/:id/pause", { preHandler: operators, schema: Action }, async (request) => {
    const user = currentUser(request);
    await act(request, request.params.id, "pause", () => ({ pausedReason: `Paused by ${user.name}` }));
    return one(request.params.id);
  });

  fastify.post("/:id/resume", { preHandler: operators, schema: Action }, async (request) => {
    await act(request, request.params.id, "resume", () => ({ pausedReason: null }));
    await handOver(request, request.params.id, "dispatch", () => scheduleDispatch(queue(), request.params.id));
    return one(request.params.id);
  });

  fastify.post("/:id/cancel", { preHandler: operators, schema: Action }, async (request) => {
    const { id } = request.params;
    const now = clock();
    await act(request, id, "cancel", () => ({ completedAt: now }));
    await dropScheduledLaunch(request, id);
    // Whoever has not been claimed will not be: skipped with the reason. In-flight sends finish.
    await db.$executeRaw`UPDATE campaign_recipients SET status = 'skipped', skip_reason = 'cancelled', updated_at = ${now}
      WHERE campaign_id = ${id} AND status = 'pending'`;
    return one(id);
  });

  fastify.post("/:id/resend-failed", { preHandler: managers, schema: Action }, async (request) => {
    const { id } = request.params;
    const now = clock();
    const campaign = await load(id);
    const step = nextStatus(campaign.status, "resend_failed");
    if (!step.ok) throw conflict(step.message);
    const user = currentUser(request);
    await db.$transaction(async (tx) => {
      // A new attempt for failed recipients only; every earlier attempt keeps its own message row.
      const count = await tx.$executeRaw`UPDATE campaign_recipients SET status = 'pending', attempts = 0, not_before = NULL,
        updated_at = ${now} WHERE campaign_id = ${id} AND status = 'failed'`;
      if (count === 0) throw conflict("No failed recipients to resend to");
      const { count: moved } = await tx.campaign.updateMany({
        where: { id, status: step.from },
        data: { status: step.to, completedAt: null, checkpoint: 0, ...(step.from === "completed" ? { pausedReason: null } : {}) },
      });
      if (moved === 0) throw conflict("The campaign changed meanwhile; reload and try again");
      await writeAudit(tx, {
        actorId: user.id,
        action: "resend_failed",
        resource: "campaigns",
        resourceId: id,
        after: { recipients: count },
        ip: request.ip,
      });
    });
    if (step.to === "running") await handOver(request, id, "dispatch", () => scheduleDispatch(queue(), id));
    return one(id);
  });

  fastify.get("/:id/estimate", { preHandler: readers, schema: { params: IdParams, response: { 200: Estimate } } }, async (request) =>
    estimateCampaign(db, await load(request.params.id), clock()),
  );

  fastify.get("/:id/progress", { preHandler: readers, schema: { params: IdParams, response: { 200: Progress } } }, async (request) => {
    const { id } = request.params;
    const campaign = await load(id);
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

  const canSeePhones = (request: FastifyRequest) => rolesHold(currentUser(request).roles, "contacts:phone-numbers");

  fastify.get(
    "/:id/recipients",
    { preHandler: readers, schema: { params: IdParams, querystring: listQuerystring, response: { 200: Type.Array(Recipient) } } },
    async (request, reply) => {
      const { id } = request.params;
      await load(id);
      const query = parseListQuery(request.query, { sortable: RECIPIENT_SORTABLE, defaultSort: ["id", "ASC"] });
      const status = stringFilter(query.filter, "status");
      if (status && !(RECIPIENT_STATUSES as readonly string[]).includes(status)) {
        throw invalidField("status", "filter", `filter status must be one of ${RECIPIENT_STATUSES.join(", ")}`);
      }
      const where: Prisma.CampaignRecipientWhereInput = {
        campaignId: id,
        ...(status ? { status: status as (typeof RECIPIENT_STATUSES)[number] } : {}),
      };
      const rows = await sendPage(
        reply,
        "recipients",
        query,
        db.campaignRecipient.count({ where }),
        db.campaignRecipient.findMany({ where, ...pageArgs(query) }),
      );
      const show = canSeePhones(request);
      return rows.map((r) => ({ ...r, phone: show ? r.phone : maskPhone(r.phone) }));
    },
  );

  fastify.get("/:id/results.csv", { preHandler: readers, schema: { params: IdParams } }, async (request, reply) => {
    const { id } = request.params;
    const user = currentUser(request);
    await load(id);
    const show = canSeePhones(request);
    await writeAudit(db, {
      actorId: user.id,
      action: "export",
      resource: "campaigns",
      resourceId: id,
      after: { format: "csv", phones: show ? "full" : "masked" },
      ip: request.ip,
    });
    return reply
      .type("text/csv; charset=utf-8")
      .header("Content-Disposition", `attachment; filename="ket-qua-chien-dich-${id}.csv"`)
      .header("Cache-Control", "private, no-store")
      .send(Readable.from(resultsCsv(db, id, show ? (p) => p : maskPhone)));
  });
};

export default campaignRoutes;
