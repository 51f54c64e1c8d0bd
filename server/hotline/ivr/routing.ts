// Route nodes, TaskRouter style: walk the agency → fallback chain, skip agencies that are closed or
// have nobody reachable on duty, ring staff all at once or one by one, and fall through to the
// route's `unanswered` node when the chain is exhausted. An agency whose staff are all busy may hold
// the caller in its queue instead (queue.ts); the chain goes on from there after a timeout.
import { type Ctx, prompt, say, setTopic } from "./context.js";
import { CALLBACK_KEY, type Flow, type RouteNode, SELECTED_AGENCY } from "./flow.js";
import { FlowError, transferPrompt } from "./prompts.js";
import { announce, joinQueue, mayQueue, queuePrompts } from "./queue.js";
import type { AgencySnapshot, DialTarget, IvrEvent, StaffSnapshot } from "./types.js";

/** Twilio rings at most ten <Number>/<Client> nouns in one <Dial>. */
export const MAX_DIAL_NOUNS = 10;

/** Returns the next node, or null when a dial was issued. */
export function enterRoute(ctx: Ctx, flow: Flow, node: RouteNode): string | null {
  if (node.topic) setTopic(ctx, flow, node.topic);
  say(ctx, flow, node.prompt);
  ctx.state.route = { chain: [], agencyId: null, pending: [], dialing: [], rang: false };
  const code = node.agency === SELECTED_AGENCY ? ctx.state.selectedAgency : node.agency;
  if (code === null) ctx.effects.push({ type: "error", message: `route to ${SELECTED_AGENCY} with no agency selected` });
  return tryChain(ctx, node, code);
}

export function onDialEnded(ctx: Ctx, node: RouteNode, event: Extract<IvrEvent, { type: "dial-ended" }>): string | null {
  const route = ctx.state.route;
  const code = route?.chain[route.chain.length - 1];
  if (!route || code === undefined || route.agencyId === null) throw new FlowError("dial ended outside a route");
  const base = { type: "routing" as const, agencyCode: code, agencyId: route.agencyId };
  if (event.acceptedStaffId !== null) {
    if (ctx.state.queue) ctx.effects.push({ type: "queue-left", agencyId: ctx.state.queue.agencyId, outcome: "answered" });
    ctx.state.queue = null;
    ctx.effects.push({
      ...base,
      decision: "answered",
      staffId: event.acceptedStaffId,
      dialStatus: event.status,
      durationSeconds: event.durationSeconds,
    });
    ctx.effects.push({ type: "termination", reason: "answered" });
    ctx.state.answered = { agencyId: route.agencyId, staffId: event.acceptedStaffId };
    ctx.state.route = null;
    return node.answered;
  }
  ctx.effects.push({ ...base, decision: "no-answer", staffIds: route.dialing, dialStatus: event.status });
  route.dialing = [];
  const queue = ctx.state.queue;
  if (queue && queue.connecting !== null && event.status !== "canceled") {
    // The staff member the queue chose let it ring: back in line, in the old place (the entry keeps its time).
    ctx.effects.push({ type: "queue-returned", agencyId: queue.agencyId, staffId: queue.connecting });
    queue.connecting = null;
    ctx.actions.push({ type: "queue-next" });
    ctx.state.waiting = "queue";
    return null;
  }
  if (event.status === "canceled") {
    // The caller hung up while it rang (or the call was cancelled): nobody is left to connect.
    ctx.state.route = null;
    ctx.state.waiting = "done";
    ctx.actions.push({ type: "hangup" });
    return null;
  }
  const agency = ctx.env.agency(code);
  if (agency?.open && route.pending.length > 0) return dial(ctx, node, agency);
  return tryChain(ctx, node, agency?.fallbackCode ?? null);
}

/**
 * A cold transfer: the staff member who answered passes the caller on. Their answer is recorded as
 * the dial's action would have (Twilio never posts it: the caller's call was redirected away from the
 * Dial), the caller hears where they go, and the route starts over at the chosen agency with its
 * hours, staff, queue and fallbacks; the topic stays, and so does the route node's survey after an
 * answer. The caller's place in any queue is their call's start.
 */
export function onTransfer(ctx: Ctx, node: RouteNode, event: Extract<IvrEvent, { type: "transfer" }>): string | null {
  const route = ctx.state.route;
  const from = route?.chain[route.chain.length - 1];
  if (route && from !== undefined && route.agencyId !== null) {
    ctx.effects.push({ type: "routing", agencyCode: from, agencyId: route.agencyId, decision: "answered", staffId: event.fromStaffId });
  }
  if (ctx.state.queue) ctx.effects.push({ type: "queue-left", agencyId: ctx.state.queue.agencyId, outcome: "answered" });
  ctx.state.queue = null;
  ctx.effects.push({ type: "termination", reason: "answered" });
  ctx.state.answered = route?.agencyId ? { agencyId: route.agencyId, staffId: event.fromStaffId } : ctx.state.answered;
  ctx.effects.push({
    type: "transferred",
    fromStaffId: event.fromStaffId,
    agencyCode: event.agencyCode,
    agencyId: ctx.env.agency(event.agencyCode)?.id ?? null,
  });
  ctx.actions.push({ type: "say", prompt: transferPrompt(event.agencyName) });
  ctx.state.placedAt = event.placedAt;
  // rang: someone did answer this call, so an empty chain is not "no one on duty".
  ctx.state.route = { chain: [], agencyId: null, pending: [], dialing: [], rang: true };
  return tryChain(ctx, node, event.agencyCode);
}

/** A turn of the wait loop: connect the staff member the dispatcher chose, a callback on key 1, the timeout, or the next announcement. */
export function onQueueTick(ctx: Ctx, node: RouteNode, event: Extract<IvrEvent, { type: "queue-tick" }>): string | null {
  const { queue, route } = ctx.state;
  if (!queue || !route) throw new FlowError("queue turn outside a queue");
  const flow = currentFlow(ctx);
  if (event.assigned) {
    // Connecting wins over a key pressed at the same moment: the caller wanted a person.
    const staffId = event.assigned.staffId;
    queue.connecting = staffId;
    route.agencyId = queue.agencyId;
    route.dialing = [staffId];
    route.rang = true;
    ctx.effects.push({ type: "queue-connecting", agencyId: queue.agencyId, staffId });
    ctx.effects.push({ type: "routing", agencyCode: queue.agencyCode, agencyId: queue.agencyId, decision: "dialing", staffIds: [staffId] });
    ctx.actions.push({
      type: "dial",
      agencyId: queue.agencyId,
      topic: ctx.state.topic?.label ?? "",
      topicId: ctx.state.topic?.id ?? null,
      targets: [event.assigned],
      timeoutSeconds: ctx.env.agency(queue.agencyCode)?.ringTimeoutSeconds ?? 20,
      record: true,
    });
    ctx.state.waiting = "dial";
    return null;
  }
  if (event.digits === CALLBACK_KEY) {
    ctx.effects.push({ type: "queue-left", agencyId: queue.agencyId, outcome: "callback", waitedSeconds: event.waitedSeconds });
    ctx.effects.push({
      type: "callback-request",
      agencyId: queue.agencyId,
      topic: ctx.state.topic?.id ?? null,
      recordingSeconds: 0,
      inQueue: true,
    });
    ctx.actions.push({ type: "say", prompt: prompt(ctx, flow, queuePrompts(flow).callbackConfirmed) });
    ctx.actions.push({ type: "hangup" });
    ctx.state.queue = null;
    ctx.state.route = null;
    ctx.state.waiting = "done";
    return null;
  }
  if (event.waitedSeconds >= queue.maxWaitSeconds) {
    ctx.effects.push({ type: "queue-left", agencyId: queue.agencyId, outcome: "timeout", waitedSeconds: event.waitedSeconds });
    ctx.state.queue = null;
    return tryChain(ctx, node, ctx.env.agency(queue.agencyCode)?.fallbackCode ?? null);
  }
  announce(ctx, flow, event);
  return null;
}

function currentFlow(ctx: Ctx): Flow {
  const flow = ctx.bundle.flows[ctx.state.flow];
  if (!flow) throw new FlowError(`unknown flow ${ctx.state.flow}`);
  return flow;
}

function tryChain(ctx: Ctx, node: RouteNode, first: string | null): string | null {
  const route = ctx.state.route;
  if (!route) throw new FlowError("route state lost");
  let code = first;
  while (code !== null && !route.chain.includes(code)) {
    route.chain.push(code);
    const agency = ctx.env.agency(code);
    if (!agency) {
      ctx.effects.push({ type: "routing", agencyCode: code, agencyId: null, decision: "skipped-unknown" });
      break;
    }
    ctx.state.lastAgencyId = agency.id;
    if (agency.open && reachableStaff(agency).length === 0 && mayQueue(currentFlow(ctx), node, agency)) {
      route.agencyId = agency.id;
      route.pending = [];
      joinQueue(ctx, currentFlow(ctx), agency);
      return null;
    }
    const skipped = !agency.open ? "skipped-closed" : reachableStaff(agency).length === 0 ? "skipped-no-staff" : null;
    if (skipped) {
      ctx.effects.push({ type: "routing", agencyCode: code, agencyId: agency.id, decision: skipped });
      code = agency.fallbackCode;
      continue;
    }
    route.agencyId = agency.id;
    route.pending = reachableStaff(agency).map((s) => s.id);
    return dial(ctx, node, agency);
  }
  ctx.state.noOneOnDuty = !route.rang;
  if (!route.rang) ctx.effects.push({ type: "termination", reason: "no_one_on_duty" });
  ctx.state.route = null;
  return node.unanswered;
}

function dial(ctx: Ctx, node: RouteNode, agency: AgencySnapshot): string | null {
  const route = ctx.state.route;
  if (!route) throw new FlowError("route state lost");
  const staff = new Map(reachableStaff(agency).map((s) => [s.id, s]));
  // Staff who went off duty since the route started are not rung.
  const pending = route.pending.filter((id) => staff.has(id));
  const batch: StaffSnapshot[] = [];
  let nouns = 0;
  for (const id of pending) {
    const member = staff.get(id) as StaffSnapshot;
    const count = (member.phone ? 1 : 0) + (member.clientIdentity ? 1 : 0);
    if (batch.length > 0 && (agency.ringStrategy === "sequential" || nouns + count > MAX_DIAL_NOUNS)) break;
    batch.push(member);
    nouns += count;
  }
  if (batch.length === 0) return tryChain(ctx, node, agency.fallbackCode);
  route.pending = pending.slice(batch.length);
  route.dialing = batch.map((s) => s.id);
  route.rang = true;
  ctx.effects.push({ type: "routing", agencyCode: agency.code, agencyId: agency.id, decision: "dialing", staffIds: route.dialing });
  ctx.actions.push({
    type: "dial",
    agencyId: agency.id,
    topic: ctx.state.topic?.label ?? "",
    topicId: ctx.state.topic?.id ?? null,
    targets: batch.map(target),
    timeoutSeconds: agency.ringTimeoutSeconds,
    record: true,
  });
  ctx.state.waiting = "dial";
  return null;
}

function reachableStaff(agency: AgencySnapshot): StaffSnapshot[] {
  return agency.staff.filter((s) => Boolean(s.phone) || Boolean(s.clientIdentity));
}

function target(member: StaffSnapshot): DialTarget {
  return {
    staffId: member.id,
    ...(member.phone ? { phone: member.phone } : {}),
    ...(member.clientIdentity ? { clientIdentity: member.clientIdentity } : {}),
  };
}
