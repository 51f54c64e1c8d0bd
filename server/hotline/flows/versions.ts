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
  return db.$transaction(async (tx) => {
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
}

export async function activate(db: Pick<Db, "setting">, versionId: number): Promise<void> {
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

export async function activeFlowVersion(db: Db): Promise<ActiveFlow | null> {
  const setting = await db.setting.findUnique({ where: { key: ACTIVE_VERSION_KEY } });
  return typeof setting?.value === "number" ? flowVersion(db, setting.value) : null;
}
