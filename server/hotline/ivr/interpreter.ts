// The IVR interpreter, pure and deterministic: (bundle, state, event, env) → (state, actions, effects).
// Each step runs nodes until one waits for the caller (gather), a dial, a recording, or the end.
// Anything it cannot make sense of gets the safe result: an apology and a hang-up.

import type { LookupResult } from "../status-lookup/adapter.js";
import { type Ctx, prompt, say, setTopic } from "./context.js";
import {
  type Bundle,
  DEFAULTS,
  type Flow,
  type FlowNode,
  type InputNode,
  type LookupNode,
  type MenuNode,
  resolveRef,
  type SurveyNode,
} from "./flow.js";
import { BUILTIN_APOLOGY, FlowError, fillPrompt, gatherLanguage, resolvePrompt } from "./prompts.js";
import { enterRoute, onDialEnded, onQueueTick, onTransfer } from "./routing.js";
import { spokenDate, spokenReference } from "./speech.js";
import type { CallState, IvrEnv, IvrEvent, PresencePinResult, ResolvedPrompt, StepResult } from "./types.js";

/** Nodes run in one step before the flow is declared looping (validation prevents it). */
const MAX_HOPS = 100;

export function step(bundle: Bundle, state: CallState | null, event: IvrEvent, env: IvrEnv): StepResult {
  if (event.type === "start") {
    const initial = initialState(bundle);
    const ctx = context(bundle, env, initial ?? emptyState(bundle));
    if (!initial) return safeResult(ctx, `no entry flow "${bundle.entry}"`);
    return attempt(ctx, () => run(ctx, { flow: initial.flow, node: initial.node }));
  }
  if (event.type === "callback-ended") return afterCallback(bundle, event, env);
  const known = isCallState(state);
  const ctx = context(bundle, env, known ? structuredClone(state) : emptyState(bundle));
  if (!known || !resumable(bundle, state)) return safeResult(ctx, `no call in progress for a ${event.type} event`);
  return attempt(ctx, () => resume(ctx, event));
}

/** The citizen called back hears the survey of the flow's answered calls, counted for who called them. */
function afterCallback(bundle: Bundle, event: Extract<IvrEvent, { type: "callback-ended" }>, env: IvrEnv): StepResult {
  const ctx = context(bundle, env, initialState(bundle) ?? emptyState(bundle));
  const target = answeredCallsContinue(bundle);
  if (!target) return safeResult(ctx, "the flow has no route whose answered calls go on to a survey");
  ctx.state.answered = { agencyId: event.agencyId, staffId: event.staffId };
  ctx.state.lastAgencyId = event.agencyId;
  return attempt(ctx, () => run(ctx, target));
}

/** Where the entry flow's first route sends answered calls (the survey, in the shipped flow). */
export function answeredCallsContinue(bundle: Bundle): { flow: string; node: string } | null {
  const flows = [bundle.flows[bundle.entry], ...Object.values(bundle.flows)];
  for (const flow of flows) {
    const route = flow ? Object.values(flow.nodes).find((node) => node.kind === "route") : undefined;
    if (flow && route?.kind === "route") return resolveRef(flow.id, route.answered);
  }
  return null;
}

/** The state of a call that has not run any node yet. */
export function initialState(bundle: Bundle): CallState | null {
  const flow = bundle.flows[bundle.entry];
  if (!flow) return null;
  return { ...emptyState(bundle), flow: flow.id, node: flow.start, language: flow.languages[0] ?? "vi" };
}

function emptyState(bundle: Bundle): CallState {
  return {
    v: 1,
    entry: bundle.entry,
    flow: bundle.entry,
    node: "",
    waiting: "done",
    language: "vi",
    failures: 0,
    topic: null,
    afterHours: false,
    selectedAgency: null,
    route: null,
    answered: null,
    survey: null,
    lastAgencyId: null,
    noOneOnDuty: false,
    queue: null,
  };
}

function context(bundle: Bundle, env: IvrEnv, state: CallState): Ctx {
  return { bundle, env, state, actions: [], effects: [] };
}

function attempt(ctx: Ctx, work: () => void): StepResult {
  try {
    work();
  } catch (error) {
    return safeResult(ctx, error instanceof Error ? error.message : String(error));
  }
  return { state: ctx.state, actions: ctx.actions, effects: ctx.effects };
}

function isCallState(state: unknown): state is CallState {
  return typeof state === "object" && state !== null && (state as { v?: unknown }).v === 1;
}

/** The state belongs to this flow version and waits for something at a node that exists. */
function resumable(bundle: Bundle, state: CallState): boolean {
  return state.entry === bundle.entry && state.waiting !== "done" && Boolean(bundle.flows[state.flow]?.nodes[state.node]);
}

function resume(ctx: Ctx, event: Exclude<IvrEvent, { type: "start" | "callback-ended" }>): void {
  const { flow, node } = current(ctx);
  const expected = { gather: "gather", dial: "dial-ended", record: "recorded", queue: "queue-tick", done: "" }[ctx.state.waiting];
  // A transfer comes while the caller talks to a staff member: the dial in progress.
  const transferring = event.type === "transfer" && ctx.state.waiting === "dial";
  if (event.type !== expected && !transferring)
    throw new FlowError(`${event.type} event while ${flow.id}#${ctx.state.node} waits for ${ctx.state.waiting}`);
  let next: string | null = null;
  if (event.type === "gather") {
    // A PIN is never stored: the timeline shows that something was entered, not what.
    const secret = node.kind === "input" && node.lookup === "staff_presence_pin" && event.digits !== "";
    ctx.effects.push({ type: "key", flow: flow.id, node: ctx.state.node, digits: secret ? "****" : event.digits });
    if (node.kind === "menu") next = onMenu(ctx, flow, node, event.digits);
    else if (node.kind === "input" && node.lookup === "staff_presence_pin")
      next = onPresencePin(ctx, flow, node, event.presencePin ?? null, event.digits);
    else if (node.kind === "input") next = onInput(ctx, flow, node, event.digits);
    else if (node.kind === "lookup") next = onLookup(ctx, flow, node, event.digits === "" ? null : (event.lookup ?? null), event.digits);
    else if (node.kind === "survey") next = onSurvey(ctx, flow, node, event.digits);
    else throw new FlowError(`gather at a ${node.kind} node`);
  } else if (event.type === "queue-tick") {
    if (node.kind !== "route") throw new FlowError(`queue turn at a ${node.kind} node`);
    if (event.digits !== "") ctx.effects.push({ type: "key", flow: flow.id, node: ctx.state.node, digits: event.digits });
    next = onQueueTick(ctx, node, event);
  } else if (event.type === "transfer") {
    if (node.kind !== "route") throw new FlowError(`transfer at a ${node.kind} node`);
    next = onTransfer(ctx, node, event);
  } else if (event.type === "dial-ended") {
    if (node.kind !== "route") throw new FlowError(`dial ended at a ${node.kind} node`);
    next = onDialEnded(ctx, node, event);
  } else {
    if (node.kind !== "voicemail") throw new FlowError(`recording ended at a ${node.kind} node`);
    const agencyId = (node.agency ? ctx.env.agency(node.agency)?.id : undefined) ?? ctx.state.lastAgencyId;
    ctx.effects.push({ type: "callback-request", agencyId, topic: ctx.state.topic?.id ?? null, recordingSeconds: event.durationSeconds });
    next = node.next;
  }
  if (next !== null) run(ctx, resolveRef(flow.id, next));
}

function current(ctx: Ctx): { flow: Flow; node: FlowNode } {
  const flow = ctx.bundle.flows[ctx.state.flow];
  const node = flow?.nodes[ctx.state.node];
  if (!flow || !node) throw new FlowError(`unknown node ${ctx.state.flow}#${ctx.state.node}`);
  return { flow, node };
}

/** Enters nodes until one waits. */
function run(ctx: Ctx, target: { flow: string; node: string }): void {
  let ref = target;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    ctx.state.flow = ref.flow;
    ctx.state.node = ref.node;
    const { flow, node } = current(ctx);
    if (!flow.languages.includes(ctx.state.language)) ctx.state.language = flow.languages[0] ?? ctx.state.language;
    ctx.effects.push({ type: "node", flow: flow.id, node: ref.node, kind: node.kind });
    const next = enter(ctx, flow, node);
    if (next === null) return;
    ref = resolveRef(flow.id, next);
  }
  throw new FlowError(`more than ${MAX_HOPS} nodes without waiting for the caller`);
}

/** Returns the next node, or null when the node waits for an event. */
function enter(ctx: Ctx, flow: Flow, node: FlowNode): string | null {
  switch (node.kind) {
    case "say":
      say(ctx, flow, node.prompt);
      return node.next;
    case "goto":
      return node.target;
    case "hours": {
      const agency = ctx.env.agency(node.agency);
      // An agency missing from the database counts as closed: the caller can still leave a message.
      if (!agency) ctx.effects.push({ type: "error", message: `hours: unknown agency "${node.agency}"` });
      const open = agency?.open ?? false;
      ctx.state.afterHours = !open;
      ctx.effects.push({ type: "hours", agencyCode: node.agency, agencyId: agency?.id ?? null, open });
      return open ? node.open : node.closed;
    }
    case "menu":
    case "input":
    case "lookup":
      ctx.state.failures = 0;
      ask(ctx, flow, node, [node.prompt]);
      return null;
    case "survey":
      ctx.state.survey = { question: 0, tries: 0 };
      return askQuestion(ctx, flow, node, node.intro ? [node.intro] : []);
    case "route":
      return enterRoute(ctx, flow, node);
    case "voicemail": {
      const reason = ctx.state.afterHours ? "after_hours_voicemail" : ctx.state.noOneOnDuty ? null : "voicemail";
      if (reason) ctx.effects.push({ type: "termination", reason });
      say(ctx, flow, node.prompt);
      ctx.actions.push({ type: "record", maxLengthSeconds: node.maxLengthSeconds });
      ctx.state.waiting = "record";
      return null;
    }
    case "hangup":
      say(ctx, flow, node.prompt);
      ctx.actions.push({ type: "hangup" });
      ctx.state.waiting = "done";
      return null;
  }
}

function ask(ctx: Ctx, flow: Flow, node: MenuNode | InputNode | LookupNode | SurveyNode, prompts: string[]): void {
  const resolved: ResolvedPrompt[] = prompts.map((id) => prompt(ctx, flow, id));
  const language = gatherLanguage(flow, ctx.state.language);
  const base = { type: "gather" as const, prompts: resolved, ...(language ? { language } : {}) };
  if (node.kind === "input" || node.kind === "lookup") {
    const timeoutSeconds = node.timeoutSeconds ?? DEFAULTS.inputTimeoutSeconds;
    ctx.actions.push({ ...base, timeoutSeconds, numDigits: node.maxDigits, finishOnKey: node.finishOnKey ?? DEFAULTS.finishOnKey });
  } else {
    const timeoutSeconds = node.timeoutSeconds ?? (node.kind === "menu" ? DEFAULTS.menuTimeoutSeconds : DEFAULTS.surveyTimeoutSeconds);
    // One key; no finish key, so "#" and "*" can be menu keys.
    ctx.actions.push({ ...base, timeoutSeconds, numDigits: 1, finishOnKey: "" });
  }
  ctx.state.waiting = "gather";
}

/** Silence or a wrong key: the matching re-prompt and the question again, or onFailure after `attempts`. */
function retry(ctx: Ctx, flow: Flow, node: MenuNode | InputNode | LookupNode, digits: string): string | null {
  ctx.state.failures += 1;
  if (ctx.state.failures >= (node.attempts ?? DEFAULTS.attempts)) return node.onFailure;
  const reprompt = digits === "" ? node.noInputPrompt : node.invalidPrompt;
  ask(ctx, flow, node, reprompt ? [reprompt, node.prompt] : [node.prompt]);
  return null;
}

function onMenu(ctx: Ctx, flow: Flow, node: MenuNode, digits: string): string | null {
  const option = Object.hasOwn(node.options, digits) ? node.options[digits] : undefined;
  if (!option) return retry(ctx, flow, node, digits);
  if (option.repeat) {
    ask(ctx, flow, node, [node.prompt]);
    return null;
  }
  if (option.topic) setTopic(ctx, flow, option.topic);
  if (option.language) ctx.state.language = option.language;
  return option.next ?? null;
}

function onInput(ctx: Ctx, flow: Flow, node: InputNode, digits: string): string | null {
  const agency = digits === "" ? undefined : ctx.env.agencyByDialCode(digits);
  if (!agency) return retry(ctx, flow, node, digits);
  ctx.state.selectedAgency = agency.code;
  ctx.effects.push({ type: "agency-selected", agencyCode: agency.code, agencyId: agency.id, digits });
  return node.found;
}

/**
 * The staff member's PIN, as the webhook layer checked it: the toggle and the new state said, or a
 * retry. A wrong PIN and an unknown number sound the same (the invalid prompt), so nothing tells a
 * caller whether their number is registered; after `attempts`, onFailure.
 */
function onPresencePin(ctx: Ctx, flow: Flow, node: InputNode, result: PresencePinResult | null, digits: string): string | null {
  if (!result) return retry(ctx, flow, node, digits);
  ctx.effects.push({ type: "presence-toggle", staffId: result.staffId, state: result.state });
  say(ctx, flow, result.state === "available" ? node.availablePrompt : node.awayPrompt);
  return node.found;
}

/**
 * A status look-up, as the webhook layer resolved it: the reference read back with its state and date,
 * and its owning agency selected for a route to $selected; or a retry. An unknown reference and a
 * source that did not answer in time sound the same; after `attempts`, onFailure (a person).
 */
function onLookup(ctx: Ctx, flow: Flow, node: LookupNode, result: LookupResult | null, digits: string): string | null {
  if (!result) return retry(ctx, flow, node, digits);
  ctx.effects.push({
    type: "status-found",
    lookup: node.lookup,
    reference: result.reference,
    stateLabel: result.stateLabel,
    agencyCode: result.agencyCode,
  });
  // A code chosen earlier in the call (a commune) must not stand in for the reference's owner.
  ctx.state.selectedAgency = result.agencyCode;
  const values = { code: spokenReference(result.reference), state: result.stateLabel, date: spokenDate(result.expectedDate) };
  ctx.actions.push({ type: "say", prompt: fillPrompt(prompt(ctx, flow, node.foundPrompt), values) });
  return node.found;
}

function onSurvey(ctx: Ctx, flow: Flow, node: SurveyNode, digits: string): string | null {
  const survey = ctx.state.survey;
  const question = survey ? node.questions[survey.question] : undefined;
  if (!survey || !question) throw new FlowError(`survey ${flow.id}#${ctx.state.node} has no current question`);
  if (Object.hasOwn(question.answers, digits)) {
    ctx.effects.push({ type: "survey-answer", survey: ctx.state.node, question: question.id, value: question.answers[digits] as number });
  } else if (survey.tries + 1 < DEFAULTS.surveyTries) {
    survey.tries += 1;
    const reprompt = digits === "" ? node.noInputPrompt : node.invalidPrompt;
    return askQuestion(ctx, flow, node, reprompt ? [reprompt] : []);
  }
  // Answered, or asked enough times: the question is skipped without an answer.
  survey.question += 1;
  survey.tries = 0;
  return askQuestion(ctx, flow, node, []);
}

function askQuestion(ctx: Ctx, flow: Flow, node: SurveyNode, before: string[]): string | null {
  const question = ctx.state.survey ? node.questions[ctx.state.survey.question] : undefined;
  if (!question) {
    ctx.state.survey = null;
    return node.next;
  }
  ask(ctx, flow, node, [...before, question.prompt]);
  return null;
}

function safeResult(ctx: Ctx, message: string): StepResult {
  const entry = ctx.bundle.flows[ctx.bundle.entry];
  let apology = BUILTIN_APOLOGY;
  try {
    if (entry?.errorPrompt) apology = resolvePrompt(entry, entry.errorPrompt, ctx.state.language);
  } catch {
    // The built-in apology it is.
  }
  return {
    state: { ...ctx.state, waiting: "done", route: null, survey: null, queue: null },
    actions: [{ type: "say", prompt: apology }, { type: "hangup" }],
    effects: [...ctx.effects, { type: "error", message }],
  };
}
