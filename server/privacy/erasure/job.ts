// The erasure of a data-subject request as a job on the privacy queue: the payload is the request's id
// only; the number is read from the request. The checkpoint goes into the request's erasure_progress
// after every holder, so a retried or taken-over job resumes where the last one stopped, and the final
// per-holder report into erasure_report.
import type { Job, Queue } from "bullmq";
import { Prisma } from "../../generated/prisma/client.js";
import type { TwilioClient } from "../../messaging/vendors/twilio.js";
import type { Db } from "../../platform/db/client.js";
import { type ErasureCheckpoint, NEW_CHECKPOINT, runErasure } from "./run.js";
import { twilioRecordingDeleter } from "./twilio.js";

export const ERASE_NUMBER = "erase-number";

export interface ErasureJobData {
  requestId: number;
}

/** Starts (or restarts) a request's erasure: a fresh checkpoint, then the job. */
export async function scheduleErasure(db: Db, queue: Queue, requestId: number): Promise<void> {
  await db.dataSubjectRequest.update({
    where: { id: requestId },
    data: { erasureProgress: NEW_CHECKPOINT as unknown as Prisma.InputJsonValue, erasureReport: Prisma.DbNull },
  });
  await queue.add(ERASE_NUMBER, { requestId } satisfies ErasureJobData);
}

export interface ErasureJobDeps {
  /** Without it (no Twilio account) recordings are only marked deleted here. */
  twilio?: TwilioClient;
}

export function privacyProcessor(db: Db, deps: ErasureJobDeps = {}) {
  return async (job: Job<ErasureJobData>): Promise<{ requestId: number; holders: number }> => {
    if (job.name !== ERASE_NUMBER) throw new Error(`unknown privacy job ${job.name}`);
    const requestId = job.data.requestId;
    const request = await db.dataSubjectRequest.findUnique({ where: { id: requestId }, select: { phone: true, erasureProgress: true } });
    if (!request) return { requestId, holders: 0 };
    // The number is cleared only 30 days after completion; an erasure asked after that has nothing to go on.
    if (!request.phone) throw new Error(`request ${requestId} has no number any more`);
    const save = async (checkpoint: ErasureCheckpoint) => {
      await db.dataSubjectRequest.update({
        where: { id: requestId },
        data: {
          erasureProgress: checkpoint as unknown as Prisma.InputJsonValue,
          ...(checkpoint.finishedAt ? { erasureReport: checkpoint.reports as unknown as Prisma.InputJsonValue } : {}),
        },
      });
    };
    const done = await runErasure({
      ctx: { db, requestId, ...(deps.twilio ? { deleteRecordingAtTwilio: twilioRecordingDeleter(deps.twilio) } : {}) },
      phone: request.phone,
      checkpoint: (request.erasureProgress as ErasureCheckpoint | null) ?? undefined,
      saveCheckpoint: save,
    });
    return { requestId, holders: done.reports.length };
  };
}
