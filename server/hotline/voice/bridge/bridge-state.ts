// A call lifted from its plain <Dial> bridge into the conference call-<id> (docs/desk.md): what the
// server keeps in calls.bridge while it lasts. The lift starts when the desk asks for the first hold,
// warm transfer or listen: the owner's staff leg is redirected into the conference, which ends the
// caller's Dial; its action (still at `step`) then sends the caller into the conference too.
import { Prisma } from "../../../generated/prisma/client.js";
import type { Db } from "../../../platform/db/client.js";

type Tx = Prisma.TransactionClient;

export interface BridgeState {
  /** lifting: the owner's leg was redirected, the caller not in the conference yet. */
  phase: "lifting" | "conference";
  /** The step the caller's Dial action carries (the call's step when it was lifted). */
  step: number;
  /** Twilio's conference sid, learnt from the conference's first status callback event. */
  conferenceSid: string | null;
  /** The caller is a participant now (participant updates can reach them). */
  callerJoined: boolean;
  /** The caller is (to be) on hold, hearing the agency's hold music. */
  callerHeld: boolean;
}

export const conferenceName = (callId: number) => `call-${callId}`;

export function bridgeOf(value: unknown): BridgeState | null {
  const candidate = value as Partial<BridgeState> | null;
  if (!candidate || (candidate.phase !== "lifting" && candidate.phase !== "conference") || typeof candidate.step !== "number") return null;
  return {
    phase: candidate.phase,
    step: candidate.step,
    conferenceSid: typeof candidate.conferenceSid === "string" ? candidate.conferenceSid : null,
    callerJoined: candidate.callerJoined === true,
    callerHeld: candidate.callerHeld === true,
  };
}

/** Merges `changes` into the call's bridge (one statement; keys not given stay); returns the bridge as written. */
export async function patchBridge(db: Db | Tx, callId: number, changes: Partial<BridgeState>): Promise<BridgeState | null> {
  const rows = await db.$queryRaw<{ bridge: unknown }[]>(Prisma.sql`
    UPDATE calls SET bridge = COALESCE(bridge, '{}'::jsonb) || ${JSON.stringify(changes)}::jsonb, updated_at = now()
    WHERE id = ${callId} RETURNING bridge`);
  return bridgeOf(rows[0]?.bridge);
}
