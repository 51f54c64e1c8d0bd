// Prompt resolution (prompt id + call language → text with its voice, or an audio file) and the
// built-in Vietnamese texts used when no flow can be trusted.
import type { Flow } from "./flow.js";
import type { ResolvedPrompt } from "./types.js";

export const DEFAULT_VOICE = { voice: "Google.vi-VN-Standard-A", language: "vi-VN" };

export const BUILTIN_APOLOGY: ResolvedPrompt = {
  say: "Xin lỗi, hệ thống đang gặp sự cố. Xin ông bà vui lòng gọi lại sau.",
  ...DEFAULT_VOICE,
};

/** What staff hear before the call is connected; no key → the call is not connected. */
export function whisperPrompt(topicLabel: string): ResolvedPrompt {
  const about = topicLabel.trim() ? ` về ${topicLabel.trim()}` : "";
  return { say: `Cuộc gọi từ Tổng đài TTHC${about}, nhấn phím 1 để nhận cuộc gọi.`, ...DEFAULT_VOICE };
}

/** Heard by the caller when a staff member passes the call on (cold transfer): short, then the new agency's routing. */
export function transferPrompt(agencyName: string): ResolvedPrompt {
  return { say: `Cuộc gọi của ông bà đang được chuyển đến ${agencyName.trim()}. Xin vui lòng giữ máy.`, ...DEFAULT_VOICE };
}

export const ACCEPTED_PROMPT: ResolvedPrompt = { say: "Đang kết nối.", ...DEFAULT_VOICE };

/** Raised when a (validated) flow is used in a way it cannot answer; the call gets the safe result. */
export class FlowError extends Error {}

export function resolvePrompt(flow: Flow, id: string, language: string): ResolvedPrompt {
  const versions = flow.prompts[id];
  const lang = versions?.[language] !== undefined ? language : (flow.languages[0] ?? language);
  const version = versions?.[lang];
  if (version === undefined) throw new FlowError(`prompt "${id}" missing in flow "${flow.id}"`);
  if (typeof version !== "string") return { play: version.play };
  const voice = flow.voices[lang];
  if (!voice) throw new FlowError(`no voice for "${lang}" in flow "${flow.id}"`);
  return { say: version, voice: voice.voice, language: voice.language };
}

/** A text prompt with its {placeholders} filled in; recorded audio is played as it is. */
export function fillPrompt(prompt: ResolvedPrompt, values: Record<string, string | number>): ResolvedPrompt {
  if ("play" in prompt) return prompt;
  return { ...prompt, say: prompt.say.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)) };
}

/** The language tag for <Gather language>, when the call's language has a voice. */
export function gatherLanguage(flow: Flow, language: string): string | undefined {
  return flow.voices[language]?.language;
}
