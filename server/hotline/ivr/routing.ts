// Route nodes, TaskRouter style: walk the agency → fallback chain, skip agencies that are closed or
// have nobody reachable on duty, ring staff all at once or one by one, and fall through to the
// route's `unanswered` node when the chain is exhausted.
import { type Ctx, say, setTopic } from "./context.js";
import { type Flow, type RouteNode, SELECTED_AGENCY } from "./flow.js";
import { FlowError } from "./prompts.js";
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
