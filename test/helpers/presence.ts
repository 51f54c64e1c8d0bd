// Staff presence for tests: calls move it (on a call, after-call work, away after missed rings), so a
// test that routes calls starts from the seed's roster: every agent available, no rings missed.
import type { Db } from "../../server/platform/db/client.js";

export async function everyAgentAvailable(db: Db): Promise<void> {
  await db.user.updateMany({
    where: { roles: { has: "agent" }, active: true },
    data: { presence: "available", presenceSince: new Date(), missedRings: 0, awayReason: null, wrapUpUntil: null, presenceCallId: null },
  });
}
