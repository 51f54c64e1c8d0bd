// Message templates: {{ten}}, {{xa}}, {{ ma_ho_so }} filled per contact, then the policy's label put
// in front and its opt-out instruction at the end (Decree 91: "[QC]" first, how to refuse last).

import { unaccentForSms } from "../../text/unaccent.js";
import type { SmsPolicy } from "../compliance/policy.js";

const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variables a body uses, each once, in order of first use. */
export function templateVariables(body: string): string[] {
  return [...new Set(Array.from(body.matchAll(VARIABLE), (match) => match[1] as string))];
}

/** Fills every {{name}}; a variable without a value becomes "" and is listed in `missing`. */
export function renderTemplate(body: string, vars: Record<string, string | null | undefined>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = body.replace(VARIABLE, (_, name: string) => {
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (value === null || value === undefined) {
      missing.add(name);
      return "";
    }
    return value;
  });
  return { text, missing: [...missing] };
}

/**
 * The message as sent: label, body, opt-out instruction, separated by single spaces, converted to
 * unaccented text when asked. A body that already starts with the label or ends with the opt-out
 * text does not get them twice.
 */
export function composeMessage(rendered: string, policy: SmsPolicy, options: { unaccented: boolean }): string {
  const label = policy.label.trim();
  const optOut = policy.optOutText.trim();
  const body = rendered.trim();
  const parts = [
    label && !body.toLowerCase().startsWith(label.toLowerCase()) ? label : "",
    body,
    optOut && !body.toLowerCase().endsWith(optOut.toLowerCase()) ? optOut : "",
  ].filter((part) => part !== "");
  const message = parts.join(" ");
  return options.unaccented ? unaccentForSms(message) : message;
}
