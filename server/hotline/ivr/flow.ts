// The IVR flow format: what a reviewed file in ivr-flows/ contains once it passed the schema
// (ivr-flows/flow.schema.json) and the semantic checks of validate.ts. Kept as plain JSON data so a
// published bundle can be stored as is and served to calls unchanged.
import type { StatusLookupName } from "../status-lookup/adapter.js";

/** Text spoken by the language's voice, or a recorded audio file. */
export type PromptVersion = string | { play: string };

export interface Voice {
  /** Twilio voice, e.g. Google.vi-VN-Standard-A. */
  voice: string;
  /** BCP-47 tag for <Say> and <Gather>, e.g. vi-VN. */
  language: string;
}

export interface SayNode {
  kind: "say";
  prompt: string;
  next: string;
}

export interface MenuOption {
  next?: string;
  repeat?: true;
  topic?: string;
  language?: string;
}

export interface MenuNode {
  kind: "menu";
  prompt: string;
  options: Record<string, MenuOption>;
  onFailure: string;
  timeoutSeconds?: number;
  attempts?: number;
  noInputPrompt?: string;
  invalidPrompt?: string;
}

/**
 * What an input node looks up: agency_dial_code, a commune or ward by its dial code (the routing
 * snapshot); staff_presence_pin, a staff member by caller ID plus PIN, which toggles their presence
 * (available ↔ away). The PIN needs the database and argon2, so the webhook layer checks it before
 * calling the interpreter and hands the result in the gather event (IvrEvent.presencePin): the
 * interpreter stays pure and only decides what to say and where to go.
 */
export type InputLookup = "agency_dial_code" | "staff_presence_pin";

export interface InputNode {
  kind: "input";
  prompt: string;
  maxDigits: number;
  lookup: InputLookup;
  found: string;
  /** staff_presence_pin: said once the staff member is available again, or away. */
  availablePrompt?: string;
  awayPrompt?: string;
  onFailure: string;
  finishOnKey?: "#" | "*";
  timeoutSeconds?: number;
  attempts?: number;
  noInputPrompt?: string;
  invalidPrompt?: string;
}

/**
 * Case status by phone: the caller keys a reference, the webhook layer asks the named status adapter
 * (server/hotline/status-lookup/) before the interpreter runs and hands the answer in the gather
 * event (IvrEvent.lookup). Found: foundPrompt with {code} (read digit by digit), {state} and {date}
 * filled in, the owning agency becomes the selected one ($selected), then `found`. Not found or
 * silence: the re-prompt and the question again; after `attempts`, onFailure.
 */
export interface LookupNode {
  kind: "lookup";
  lookup: StatusLookupName;
  prompt: string;
  maxDigits: number;
  finishOnKey?: "#" | "*";
  timeoutSeconds?: number;
  attempts?: number;
  noInputPrompt?: string;
  invalidPrompt?: string;
  foundPrompt: string;
  found: string;
  onFailure: string;
}

/** What a lookup node's foundPrompt may say; each is filled in from the adapter's answer. */
export const LOOKUP_PLACEHOLDERS = ["{code}", "{state}", "{date}"] as const;

export interface HoursNode {
  kind: "hours";
  agency: string;
  open: string;
  closed: string;
}

export interface RouteNode {
  kind: "route";
  /** Agency code, or SELECTED_AGENCY for the one chosen by an input node or found by a lookup node. */
  agency: string;
  topic?: string;
  prompt?: string;
  answered: string;
  unanswered: string;
  /**
   * Whether a caller may wait in the agency's queue when its staff are busy (the agency's queue
   * settings decide the rest). Default: true when the flow declares its queue prompts.
   */
  queue?: boolean;
}

export interface VoicemailNode {
  kind: "voicemail";
  prompt: string;
  maxLengthSeconds: number;
  agency?: string;
  next: string;
}

export interface SurveyQuestion {
  id: string;
  prompt: string;
  answers: Record<string, number>;
}

export interface SurveyNode {
  kind: "survey";
  intro?: string;
  questions: SurveyQuestion[];
  timeoutSeconds?: number;
  noInputPrompt?: string;
  invalidPrompt?: string;
  next: string;
}

export interface GotoNode {
  kind: "goto";
  target: string;
}

export interface HangupNode {
  kind: "hangup";
  prompt?: string;
}

export type FlowNode = (
  | SayNode
  | MenuNode
  | InputNode
  | LookupNode
  | HoursNode
  | RouteNode
  | VoicemailNode
  | SurveyNode
  | GotoNode
  | HangupNode
) & {
  /** What the step is in words ("Menu chính"), for the call timeline and the diagram; ids are for files. */
  title?: string;
};
export type NodeKind = FlowNode["kind"];

/**
 * What a waiting caller hears, prompt ids of the flow. Texts may hold placeholders the interpreter
 * fills in: {position} in `position`, {minutes} in `expectedWait`.
 */
export interface QueuePrompts {
  /** Once, on joining the line. */
  joined: string;
  /** Every turn of the wait loop: "… vị trí số {position}". */
  position: string;
  /** After the position, only when recent answered waits make an estimate meaningful. */
  expectedWait: string;
  /** The offer to be called back (key 1). */
  offer: string;
  /** After key 1: the request is recorded; then the call ends. */
  callbackConfirmed: string;
}

export const QUEUE_PLACEHOLDERS: Record<keyof QueuePrompts, string | null> = {
  joined: null,
  position: "{position}",
  expectedWait: "{minutes}",
  offer: null,
  callbackConfirmed: null,
};

/** The key that turns a wait into a callback request. */
export const CALLBACK_KEY = "1";

export interface Flow {
  id: string;
  name: string;
  /** The first one is the default. */
  languages: string[];
  voices: Record<string, Voice>;
  start: string;
  errorPrompt?: string;
  topics?: Record<string, string>;
  /** Prompts of the wait in an agency's queue, for this flow's route nodes. */
  queue?: QueuePrompts;
  /** Prompt id → language → version. */
  prompts: Record<string, Record<string, PromptVersion>>;
  nodes: Record<string, FlowNode>;
}

/** All flows of ivr-flows/, validated together; `entry` is where calls start. */
export interface Bundle {
  entry: string;
  flows: Record<string, Flow>;
}

export const SELECTED_AGENCY = "$selected";

/** Defaults for the optional fields, chosen for elderly callers on basic phones. */
export const DEFAULTS = {
  menuTimeoutSeconds: 6,
  inputTimeoutSeconds: 8,
  surveyTimeoutSeconds: 6,
  attempts: 3,
  finishOnKey: "#",
  /** A survey question is asked at most this many times. */
  surveyTries: 2,
} as const;

/** A node reference resolved against the flow it appears in: "node" or "flow#node". */
export function resolveRef(fromFlow: string, ref: string): { flow: string; node: string } {
  const hash = ref.indexOf("#");
  return hash < 0 ? { flow: fromFlow, node: ref } : { flow: ref.slice(0, hash), node: ref.slice(hash + 1) };
}

/** Every edge leaving a node, with the field it comes from (a menu's repeat is not an edge). */
export function edgesOf(node: FlowNode): { field: string; ref: string }[] {
  switch (node.kind) {
    case "say":
    case "voicemail":
    case "survey":
      return [{ field: "next", ref: node.next }];
    case "menu":
      return [
        ...Object.entries(node.options).flatMap(([key, option]) =>
          option.next ? [{ field: `options.${key}.next`, ref: option.next }] : [],
        ),
        { field: "onFailure", ref: node.onFailure },
      ];
    case "input":
    case "lookup":
      return [
        { field: "found", ref: node.found },
        { field: "onFailure", ref: node.onFailure },
      ];
    case "hours":
      return [
        { field: "open", ref: node.open },
        { field: "closed", ref: node.closed },
      ];
    case "route":
      return [
        { field: "answered", ref: node.answered },
        { field: "unanswered", ref: node.unanswered },
      ];
    case "goto":
      return [{ field: "target", ref: node.target }];
    case "hangup":
      return [];
  }
}

/** Every prompt a node uses, with the field it comes from. */
export function promptsOf(node: FlowNode): { field: string; prompt: string }[] {
  const fields: [string, string | undefined][] = [];
  switch (node.kind) {
    case "say":
    case "voicemail":
      fields.push(["prompt", node.prompt]);
      break;
    case "menu":
      fields.push(["prompt", node.prompt], ["noInputPrompt", node.noInputPrompt], ["invalidPrompt", node.invalidPrompt]);
      break;
    case "input":
      fields.push(["prompt", node.prompt], ["noInputPrompt", node.noInputPrompt], ["invalidPrompt", node.invalidPrompt]);
      fields.push(["availablePrompt", node.availablePrompt], ["awayPrompt", node.awayPrompt]);
      break;
    case "lookup":
      fields.push(["prompt", node.prompt], ["noInputPrompt", node.noInputPrompt], ["invalidPrompt", node.invalidPrompt]);
      fields.push(["foundPrompt", node.foundPrompt]);
      break;
    case "route":
    case "hangup":
      fields.push(["prompt", node.prompt]);
      break;
    case "survey":
      fields.push(["intro", node.intro], ["noInputPrompt", node.noInputPrompt], ["invalidPrompt", node.invalidPrompt]);
      node.questions.forEach((q, i) => {
        fields.push([`questions.${i}.prompt`, q.prompt]);
      });
      break;
    case "hours":
    case "goto":
      break;
  }
  return fields.flatMap(([field, prompt]) => (prompt ? [{ field, prompt }] : []));
}

/** A route node may put the caller in a queue. */
export function routeQueues(flow: Flow, node: RouteNode): boolean {
  return Boolean(flow.queue) && node.queue !== false;
}

/** Nodes after which a call has left the automated part: a person, a message or the end. */
export function isExit(node: FlowNode): boolean {
  return node.kind === "route" || node.kind === "voicemail" || node.kind === "hangup";
}
