// Contacts of saved segments, from the segments domain: SELECT contact_id … for the launch snapshot.

import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { audienceContactsSql, parseSegmentFilter } from "../segments/audience.js";

export async function segmentContactsSql(db: Db, segmentIds: number[]): Promise<Prisma.Sql> {
  const rows = await db.segment.findMany({ where: { id: { in: segmentIds } }, select: { id: true, filter: true } });
  const segments = rows.map((s) => ({ id: s.id, filter: parseSegmentFilter(s.filter) }));
  return Prisma.sql`SELECT s.id AS contact_id FROM (${audienceContactsSql({ listIds: [], segmentIds }, segments)}) s`;
}
