// One step of the lifecycle (lifecycle.ts) from the console: a conditional UPDATE on the state it
// expects, with its audit entry in the same transaction; 409 with the lifecycle's explanation otherwise.
import type { Prisma } from "../../generated/prisma/client.js";
import type { CampaignStatus } from "../../generated/prisma/enums.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import type { Db } from "../../platform/db/client.js";
import { conflict } from "../../platform/http/errors.js";
import { type CampaignAction, nextStatus } from "./lifecycle.js";
import { auditable, loadCampaign } from "./records.js";

export interface StateChange {
  action: CampaignAction;
  /** Who asks, and from where. */
  actor: { id: number; ip: string };
  /** Columns that change with the state, given the state it leaves. */
  extra?: (from: CampaignStatus) => Prisma.CampaignUpdateManyMutationInput;
  /** People who join the campaign's authors, in the same statement (no lost update between two editors). */
  editors?: number[];
}

export async function changeState(db: Db, id: number, change: StateChange): Promise<void> {
  const { action, actor, extra = () => ({}), editors = [] } = change;
  const before = await loadCampaign(db, id);
  const step = nextStatus(before.status, action);
  if (!step.ok) throw conflict(step.message);
  await auditedWrite(db, {
    actorId: actor.id,
    ip: actor.ip,
    resource: "campaigns",
    action,
    write: async (tx) => {
      const { count } = await tx.campaign.updateMany({ where: { id, status: step.from }, data: { status: step.to, ...extra(step.from) } });
      if (count === 0) throw conflict("The campaign changed meanwhile; reload and try again");
      if (editors.length > 0) {
        await tx.$executeRaw`UPDATE campaigns SET editor_ids = ARRAY(SELECT DISTINCT e FROM unnest(editor_ids || ${editors}::int[]) e ORDER BY 1)
          WHERE id = ${id}`;
      }
      return tx.campaign.findUniqueOrThrow({ where: { id } });
    },
    audit: (after) => ({ resourceId: id, before: auditable(before), after: auditable(after) }),
  });
}
