// Staff presence (docs/queues.md): available, on a call, after-call work, away (with a reason) or
// offline. The rules are pure functions of the staff member's row; the I/O below applies one rule
// under the row's lock and stores every change as a presence_changes row (the occupancy and wrap-up
// figures are computed from those). The hotline calls these from its webhooks; the console from the
// staff routes. News travels up: whoever becomes available is announced after commit to the
// listeners registered with onStaffAvailable (the queue dispatcher), so this module imports nothing
// of the hotline.
import { MISSED_RINGS_REASON } from "../../contract/enums.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { PresenceState } from "../../generated/prisma/enums.js";
import type { Db } from "../../platform/db/client.js";

export type { PresenceState };

type Tx = Prisma.TransactionClient;

/** The reason the hotline gives when it sets someone away after rings let pass. */
export { MISSED_RINGS_REASON };
/** Rings let pass in a row that set a staff member away. */
export const MISSED_RINGS_LIMIT = 2;

/** What the rules read of a staff member. */
export interface PresenceView {
  presence: PresenceState;
  awayReason: string | null;
  missedRings: number;
  presenceCallId: number | null;
  wrapUpUntil: Date | null;
}

/** A change to apply: a new state (with its reason, call and wrap-up end) and/or a new missed-ring count. */
export interface Transition {
  state?: PresenceState;
  reason?: string | null;
  callId?: number | null;
  wrapUpUntil?: Date | null;
  missedRings?: number;
}

// ---- Pure rules -------------------------------------------------------------------------------

/** Whisper accepted: on this call, and the missed rings forgiven. A copy of the press changes nothing. */
export function answeredRule(view: PresenceView, callId: number): Transition | null {
  if (view.presence === "on_call" && view.presenceCallId === callId && view.missedRings === 0) return null;
  return { state: "on_call", callId, missedRings: 0 };
}

/**
 * The staff leg of this call ended: after-call work until `at + wrapUpSeconds`, or straight back to
 * available when the agency has none. Only while still on this call: someone who set themselves away
 * meanwhile stays away, and a second report of the same end changes nothing.
 */
export function legEndedRule(view: PresenceView, callId: number, at: Date, wrapUpSeconds: number): Transition | null {
  if (view.presence !== "on_call" || (view.presenceCallId !== null && view.presenceCallId !== callId)) return null;
  if (wrapUpSeconds <= 0) return { state: "available", callId };
  return { state: "wrap_up", callId, wrapUpUntil: new Date(at.getTime() + wrapUpSeconds * 1000) };
}

/**
 * A ring let pass. It counts only against someone still available (one who answered another call
 * or went away meanwhile did not let it pass); the second in a row sets them away.
 */
export function ringMissedRule(view: PresenceView, callId: number | null): Transition | null {
  if (view.presence !== "available") return null;
  const missedRings = view.missedRings + 1;
  if (missedRings >= MISSED_RINGS_LIMIT) return { state: "away", reason: MISSED_RINGS_REASON, callId, missedRings };
  return { missedRings };
}

/** Wrap-up whose time is up ends by itself. */
export function wrapUpOverRule(view: PresenceView, now: Date): Transition | null {
  if (view.presence !== "wrap_up" || (view.wrapUpUntil && view.wrapUpUntil.getTime() > now.getTime())) return null;
  return { state: "available" };
}

/** The staff member ends their after-call work early. */
export function endWrapUpRule(view: PresenceView): Transition | null {
  return view.presence === "wrap_up" ? { state: "available" } : null;
}

/** What a person may set in the console or by phone. */
export type ChosenState = "available" | "away" | "offline";

/** Why a person's choice is refused: the call's own events move someone on a call. */
export type ChoiceRefusal = "on_call";

export function chosenRule(view: PresenceView, state: ChosenState, reason: string | null): Transition | ChoiceRefusal | null {
  if (view.presence === "on_call" && state === "available") return "on_call";
  if (view.presence === state && (state !== "away" || view.awayReason === reason)) return null;
  // Coming back (to available) forgives the rings that sent them away.
  return { state, reason: state === "away" ? (reason ?? null) : null, ...(state === "available" ? { missedRings: 0 } : {}) };
}

/** The phone toggle: available ↔ away; offline or after-call work becomes available, a call away. */
export function toggledState(view: Pick<PresenceView, "presence">): "available" | "away" {
  return view.presence === "available" || view.presence === "on_call" ? "away" : "available";
}

// ---- Listeners --------------------------------------------------------------------------------

export interface StaffAvailable {
  userId: number;
  agencyId: number;
  at: Date;
}
export interface PresenceChanged extends StaffAvailable {
  state: PresenceState;
}

type Listener<T> = (event: T) => void | Promise<void>;
const availableListeners = new Set<Listener<StaffAvailable>>();
const changedListeners = new Set<Listener<PresenceChanged>>();

/** Called after commit whenever a staff member becomes available. Returns the unsubscribe function. */
export function onStaffAvailable(listener: Listener<StaffAvailable>): () => void {
  availableListeners.add(listener);
  return () => availableListeners.delete(listener);
}

/** Called after commit on every change of state (caches of who may be rung drop their copy). */
export function onPresenceChanged(listener: Listener<PresenceChanged>): () => void {
  changedListeners.add(listener);
  return () => changedListeners.delete(listener);
}

/** A listener's failure is its own: it never fails the webhook or the console request that caused it. */
function announce(changes: PresenceChanged[]): void {
  for (const change of changes) {
    for (const listener of changedListeners)
      void Promise.resolve()
        .then(() => listener(change))
        .catch(() => {});
    if (change.state !== "available") continue;
    const event = { userId: change.userId, agencyId: change.agencyId, at: change.at };
    for (const listener of availableListeners)
      void Promise.resolve()
        .then(() => listener(event))
        .catch(() => {});
  }
}

// ---- I/O --------------------------------------------------------------------------------------

interface LockedRow extends PresenceView {
  id: number;
  agencyId: number;
  wrapUpSeconds: number;
}

async function lockRow(tx: Tx, userId: number): Promise<LockedRow | null> {
  const rows = await tx.$queryRaw<LockedRow[]>`
    SELECT u.id, u.agency_id AS "agencyId", u.presence, u.away_reason AS "awayReason", u.missed_rings AS "missedRings",
           u.presence_call_id AS "presenceCallId", u.wrap_up_until AS "wrapUpUntil", a.wrap_up_seconds AS "wrapUpSeconds"
    FROM users u JOIN agencies a ON a.id = u.agency_id
    WHERE u.id = ${userId}
    FOR UPDATE OF u`;
  return rows[0] ?? null;
}

export interface ChangeContext {
  /** Who made the change; null when the hotline did. */
  byUserId: number | null;
  at: Date;
  callId?: number | null;
  reason?: string | null;
}

/** Writes a transition: the user's columns and, when the state changes, its presence_changes row. */
async function apply(tx: Tx, row: LockedRow, change: Transition, context: ChangeContext): Promise<PresenceChanged | null> {
  const data: Prisma.UserUncheckedUpdateInput = {};
  if (change.missedRings !== undefined) data.missedRings = change.missedRings;
  if (change.state) {
    const state = change.state;
    data.presence = state;
    data.presenceSince = context.at;
    data.awayReason = state === "away" ? (change.reason ?? context.reason ?? null) : null;
    data.wrapUpUntil = state === "wrap_up" ? (change.wrapUpUntil ?? null) : null;
    data.presenceCallId = state === "on_call" ? (change.callId ?? context.callId ?? null) : null;
  }
  await tx.user.update({ where: { id: row.id }, data, select: { id: true } });
  if (!change.state) return null;
  await tx.presenceChange.create({
    data: {
      userId: row.id,
      state: change.state,
      reason: change.state === "away" ? (data.awayReason as string | null) : null,
      changedById: context.byUserId,
      callId: change.callId ?? context.callId ?? null,
      at: context.at,
    },
  });
  return { userId: row.id, agencyId: row.agencyId, state: change.state, at: context.at };
}

/** Runs one rule per staff member in one transaction, then announces what changed. */
async function transition(
  db: Db,
  userIds: number[],
  context: ChangeContext,
  rule: (row: LockedRow) => Transition | null,
): Promise<PresenceChanged[]> {
  if (userIds.length === 0) return [];
  const changed = await db.$transaction(async (tx) => {
    const out: PresenceChanged[] = [];
    // In id order, so two transactions over the same staff never wait for each other in a circle.
    for (const id of [...new Set(userIds)].sort((a, b) => a - b)) {
      const row = await lockRow(tx, id);
      const change = row ? rule(row) : null;
      const done = row && change ? await apply(tx, row, change, context) : null;
      if (done) out.push(done);
    }
    return out;
  });
  announce(changed);
  return changed;
}

/**
 * Sets a state inside the caller's transaction (the console routes audit it with the change). The
 * caller announces the returned change after commit with `announcePresence`. Null when nothing changed.
 */
export async function setPresence(tx: Tx, userId: number, state: PresenceState, context: ChangeContext): Promise<PresenceChanged | null> {
  const row = await lockRow(tx, userId);
  if (!row) return null;
  const same =
    row.presence === state &&
    (state !== "away" || row.awayReason === (context.reason ?? null)) &&
    (state !== "on_call" || row.presenceCallId === (context.callId ?? null));
  if (same) return null;
  return apply(tx, row, { state, reason: context.reason ?? null, ...(state === "available" ? { missedRings: 0 } : {}) }, context);
}

/** Announces changes made with setPresence, once their transaction committed. */
export function announcePresence(changes: (PresenceChanged | null)[]): void {
  announce(changes.filter((change): change is PresenceChanged => change !== null));
}

/** A person's choice in the console or by phone, applied under the row's lock; "on_call" when refused. */
export async function choosePresence(
  tx: Tx,
  userId: number,
  state: ChosenState,
  context: ChangeContext,
): Promise<{ changed: PresenceChanged | null } | ChoiceRefusal | null> {
  const row = await lockRow(tx, userId);
  if (!row) return null;
  const change = chosenRule(row, state, context.reason ?? null);
  if (change === "on_call") return change;
  return { changed: change ? await apply(tx, row, change, context) : null };
}

/** The staff member accepted a call in the whisper. */
export function staffAnswered(db: Db, userId: number, callId: number, at: Date) {
  return transition(db, [userId], { byUserId: null, at, callId }, (row) => answeredRule(row, callId));
}

/** The staff leg of a call ended (the dial's action, or the call's end when that never came). */
export function staffLegEnded(db: Db, userIds: number[], callId: number, at: Date) {
  return transition(db, userIds, { byUserId: null, at, callId }, (row) => legEndedRule(row, callId, at, row.wrapUpSeconds));
}

/** Staff rung for a call who let it pass. */
export function ringsMissed(db: Db, userIds: number[], callId: number | null, at: Date) {
  return transition(db, userIds, { byUserId: null, at, callId }, (row) => ringMissedRule(row, callId));
}

/** The staff member ends their after-call work early (the console's "end wrap-up"). */
export function endWrapUpEarly(db: Db, userId: number, byUserId: number, at: Date) {
  return transition(db, [userId], { byUserId, at }, endWrapUpRule);
}

/** The sweep: everyone whose wrap-up time is up becomes available. Returns who did. */
export async function endWrapUps(db: Db, now: Date): Promise<PresenceChanged[]> {
  const due = await db.user.findMany({
    where: { presence: "wrap_up", OR: [{ wrapUpUntil: { lte: now } }, { wrapUpUntil: null }] },
    select: { id: true },
  });
  if (due.length === 0) return [];
  return transition(
    db,
    due.map((u) => u.id),
    { byUserId: null, at: now },
    (row) => wrapUpOverRule(row, now),
  );
}

/** Staff still on a call (as far as presence knows) when it ended: their leg ended with it. */
export async function staffOnCall(db: Db, callId: number): Promise<number[]> {
  const rows = await db.user.findMany({ where: { presence: "on_call", presenceCallId: callId }, select: { id: true } });
  return rows.map((r) => r.id);
}
