// One number's footprint: every holder's rows for it, counted per kind, with the console's links.
// What a privacy officer sees before answering an access request, and what the export writes out.
import type { Db } from "../platform/db/client.js";
import { HOLDERS } from "./holders/registry.js";
import type { FoundRecord } from "./holders/types.js";
import { requestPhone } from "./phone.js";

/** Records listed per kind at most; the count is always the full one. */
export const RECORDS_PER_KIND = 200;

export interface FootprintKind {
  kind: string;
  model: string;
  count: number;
  /** The first RECORDS_PER_KIND records. */
  records: FoundRecord[];
  /** Console pages of those records, without repeats. */
  links: string[];
}

export interface Footprint {
  /** The number in E.164. */
  phone: string;
  /** Only kinds with at least one record, in the registry's order. */
  kinds: FootprintKind[];
}

export interface FindOptions {
  /** Records per kind (default RECORDS_PER_KIND); the export asks for all of them. */
  limit?: number;
}

/** The footprint of a number given in any form; a malformed number is a 400 naming `phone`. */
export async function findFootprint(db: Db, anyFormPhone: string, options: FindOptions = {}): Promise<Footprint> {
  const phone = requestPhone(anyFormPhone);
  const limit = options.limit ?? RECORDS_PER_KIND;
  const kinds: FootprintKind[] = [];
  // One holder after another: a footprint is asked for rarely, and the pool is shared with calls.
  for (const holder of HOLDERS) {
    const found = await holder.find(db, phone);
    if (found.length === 0) continue;
    const records = found.slice(0, limit);
    const links = [...new Set(records.map((r) => holder.link?.(r)).filter((l): l is string => typeof l === "string"))];
    kinds.push({ kind: holder.kind, model: holder.model, count: found.length, records, links });
  }
  return { phone, kinds };
}
