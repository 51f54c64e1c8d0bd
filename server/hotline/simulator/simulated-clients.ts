// The browsers playing a staff member's softphone for simulated calls. A desk page with the simulated
// device registers here (and renews it while open); when a simulated call dials <Client>staff-N</Client>
// and staff N has a device registered, the simulator rings it here instead of deciding for them: the
// browser learns of the offer from its desk stream (the call names staff N among those rung) and
// answers, rejects, sends keys and hangs up through the simulator's routes, which resolve the promises
// the simulated call waits on. In-process and per server process, like the simulator itself.
import { staffIdOfIdentity } from "../../agencies/staff/answer-on.js";

/** A device not renewed for this long is gone (the page was closed without unregistering). */
const DEVICE_TTL_MS = 90_000;

export type RingOutcome = { answered: true; identity: string } | { answered: false; reason: "rejected" | "timeout" | "canceled" };

export interface RingingLeg {
  parentCallSid: string;
  identities: string[];
  timeoutMs: number;
}

interface Ring {
  parentCallSid: string;
  staffIds: Set<number>;
  rejected: Set<number>;
  decide(outcome: RingOutcome): void;
  /** Set once answered: the staff member's leg while it lasts. */
  talking: { staffId: number; hangUp(): void; digits: string[] } | null;
  /** Resolves with whether the server connected the leg (the Client URL's answer). */
  connected: Promise<boolean> | null;
}

export class SimulatedClients {
  private readonly devices = new Map<number, number>();
  private readonly rings = new Set<Ring>();

  register(userId: number, now = Date.now()): void {
    this.devices.set(userId, now + DEVICE_TTL_MS);
  }

  unregister(userId: number): void {
    this.devices.delete(userId);
  }

  /** The identities (of those dialled) whose staff member has a simulated device open. */
  registered(identities: string[], now = Date.now()): string[] {
    return identities.filter((identity) => {
      const id = staffIdOfIdentity(identity);
      return id !== null && (this.devices.get(id) ?? 0) > now;
    });
  }

  /**
   * Rings these identities until one answers, all reject, or the dial's timeout passes. An answer
   * is confirmed by `connect` (the simulator posts the Client URL, the server decides the race).
   */
  ring(leg: RingingLeg, connect: (identity: string) => Promise<boolean>): Promise<{ outcome: RingOutcome; ring: Ring }> {
    return new Promise((resolve) => {
      const staffIds = new Set(leg.identities.map(staffIdOfIdentity).filter((id): id is number => id !== null));
      let done = false;
      const ring: Ring = {
        parentCallSid: leg.parentCallSid,
        staffIds,
        rejected: new Set(),
        talking: null,
        connected: null,
        decide: (outcome) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          if (outcome.answered) ring.connected = connect(outcome.identity);
          else this.rings.delete(ring);
          resolve({ outcome, ring });
        },
      };
      const timer = setTimeout(() => ring.decide({ answered: false, reason: "timeout" }), leg.timeoutMs);
      this.rings.add(ring);
    });
  }

  /** The staff member's leg is over (or was never connected): forget the ring. */
  finished(ring: Ring): void {
    this.rings.delete(ring);
  }

  /**
   * The staff member's accept button. Waits briefly for the simulated call to reach its dial (the desk
   * stream may announce the offer first). Resolves with whether they were connected; null when
   * nothing rings them for that call.
   */
  async accept(userId: number, callSid: string, waitMs = 3000): Promise<boolean | null> {
    const ring = await this.find(userId, callSid, waitMs, (r) => r.talking === null && r.connected === null);
    if (!ring) return null;
    ring.decide({ answered: true, identity: `staff-${userId}` });
    return ring.connected ?? false;
  }

  /** Rejecting one's own ring; when everyone rung rejected, the dial ends as Twilio's would (busy). */
  async reject(userId: number, callSid: string): Promise<boolean> {
    const ring = await this.find(userId, callSid, 0, (r) => r.connected === null);
    if (!ring) return false;
    ring.rejected.add(userId);
    if ([...ring.staffIds].every((id) => ring.rejected.has(id))) ring.decide({ answered: false, reason: "rejected" });
    return true;
  }

  /** Keys pressed on the softphone during the call (kept in the simulation's report). */
  async digits(userId: number, callSid: string, keys: string): Promise<boolean> {
    const ring = await this.find(userId, callSid, 0, (r) => r.talking?.staffId === userId);
    if (!ring?.talking) return false;
    ring.talking.digits.push(keys);
    return true;
  }

  async hangUp(userId: number, callSid: string): Promise<boolean> {
    const ring = await this.find(userId, callSid, 0, (r) => r.talking?.staffId === userId);
    if (!ring?.talking) return false;
    ring.talking.hangUp();
    return true;
  }

  private async find(userId: number, callSid: string, waitMs: number, fits: (ring: Ring) => boolean): Promise<Ring | null> {
    const until = Date.now() + waitMs;
    for (;;) {
      for (const ring of this.rings) if (ring.parentCallSid === callSid && ring.staffIds.has(userId) && fits(ring)) return ring;
      if (Date.now() >= until) return null;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export type { Ring };
