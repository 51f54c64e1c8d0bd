// Published IVR versions: immutable, numbered, validated before they can exist. The active one is a
// setting, so rolling back is pointing at an older version rather than changing any.
import { createHash } from "node:crypto";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import type { Bundle } from "../ivr/flow.js";
import { type FlowFile, formatProblem, type Problem, validateBundle } from "../ivr/validate.js";

export const ACTIVE_VERSION_KEY = "ivr.activeVersionId";

export interface ActiveFlow {
  id: number;
  version: number;
  bundle: Bundle;
}

export class InvalidFlowError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The IVR flow is invalid:\n${problems.map(formatProblem).join("\n")}`);
  }
}

const checksumOf = (files: FlowFile[]) =>
  createHash("sha256")
    .update(JSON.stringify([...files].sort((a, b) => a.file.localeCompare(b.file))))
    .digest("hex");

/** Validates and publishes the files as the next version and makes it active. Invalid files never become a version. */
export async function publishFlowVersion(
  db: Db,
  files: FlowFile[],
  options: { publishedById?: number | null; note?: string | null; entry?: string } = {},
): Promise<{ id: number; version: number }> {
  const result = validateBundle(files, options.entry);
  if (!result.ok) throw new InvalidFlowError(result.problems);
  const published = await db.$transaction(async (tx) => {
    // Serialises concurrent publications so version numbers never collide.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
    const last = await tx.ivrFlowVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
    const created = await tx.ivrFlowVersion.create({
      data: {
        version: (last?.version ?? 0) + 1,
        entry: result.bundle.entry,
        files: files as unknown as Prisma.InputJsonValue,
        bundle: result.bundle as unknown as Prisma.InputJsonValue,
        checksum: checksumOf(files),
        note: options.note ?? null,
        publishedById: options.publishedById ?? null,
      },
      select: { id: true, version: true },
    });
    await activate(tx, created.id);
    return created;
  });
  forgetActiveFlow();
  return published;
}

/** Points the setting at the version; call forgetActiveFlow once the transaction holding it has committed. */
export async function activate(db: Pick<Db, "setting">, versionId: number): Promise<void> {
  forgetActiveFlow();
  await db.setting.upsert({
    where: { key: ACTIVE_VERSION_KEY },
    create: { key: ACTIVE_VERSION_KEY, value: versionId },
    update: { value: versionId },
  });
}

// Versions never change, so a bundle once read is kept for the life of the process.
const bundles = new Map<number, ActiveFlow>();

export async function flowVersion(db: Db, id: number): Promise<ActiveFlow | null> {
  const cached = bundles.get(id);
  if (cached) return cached;
  const row = await db.ivrFlowVersion.findUnique({ where: { id }, select: { id: true, version: true, bundle: true } });
  if (!row) return null;
  const flow = { id: row.id, version: row.version, bundle: row.bundle as unknown as Bundle };
  bundles.set(id, flow);
  return flow;
}

// Which version is active is read at most once a second per database: every incoming call needs it,
// and a publication or rollback reaching the other server processes within a second is soon enough
// (this process forgets it at once, see activate).
const ACTIVE_TTL_MS = 1000;
const activeIds = new WeakMap<Db, { id: number | null; at: number; generation: number }>();
let activeGeneration = 0;

/** This process reads the active version afresh on the next call. */
export function forgetActiveFlow(): void {
  activeGeneration++;
}

export async function activeFlowVersion(db: Db): Promise<ActiveFlow | null> {
  const cached = activeIds.get(db);
  let id = cached?.id ?? null;
  if (!cached || cached.generation !== activeGeneration || Date.now() - cached.at > ACTIVE_TTL_MS) {
    const generation = activeGeneration;
    const setting = await db.setting.findUnique({ where: { key: ACTIVE_VERSION_KEY } });
    id = typeof setting?.value === "number" ? setting.value : null;
    activeIds.set(db, { id, at: Date.now(), generation });
  }
  return id === null ? null : flowVersion(db, id);
}
