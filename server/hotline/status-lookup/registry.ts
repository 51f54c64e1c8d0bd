// The status adapters by the name a flow's lookup node gives, built once per process. A new source
// (the province's one-stop dossier system) is one more file beside cases.ts and one line here.
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../../platform/db/client.js";
import type { LookupResult, StatusLookupAdapter, StatusLookupName } from "./adapter.js";
import { caseStatusAdapter } from "./cases.js";

export type StatusLookups = ReadonlyMap<StatusLookupName, StatusLookupAdapter>;

export function statusLookups(db: Db): StatusLookups {
  const adapters: StatusLookupAdapter[] = [caseStatusAdapter(db)];
  return new Map(adapters.map((adapter) => [adapter.name, adapter]));
}

/**
 * One look-up as a voice step may afford it: at most `timeoutMs`; an unknown adapter, a failure or
 * a timeout count as "not found" (the caller is asked again, then handed to a person), and are logged
 * without the digits.
 */
export async function lookupWithin(
  lookups: StatusLookups,
  name: StatusLookupName,
  digits: string,
  now: Date,
  timeoutMs: number,
  log: FastifyBaseLogger,
): Promise<LookupResult | null> {
  const adapter = lookups.get(name);
  if (!adapter) {
    log.warn({ lookup: name }, "status lookup: no such adapter");
    return null;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), Math.max(0, timeoutMs));
  });
  try {
    const result = await Promise.race([adapter.lookup(digits, now), timeout]);
    if (result === "timeout") {
      log.warn({ lookup: name, timeoutMs }, "status lookup timed out");
      return null;
    }
    return result;
  } catch (error) {
    log.warn({ lookup: name, err: error instanceof Error ? error.message : String(error) }, "status lookup failed");
    return null;
  } finally {
    clearTimeout(timer);
  }
}
