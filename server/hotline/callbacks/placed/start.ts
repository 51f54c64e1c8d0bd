// "Gọi lại" from the console: the hotline calls the staff member first (their browser or phone), and
// calls the citizen from the hotline's number once they take it (voice-routes.ts). One call at a time
// per request; starting one claims the request for the staff member.
import type { SessionUser } from "../../../access/auth/sessions.js";
import { placedCallTarget } from "../../../agencies/staff/answer-on.js";
import type { AnswerOn } from "../../../generated/prisma/enums.js";
import type { Db } from "../../../platform/db/client.js";
import { conflict } from "../../../platform/http/errors.js";
import type { NewCall } from "../../../platform/twilio/voice-api.js";
import { lockCallbackRequest, refuseUnlessWorkable } from "../workable.js";

export interface CallPlacer {
  createCall(call: NewCall): Promise<string | null>;
}

export interface StartDeps {
  db: Db;
  baseUrl: string;
  /** HOTLINE_NUMBER: shown to citizens whose request did not come from a call to the hotline. */
  hotlineNumber: string | undefined;
  /** Twilio's REST API, or the simulator's network for simulated requests. */
  placerFor(simulated: boolean): CallPlacer;
  /** Twilio can place calls (an account is configured); without it every callback is simulated. */
  twilioConfigured: boolean;
}

export interface Started {
  attemptId: number;
  /** False when Twilio could not place the staff call: the attempt is recorded as failed. */
  placed: boolean;
}

/** How the hotline reaches this staff member: their browser desk or their phone, as they chose. */
export function staffDialTarget(staff: { id: number; answerOn: AnswerOn; phone: string | null }): string | null {
  return placedCallTarget(staff);
}

export const placedUrls = (baseUrl: string, attemptId: number) => {
  const base = `${baseUrl}/twilio/voice/callback`;
  const q = `?attempt=${attemptId}`;
  return {
    staff: `${base}/staff${q}`,
    staffAccept: `${base}/staff/accept${q}`,
    staffStatus: `${base}/staff/status${q}`,
    citizen: `${base}/citizen${q}`,
    citizenEnded: `${base}/citizen/ended${q}`,
    citizenStatus: `${base}/citizen/status${q}`,
    recording: `${base}/recording${q}`,
    staffInformed: `${base}/staff/informed${q}`,
  };
};

export async function startPlacedCallback(deps: StartDeps, user: SessionUser, requestId: number): Promise<Started> {
  const { db } = deps;
  const staff = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, answerOn: true, phone: true } });
  const to = staffDialTarget(staff);
  if (!to) {
    throw conflict("Add your phone number or answer in the browser before calling back", { phone: "tthc.validation.staff_no_phone" });
  }
  const { attempt, simulated, from } = await db.$transaction(async (tx) => {
    await lockCallbackRequest(tx, requestId);
    const request = await tx.callbackRequest.findUniqueOrThrow({
      where: { id: requestId },
      include: { call: { select: { hotline: true, simulated: true } }, claimedBy: { select: { name: true } } },
    });
    refuseUnlessWorkable(request, user);
    const going = await tx.callbackAttempt.count({ where: { requestId, placed: true, endedAt: null } });
    if (going > 0) throw conflict("A call for this request is already going on", { status: "tthc.validation.callback_in_progress" });
    const from = request.call?.hotline ?? deps.hotlineNumber;
    if (!from) {
      throw conflict("Set HOTLINE_NUMBER: the citizen must see the hotline's number", { from: "tthc.validation.hotline_number_missing" });
    }
    await tx.callbackRequest.update({
      where: { id: requestId },
      data: { claimedById: user.id, claimedAt: request.claimedAt ?? new Date() },
    });
    const simulated = request.call?.simulated === true || !deps.twilioConfigured;
    const attempt = await tx.callbackAttempt.create({
      data: { requestId, userId: user.id, placed: true, simulated, state: "staff_ringing" },
    });
    return { attempt, simulated, from };
  });
  const urls = placedUrls(deps.baseUrl, attempt.id);
  const sid = await deps.placerFor(simulated).createCall({ to, from, url: urls.staff, statusCallback: urls.staffStatus, timeout: 30 });
  if (sid === null) {
    await db.callbackAttempt.update({
      where: { id: attempt.id },
      data: { state: "ended", outcome: "failed", endedAt: new Date() },
    });
    return { attemptId: attempt.id, placed: false };
  }
  // The staff leg's webhooks may already have arrived (they carry the attempt id, not this sid).
  await db.callbackAttempt.update({ where: { id: attempt.id }, data: { staffCallSid: sid } });
  return { attemptId: attempt.id, placed: true };
}
