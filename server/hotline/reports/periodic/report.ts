// One periodic report for one reader: the prepared counts of a closed period when there are some
// (unless asked to compute afresh), otherwise counted now; then cut to what the reader may see.

import type { SessionUser } from "../../../access/auth/sessions.js";
import { subtreeIds } from "../../../agencies/scope.js";
import type { AgencyReport } from "../../../contract/hotline/agency-reports.js";
import type { Db } from "../../../platform/db/client.js";
import { forbidden, invalidField } from "../../../platform/http/errors.js";
import { buildReport } from "./figures.js";
import { isClosed, type ReportPeriod } from "./period.js";
import { readReportInputs } from "./read.js";
import { readScoring } from "./scoring-settings.js";
import { findSnapshot } from "./snapshots.js";

/**
 * The agencies a reader of periodic reports may see, or null for the whole province. Administrators
 * see the province; everyone else (supervisors, agents, viewers) their own agency's subtree, which
 * for a viewer of the province's own office is the province.
 */
export async function reportScope(db: Db, user: SessionUser): Promise<number[] | null> {
  if (user.roles.includes("admin")) return null;
  const own = await db.agency.findUnique({ where: { id: user.agency.id }, select: { parentId: true } });
  if (own && own.parentId === null) return null;
  return subtreeIds(db, user.agency.id);
}

export interface ReportRequest {
  period: ReportPeriod;
  agencyId?: number | undefined;
  /** Count now even when a prepared report exists. */
  live?: boolean | undefined;
  now: Date;
}

export async function agencyReport(db: Db, user: SessionUser, request: ReportRequest): Promise<AgencyReport> {
  const { period, now } = request;
  const visible = await reportScope(db, user);
  let subtree: number[] | null = null;
  if (request.agencyId !== undefined) {
    const agency = await db.agency.findUnique({ where: { id: request.agencyId }, select: { id: true } });
    if (!agency) throw invalidField("agencyId", "not_found", "agencyId is not an agency");
    if (visible !== null && !visible.includes(agency.id)) throw forbidden("agencyId is outside your agency's subtree");
    subtree = await subtreeIds(db, agency.id);
  }
  const closed = isClosed(period, now);
  const snapshot = closed && !request.live ? await findSnapshot(db, period.key) : null;
  const inputs = snapshot?.inputs ?? (await readReportInputs(db, period, { scoring: await readScoring(db), now }));
  return buildReport(inputs, {
    visible,
    subtree,
    agencyId: request.agencyId ?? null,
    preparedAt: snapshot?.preparedAt.toISOString() ?? null,
    closed,
  });
}
