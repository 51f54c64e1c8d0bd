// The erasure of one number: first its hash goes into erased_numbers (so no campaign send slips
// through while the rest runs), then every holder in the registry's order, a checkpoint saved after
// each. A killed run resumes at the holder it stopped in; each holder's erase is idempotent, so
// repeating the one that was interrupted, or a whole second run, changes nothing more.
import { addErasedNumber } from "../../outreach/consent/erased/erased.js";
import { privacyHash } from "../hash.js";
import { HOLDERS } from "../holders/registry.js";
import type { ErasureContext, ErasureOutcome, Holder } from "../holders/types.js";
import { requestPhone } from "../phone.js";

export interface HolderReport extends ErasureOutcome {
  kind: string;
  model: string;
  /** What happened, in one word: erased (rows deleted), anonymised, kept, or nothing. */
  result: "erased" | "anonymised" | "kept" | "nothing";
}

export interface ErasureCheckpoint {
  /** Holders done: the run continues at HOLDERS[next]. */
  next: number;
  reports: HolderReport[];
  /** Set once the hash is in erased_numbers. */
  hashRecorded: boolean;
  finishedAt?: string;
}

export const NEW_CHECKPOINT: ErasureCheckpoint = Object.freeze({ next: 0, reports: [], hashRecorded: false }) as ErasureCheckpoint;

export interface ErasureRun {
  /** The context without the hash: the run computes it from the number. */
  ctx: Omit<ErasureContext, "phoneHash">;
  phone: string;
  /** Where the last run stopped (NEW_CHECKPOINT or undefined to start). */
  checkpoint?: ErasureCheckpoint;
  /** Persists the checkpoint (the request's erasure_progress); called after each step. */
  saveCheckpoint: (checkpoint: ErasureCheckpoint) => Promise<void>;
  /** The holders to walk (the registry by default; tests pass their own). */
  holders?: readonly Holder[];
}

function summarise(holder: Holder, outcome: ErasureOutcome): HolderReport {
  const result = outcome.erased > 0 ? "erased" : outcome.anonymised > 0 ? "anonymised" : outcome.kept > 0 ? "kept" : "nothing";
  return { kind: holder.kind, model: holder.model, ...outcome, result };
}

export async function runErasure(run: ErasureRun): Promise<ErasureCheckpoint> {
  const phone = requestPhone(run.phone);
  const holders = run.holders ?? HOLDERS;
  const ctx: ErasureContext = { ...run.ctx, phoneHash: privacyHash(phone) };
  let checkpoint: ErasureCheckpoint = structuredClone(run.checkpoint ?? NEW_CHECKPOINT);
  if (!checkpoint.hashRecorded) {
    await addErasedNumber(ctx.db, ctx.phoneHash, "erasure");
    checkpoint = { ...checkpoint, hashRecorded: true };
    await run.saveCheckpoint(checkpoint);
  }
  for (let index = checkpoint.next; index < holders.length; index++) {
    const holder = holders[index] as Holder;
    const outcome = await holder.erase(ctx, phone);
    // A holder repeated after an interruption replaces its earlier report rather than adding one.
    const reports = [...checkpoint.reports.filter((r) => r.model !== holder.model), summarise(holder, outcome)];
    checkpoint = { ...checkpoint, next: index + 1, reports };
    await run.saveCheckpoint(checkpoint);
  }
  if (!checkpoint.finishedAt) {
    checkpoint = { ...checkpoint, finishedAt: new Date().toISOString() };
    await run.saveCheckpoint(checkpoint);
  }
  return checkpoint;
}
