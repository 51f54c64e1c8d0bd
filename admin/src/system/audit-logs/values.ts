// An audit entry's field names and values in words: codes through the console's own translations of
// the same enums, yes/no for booleans, "(trống)" for nothing, dates as officials write them. Nested
// records (hours, filters) become "name: value" lines. Unknown fields get a humanised name.
import type { useTranslate } from "react-admin";

type Translate = ReturnType<typeof useTranslate>;

/** Where the words for a field's codes live; "status" depends on what the entry is about. */
const CODE_PREFIXES: Record<string, string> = {
  kind: "tthc.kinds",
  ringStrategy: "tthc.routing.ring_strategies",
  roles: "tthc.roles",
  provider: "tthc.sms.providers",
  termination: "tthc.calls.terminations",
  consentStatus: "tthc.contacts.consent",
  consent: "tthc.contacts.consent",
  reason: "tthc.audit.reasons",
  staff: "tthc.audit.staff_choices",
};
const STATUS_PREFIXES: Record<string, string> = {
  campaigns: "tthc.campaigns.statuses",
  "callback-requests": "tthc.calls.callback_statuses",
  calls: "tthc.calls.call_statuses",
};

/** Fields whose codes mean something else on one resource: a case's state and kind (question, complaint…). */
const RESOURCE_PREFIXES: Record<string, Record<string, string>> = {
  cases: { state: "tthc.cases.states", kind: "tthc.cases.kinds" },
};

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = new Intl.DateTimeFormat("vi-VN", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "Asia/Ho_Chi_Minh",
});

/** "approvedById" → "Approved by id": the last resort for a field nobody named yet. */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldLabel(translate: Translate, resource: string, key: string): string {
  return translate(`resources.${resource}.fields.${key}`, {
    _: translate(`tthc.audit.fields.${key}`, { _: humanise(key) }),
  });
}

export function formatValue(translate: Translate, resource: string, key: string, value: unknown): string {
  if (value === undefined) return "";
  if (value === null || value === "") return translate("tthc.audit.empty");
  if (typeof value === "boolean") return translate(value ? "tthc.audit.yes" : "tthc.audit.no");
  if (typeof value === "number") return value.toLocaleString("vi-VN");
  if (Array.isArray(value)) {
    return value.length === 0 ? translate("tthc.audit.empty") : value.map((item) => formatValue(translate, resource, key, item)).join(", ");
  }
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([inner, v]) => `${fieldLabel(translate, resource, inner)}: ${formatValue(translate, resource, inner, v)}`)
      .join("\n");
  }
  const text = String(value);
  if (ISO_DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))) return DATE_TIME.format(new Date(text));
  const date = ISO_DATE.exec(text);
  if (date) return `${date[3]}/${date[2]}/${date[1]}`;
  const prefix = RESOURCE_PREFIXES[resource]?.[key] ?? (key === "status" ? STATUS_PREFIXES[resource] : CODE_PREFIXES[key]);
  return prefix ? translate(`${prefix}.${text}`, { _: text }) : text;
}
