// Contacts of saved segments, from the segments domain (server/segments/audience.ts).
import type { Db } from "../db/client.js";
import type { Prisma } from "../generated/prisma/client.js";

export async function segmentContactsSql(_db: Db, _segmentIds: number[]): Promise<Prisma.Sql> {
  throw new Error("segment audiences need server/segments/audience.ts (not available yet)");
}
