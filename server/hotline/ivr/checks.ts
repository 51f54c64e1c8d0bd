// Semantic checks of one flow that need no graph walk: references to nodes, flows, prompts and
// topics; menu options; prompts in every declared language; a voice for every spoken language.
import {
  edgesOf,
  type Flow,
  type FlowNode,
  LOOKUP_PLACEHOLDERS,
  type LookupNode,
  promptsOf,
  QUEUE_PLACEHOLDERS,
  type QueuePrompts,
  resolveRef,
} from "./flow.js";
import type { Problem } from "./parse.js";

export function checkFlow(file: string, flow: Flow, flows: ReadonlyMap<string, Flow>): Problem[] {
  const problems: Problem[] = [];
  const at = (node: string | undefined, message: string) => problems.push({ file, ...(node ? { node } : {}), message });

  if (!flow.nodes[flow.start]) at(undefined, `start: unknown node "${flow.start}"`);
  if (flow.errorPrompt && !flow.prompts[flow.errorPrompt]) at(undefined, `errorPrompt: unknown prompt "${flow.errorPrompt}"`);
  problems.push(...checkQueuePrompts(file, flow));

  for (const [id, node] of Object.entries(flow.nodes)) {
    for (const { field, ref } of edgesOf(node)) {
      const target = resolveRef(flow.id, ref);
      const targetFlow = flows.get(target.flow);
      if (!targetFlow) at(id, `${field}: unknown flow "${target.flow}" in "${ref}"`);
      else if (!targetFlow.nodes[target.node]) {
        at(id, `${field}: unknown node "${target.node}"${target.flow === flow.id ? "" : ` in flow "${target.flow}"`}`);
      }
    }
    for (const { field, prompt } of promptsOf(node)) {
      if (!flow.prompts[prompt]) at(id, `${field}: unknown prompt "${prompt}"`);
    }
    for (const { field, topic } of topicsOf(node)) {
      if (!flow.topics?.[topic]) at(id, `${field}: unknown topic "${topic}" (declare it under topics)`);
    }
    if (node.kind === "menu") {
      for (const [key, option] of Object.entries(node.options)) {
        if (Boolean(option.next) === Boolean(option.repeat)) at(id, `options.${key}: needs either next or repeat: true`);
        if (option.language && !flow.languages.includes(option.language)) {
          at(id, `options.${key}.language: "${option.language}" is not one of the flow's languages`);
        }
      }
    }
    if (node.kind === "input") {
      const pin = node.lookup === "staff_presence_pin";
      if (pin && (!node.availablePrompt || !node.awayPrompt)) at(id, "staff_presence_pin needs availablePrompt and awayPrompt");
      if (!pin && (node.availablePrompt || node.awayPrompt)) at(id, "availablePrompt and awayPrompt are for lookup staff_presence_pin");
    }
    if (node.kind === "lookup") problems.push(...checkFoundPrompt(file, id, flow, node));
    if (node.kind === "route" && node.queue === true && !flow.queue) {
      at(id, "queue: true needs the flow's queue prompts (declare queue: { joined, position, expectedWait, offer, callbackConfirmed })");
    }
    if (node.kind === "survey") {
      const ids = node.questions.map((q) => q.id);
      for (const dup of ids.filter((q, i) => ids.indexOf(q) !== i)) at(id, `questions: question id "${dup}" is used twice`);
    }
  }
  problems.push(...checkLanguages(file, flow));
  return problems;
}

/** The queue's prompts exist, and their texts carry the placeholder the interpreter fills in (and no other). */
function checkQueuePrompts(file: string, flow: Flow): Problem[] {
  if (!flow.queue) return [];
  const problems: Problem[] = [];
  for (const [field, placeholder] of Object.entries(QUEUE_PLACEHOLDERS) as [keyof QueuePrompts, string | null][]) {
    const id = flow.queue[field];
    const versions = flow.prompts[id];
    if (!versions) {
      problems.push({ file, message: `queue.${field}: unknown prompt "${id}"` });
      continue;
    }
    for (const [language, version] of Object.entries(versions)) {
      if (typeof version !== "string") continue;
      const used: string[] = version.match(/\{[a-z_]+\}/g) ?? [];
      if (placeholder && !used.includes(placeholder)) {
        problems.push({ file, message: `queue.${field}: the "${language}" text of prompt "${id}" must say ${placeholder}` });
      }
      for (const other of used.filter((p) => p !== placeholder)) {
        problems.push({ file, message: `queue.${field}: prompt "${id}" uses ${other}, which is not filled in here` });
      }
    }
  }
  return problems;
}

/** A lookup's foundPrompt may say {code}, {state} and {date}, and no placeholder the interpreter would leave unsaid. */
function checkFoundPrompt(file: string, node: string, flow: Flow, lookup: LookupNode): Problem[] {
  const allowed: readonly string[] = LOOKUP_PLACEHOLDERS;
  return Object.entries(flow.prompts[lookup.foundPrompt] ?? {}).flatMap(([language, version]) => {
    if (typeof version !== "string") return [];
    const unknown = (version.match(/\{[a-z_]+\}/g) ?? []).filter((p) => !allowed.includes(p));
    return unknown.map((p) => ({
      file,
      node,
      message: `foundPrompt: the "${language}" text of prompt "${lookup.foundPrompt}" uses ${p}; a lookup fills in ${LOOKUP_PLACEHOLDERS.join(", ")}`,
    }));
  });
}

function topicsOf(node: FlowNode): { field: string; topic: string }[] {
  if (node.kind === "route") return node.topic ? [{ field: "topic", topic: node.topic }] : [];
  if (node.kind !== "menu") return [];
  return Object.entries(node.options).flatMap(([key, o]) => (o.topic ? [{ field: `options.${key}.topic`, topic: o.topic }] : []));
}

function checkLanguages(file: string, flow: Flow): Problem[] {
  const problems: Problem[] = [];
  const users = promptUsers(flow);
  const spoken = new Set<string>();
  for (const [prompt, versions] of Object.entries(flow.prompts)) {
    const user = users.get(prompt);
    const node = user ? { node: user[0] } : {};
    const usedBy = user ? ` (used by ${user.join(", ")})` : "";
    for (const language of flow.languages) {
      if (versions[language] === undefined) {
        problems.push({
          file,
          ...node,
          message: `prompt "${prompt}"${usedBy} has no "${language}" version, but "${language}" is declared in languages`,
        });
      }
    }
    for (const [language, version] of Object.entries(versions)) {
      if (!flow.languages.includes(language)) {
        problems.push({
          file,
          ...node,
          message: `prompt "${prompt}" has a "${language}" version, but "${language}" is not declared in languages`,
        });
      }
      if (typeof version === "string") spoken.add(language);
    }
  }
  for (const language of flow.languages) {
    if (spoken.has(language) && !flow.voices[language]) {
      problems.push({ file, message: `voices: language "${language}" has text prompts but no voice` });
    }
  }
  for (const language of Object.keys(flow.voices)) {
    if (!flow.languages.includes(language)) problems.push({ file, message: `voices: "${language}" is not declared in languages` });
  }
  return problems;
}

/** Prompt id → nodes using it, in declaration order (the error prompt counts as no node). */
function promptUsers(flow: Flow): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const [id, node] of Object.entries(flow.nodes)) {
    for (const { prompt } of promptsOf(node)) {
      const list = users.get(prompt) ?? [];
      if (!list.includes(id)) list.push(id);
      users.set(prompt, list);
    }
  }
  return users;
}
