// The phone toggle's check: the caller ID must be a staff member's registered phone and the digits
// their PIN (argon2, like passwords). An unknown number is checked against a decoy hash, so neither the
// answer nor its timing says whether a number is registered.
import { verifyPassword } from "../../access/auth/password.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { toggledState } from "./presence.js";

export interface PinMatch {
  staffId: number;
  /** Where the toggle takes them: available ↔ away. */
  state: "available" | "away";
}

/** Runs in the call step's transaction (`db` is its client), so it needs no second connection. */
export async function checkPresencePin(db: Pick<Prisma.TransactionClient, "user">, caller: string, pin: string): Promise<PinMatch | null> {
  const candidates = /^\+[0-9]{6,15}$/.test(caller)
    ? await db.user.findMany({
        where: { phone: caller, active: true, presencePinHash: { not: null } },
        select: { id: true, presencePinHash: true, presence: true },
        orderBy: { id: "asc" },
        take: 5,
      })
    : [];
  if (candidates.length === 0 || !/^[0-9]{4,8}$/.test(pin)) {
    await verifyPassword(undefined, pin);
    return null;
  }
  for (const candidate of candidates) {
    if (await verifyPassword(candidate.presencePinHash ?? undefined, pin)) {
      return { staffId: candidate.id, state: toggledState(candidate) };
    }
  }
  return null;
}
