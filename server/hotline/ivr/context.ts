// The working set of one interpreter step, shared by the node handlers.
import type { Bundle, Flow } from "./flow.js";
import { resolvePrompt } from "./prompts.js";
import type { Action, CallState, Effect, IvrEnv, ResolvedPrompt } from "./types.js";

export interface Ctx {
  bundle: Bundle;
  env: IvrEnv;
  /** A copy of the incoming state, changed in place during the step. */
  state: CallState;
  actions: Action[];
  effects: Effect[];
}

export function prompt(ctx: Ctx, flow: Flow, id: string): ResolvedPrompt {
  return resolvePrompt(flow, id, ctx.state.language);
}

export function say(ctx: Ctx, flow: Flow, id: string | undefined): void {
  if (id) ctx.actions.push({ type: "say", prompt: prompt(ctx, flow, id) });
}

export function setTopic(ctx: Ctx, flow: Flow, topic: string): void {
  if (ctx.state.topic?.id === topic) return;
  const label = flow.topics?.[topic] ?? topic;
  ctx.state.topic = { id: topic, label };
  ctx.effects.push({ type: "topic", topic, label });
}
