// A call's timeline for the console, derived from its append-only events: one item per effect the
// interpreter produced, plus one for each webhook that carries news of its own (status, recording,
// whisper acceptance). Items are typed with plain parameters so the console translates them; the
// English `text` is for other API clients and logs. Pure: names are looked up by the caller.
import type { Effect } from "../ivr/types.js";

export interface TimelineEvent {
  id: number;
  kind: string;
  at: Date;
  data: unknown;
}

export type TimelineParams = Record<string, string | number | boolean | null>;

export interface TimelineItem {
  at: Date;
  /** The webhook that produced it: incoming, gather, dial, record, whisper-accept, status, recording. */
  event: string;
  /** What happened: incoming, node, key, topic, hours, agency-selected, routing, survey-answer, callback-request(-queue), status-found, presence-toggle, queue-joined, queue-position, queue-connecting, queue-returned, queue-left, transferred, termination, error, whisper-accept, status, recording, degraded. */
  type: string;
  params: TimelineParams;
  text: string;
}

export interface NameLookup {
  agency(id: number | null | undefined): string | null;
  staff(id: number | null | undefined): string | null;
  /** The node's title in the flow version that served the call, if it has one. */
  node(flow: string, node: string): string | null;
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

function effectItem(effect: Effect, names: NameLookup): Omit<TimelineItem, "at" | "event"> | null {
  switch (effect.type) {
    case "node":
      return {
        type: "node",
        params: { flow: effect.flow, node: effect.node, kind: effect.kind, title: names.node(effect.flow, effect.node) },
        text: `Entered ${effect.flow}/${effect.node} (${effect.kind})`,
      };
    case "key":
      return {
        type: "key",
        params: { node: effect.node, digits: effect.digits },
        text: effect.digits === "" ? `No key pressed at ${effect.node}` : `Pressed ${effect.digits} at ${effect.node}`,
      };
    case "topic":
      return { type: "topic", params: { topic: effect.topic, label: effect.label }, text: `Topic: ${effect.label}` };
    case "hours": {
      const agency = names.agency(effect.agencyId) ?? effect.agencyCode;
      return { type: "hours", params: { agency, open: effect.open }, text: `${agency} is ${effect.open ? "open" : "closed"}` };
    }
    case "agency-selected": {
      const agency = names.agency(effect.agencyId) ?? effect.agencyCode;
      return { type: "agency-selected", params: { agency, digits: effect.digits }, text: `Selected ${agency} (${effect.digits})` };
    }
    case "routing": {
      const agency = names.agency(effect.agencyId) ?? effect.agencyCode;
      const staff = [...(effect.staffIds ?? []), ...(effect.staffId ? [effect.staffId] : [])]
        .map((id) => names.staff(id) ?? `#${id}`)
        .join(", ");
      return {
        type: "routing",
        params: {
          agency,
          agencyId: effect.agencyId,
          decision: effect.decision,
          staff: staff || null,
          dialStatus: effect.dialStatus ?? null,
          durationSeconds: effect.durationSeconds ?? null,
        },
        text: `${agency}: ${effect.decision}${staff ? ` (${staff})` : ""}`,
      };
    }
    case "survey-answer":
      return {
        type: "survey-answer",
        params: { question: effect.question, value: effect.value },
        text: `Survey ${effect.question}: ${effect.value}`,
      };
    case "callback-request": {
      const agency = names.agency(effect.agencyId);
      if (effect.inQueue) {
        return {
          type: "callback-request-queue",
          params: { agency },
          text: `Callback chosen while waiting${agency ? ` for ${agency}` : ""}`,
        };
      }
      return {
        type: "callback-request",
        params: { agency, recordingSeconds: effect.recordingSeconds },
        text: `Callback requested${agency ? ` from ${agency}` : ""} (${effect.recordingSeconds}s message)`,
      };
    }
    case "status-found":
      return {
        type: "status-found",
        params: { reference: effect.reference, state: effect.stateLabel },
        text: `Looked up ${effect.reference}: ${effect.stateLabel}`,
      };
    case "presence-toggle": {
      const staff = names.staff(effect.staffId);
      return { type: "presence-toggle", params: { staff, state: effect.state }, text: `${staff ?? "Staff"} set ${effect.state} by phone` };
    }
    case "queue-joined": {
      const agency = names.agency(effect.agencyId) ?? effect.agencyCode;
      return { type: "queue-joined", params: { agency }, text: `Waiting in ${agency}'s queue` };
    }
    case "queue-position": {
      const minutes = effect.expectedWaitSeconds === null ? null : Math.max(1, Math.round(effect.expectedWaitSeconds / 60));
      return {
        type: "queue-position",
        params: { position: effect.position, minutes },
        text: `Heard position ${effect.position}${minutes === null ? "" : `, about ${minutes} min`}`,
      };
    }
    case "queue-connecting":
    case "queue-returned": {
      const staff = names.staff(effect.staffId) ?? `#${effect.staffId}`;
      return {
        type: effect.type,
        params: { staff },
        text: effect.type === "queue-connecting" ? `Connecting to ${staff} from the queue` : `${staff} did not answer: back in line`,
      };
    }
    case "queue-left":
      return {
        type: "queue-left",
        params: { outcome: effect.outcome, seconds: effect.waitedSeconds ?? null },
        text: `Left the queue: ${effect.outcome}`,
      };
    case "transferred": {
      const staff = names.staff(effect.fromStaffId) ?? `#${effect.fromStaffId}`;
      const agency = names.agency(effect.agencyId) ?? effect.agencyCode;
      return { type: "transferred", params: { staff, agency }, text: `${staff} transferred the call to ${agency}` };
    }
    case "termination":
      return { type: "termination", params: { reason: effect.reason }, text: `Outcome: ${effect.reason}` };
    case "error":
      return { type: "error", params: { message: effect.message }, text: `Error: ${effect.message}` };
    default:
      return null;
  }
}

/** What a webhook says by itself, beyond the effects it carries. */
function eventItem(event: TimelineEvent, data: Record<string, unknown>, names: NameLookup): Omit<TimelineItem, "at" | "event"> | null {
  switch (event.kind) {
    case "incoming":
      return { type: "incoming", params: {}, text: "Call received" };
    case "whisper-accept": {
      const staff = names.staff(typeof data.staffId === "number" ? data.staffId : null);
      return { type: "whisper-accept", params: { staff }, text: `Accepted by ${staff ?? "staff"}` };
    }
    case "degraded": {
      // A webhook answered without the database (server/hotline/voice/degraded/), written here on its return.
      const webhook = str(data.webhook) ?? "webhook";
      const answer = str(data.answer) ?? "none";
      return {
        type: "degraded",
        params: { webhook, answer, reason: str(data.reason) },
        text: `Answered without the database at ${webhook}: ${answer}`,
      };
    }
    case "status": {
      const status = str(data.CallStatus);
      return status ? { type: "status", params: { status }, text: `Call status: ${status}` } : null;
    }
    case "recording": {
      const status = str(data.RecordingStatus) ?? str(data.status);
      return status ? { type: "recording", params: { status }, text: `Recording ${status}` } : null;
    }
    default:
      return null;
  }
}

export function buildTimeline(events: readonly TimelineEvent[], names: NameLookup): TimelineItem[] {
  const items: TimelineItem[] = [];
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
  for (const event of sorted) {
    const data = record(event.data);
    const own = eventItem(event, data, names);
    if (own) items.push({ at: event.at, event: event.kind, ...own });
    const effects = Array.isArray(data.effects) ? (data.effects as Effect[]) : [];
    for (const effect of effects) {
      if (!effect || typeof effect !== "object") continue;
      const item = effectItem(effect, names);
      if (item) items.push({ at: event.at, event: event.kind, ...item });
    }
  }
  return items;
}

/** Agency and staff ids the effects mention, so the caller can fetch their names in one query each. */
export function referencedIds(events: readonly TimelineEvent[]): { agencies: number[]; staff: number[] } {
  const agencies = new Set<number>();
  const staff = new Set<number>();
  for (const event of events) {
    const data = record(event.data);
    if (event.kind === "whisper-accept" && typeof data.staffId === "number") staff.add(data.staffId);
    for (const effect of Array.isArray(data.effects) ? (data.effects as Effect[]) : []) {
      if (!effect || typeof effect !== "object") continue;
      if ("agencyId" in effect && typeof effect.agencyId === "number") agencies.add(effect.agencyId);
      if (effect.type === "routing") {
        for (const id of effect.staffIds ?? []) staff.add(id);
        if (effect.staffId) staff.add(effect.staffId);
      }
      if (effect.type === "presence-toggle" && typeof effect.staffId === "number") staff.add(effect.staffId);
      if (effect.type === "transferred" && typeof effect.fromStaffId === "number") staff.add(effect.fromStaffId);
    }
  }
  return { agencies: [...agencies], staff: [...staff] };
}

/** Whether the call reached a survey node of the flow: the keypad survey was offered to the caller. */
export function enteredSurvey(timeline: readonly TimelineItem[]): boolean {
  return timeline.some((item) => item.type === "node" && item.params.kind === "survey");
}
