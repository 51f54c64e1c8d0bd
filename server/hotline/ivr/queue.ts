// The wait in an agency's queue, as the interpreter sees it: whether a route may queue the caller,
// joining, and what each turn of the wait loop says. The queue itself (entries, positions, the
// dispatcher) lives in server/hotline/queues/; it reaches the interpreter as queue-tick events.
import { type Ctx, prompt } from "./context.js";
import type { Flow, QueuePrompts, RouteNode } from "./flow.js";
import { routeQueues } from "./flow.js";
import { FlowError, fillPrompt } from "./prompts.js";
import type { AgencySnapshot, IvrEvent, ResolvedPrompt } from "./types.js";

/**
 * An open agency with nobody available queues the caller when its staff are busy (they will be free
 * soon) or it queues even then, and its line is not full; maxLength 0 turns its queue off.
 */
export function mayQueue(flow: Flow, node: RouteNode, agency: AgencySnapshot): boolean {
  const { queue } = agency;
  if (!routeQueues(flow, node) || !agency.open || queue.maxLength <= 0) return false;
  return (agency.busyStaff > 0 || queue.whenNoneAvailable) && queue.waiting < queue.maxLength;
}

export function joinQueue(ctx: Ctx, flow: Flow, agency: AgencySnapshot): void {
  const prompts = queuePrompts(flow);
  ctx.state.queue = {
    agencyId: agency.id,
    agencyCode: agency.code,
    maxWaitSeconds: agency.queue.maxWaitSeconds,
    holdMusicUrl: agency.queue.holdMusicUrl ?? null,
    connecting: null,
  };
  const since = ctx.state.placedAt;
  ctx.effects.push({ type: "queue-joined", agencyCode: agency.code, agencyId: agency.id, ...(since ? { since } : {}) });
  ctx.actions.push({ type: "say", prompt: prompt(ctx, flow, prompts.joined) });
  // The first turn comes at once: the position is counted by the webhook layer, after the entry exists.
  ctx.actions.push({ type: "queue-next" });
  ctx.state.waiting = "queue";
}

/** One turn of the wait loop: the position, the expected wait when known, the offer, the music. */
export function announce(ctx: Ctx, flow: Flow, event: Extract<IvrEvent, { type: "queue-tick" }>): void {
  const queue = ctx.state.queue;
  if (!queue) throw new FlowError("queue turn without a queue");
  const prompts = queuePrompts(flow);
  const said: ResolvedPrompt[] = [fillPrompt(prompt(ctx, flow, prompts.position), { position: event.position })];
  if (event.expectedWaitSeconds !== null) {
    said.push(fillPrompt(prompt(ctx, flow, prompts.expectedWait), { minutes: expectedMinutes(event.expectedWaitSeconds) }));
  }
  said.push(prompt(ctx, flow, prompts.offer));
  ctx.effects.push({
    type: "queue-position",
    agencyId: queue.agencyId,
    position: event.position,
    expectedWaitSeconds: event.expectedWaitSeconds,
    waitedSeconds: event.waitedSeconds,
  });
  ctx.actions.push({ type: "queue-wait", prompts: said, holdMusicUrl: queue.holdMusicUrl });
  ctx.state.waiting = "queue";
}

/** Whole minutes, at least one: "khoảng 3 phút" is an estimate, never a promise of seconds. */
export function expectedMinutes(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}

export function queuePrompts(flow: Flow): QueuePrompts {
  if (!flow.queue) throw new FlowError(`flow "${flow.id}" declares no queue prompts`);
  return flow.queue;
}
