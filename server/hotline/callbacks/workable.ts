// Who may work a callback request now: it is open, and no colleague has claimed it. Checked under the
// request's row lock, so of two staff acting at once (claiming, recording an attempt, calling back)
// the second sees what the first did.
import type { SessionUser } from "../../access/auth/sessions.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { conflict } from "../../platform/http/errors.js";

interface Workable {
  status: string;
  claimedById: number | null;
  claimedBy?: { name: string } | null;
}

/** Locks the request's row until the transaction ends. */
export async function lockCallbackRequest(tx: Prisma.TransactionClient, id: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM callback_requests WHERE id = ${id} FOR UPDATE`;
}

export function refuseUnlessWorkable(request: Workable, user: SessionUser): void {
  if (request.status !== "open") {
    throw conflict("This callback request is no longer open", { status: "tthc.validation.callback_not_open" });
  }
  refuseIfClaimedByOther(request, user);
}

/** A request someone else has claimed is theirs to call; the others see who and leave it. */
export function refuseIfClaimedByOther(request: Workable, user: SessionUser): void {
  if (request.claimedById !== null && request.claimedById !== user.id) {
    throw conflict(`This callback request is being worked by ${request.claimedBy?.name ?? "another staff member"}`, {
      claimedById: "tthc.validation.callback_claimed",
    });
  }
}
