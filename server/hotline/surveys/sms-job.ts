// The post-call survey by SMS. When an answered call ends without keypad answers, the webhook layer
// calls scheduleSurveySms; the worker then creates the call's one survey link and texts it.
// The job carries the call id only: phone numbers never go to Redis.
import { type Job, type Queue, UnrecoverableError } from "bullmq";
import { Prisma } from "../../generated/prisma/client.js";
import { sendSms } from "../../messaging/messages.js";
import { type SmsProvider, SmsSendError } from "../../messaging/provider.js";
import { canReceiveSms, normalizeVietnamesePhone } from "../../phone/normalize.js";
import type { Db } from "../../platform/db/client.js";
import { newSurveyToken, SURVEY_LINK_TTL_MS, surveySmsText, surveyUrl } from "./links.js";

export const SURVEY_SMS_JOB = "survey-sms";
export const SURVEY_LINK_PURPOSE = "survey_link";

export interface SurveySmsJobData {
  callId: number;
}

/**
 * Queues the survey SMS of one call. The job id is derived from the call, so calling this twice
 * (a retried webhook) leaves one job. Awaiting it waits for Redis: keep it off a webhook's
 * critical path or bound it, since Twilio wants its answer within seconds.
 */
export async function scheduleSurveySms(queue: Queue, callId: number): Promise<void> {
  const data: SurveySmsJobData = { callId };
  await queue.add(SURVEY_SMS_JOB, data, { jobId: `survey-sms-${callId}` });
}

export type SurveySmsOutcome =
  | { sent: true; messageId: number }
  | { sent: false; reason: "no_call" | "not_answered" | "answered_survey" | "already_sent" | "link_used" | "no_mobile" | "simulated" };

export interface SurveySmsDeps {
  db: Db;
  provider: SmsProvider;
  publicBaseUrl: string;
  now?: () => Date;
}

/** Sends at most one survey SMS per call, however often it runs (retries, duplicates, crashes). */
export async function sendSurveySms(deps: SurveySmsDeps, callId: number): Promise<SurveySmsOutcome> {
  const { db, provider } = deps;
  const now = deps.now ?? (() => new Date());
  const call = await db.call.findUnique({
    where: { id: callId },
    select: { id: true, caller: true, termination: true, simulated: true, surveyLink: true, _count: { select: { surveyAnswers: true } } },
  });
  if (!call) return { sent: false, reason: "no_call" };
  if (call.termination !== "answered") return { sent: false, reason: "not_answered" };
  if (call._count.surveyAnswers > 0) return { sent: false, reason: "answered_survey" };
  const phone = normalizeVietnamesePhone(call.caller ?? "");
  if (!phone.ok || !canReceiveSms(phone)) return { sent: false, reason: "no_mobile" };
  // The simulator's callers are made up: only the sink may "text" them.
  if (call.simulated && provider.name !== "sink") return { sent: false, reason: "simulated" };

  const { token, hash } = newSurveyToken();
  const expiresAt = new Date(now().getTime() + SURVEY_LINK_TTL_MS);
  if (!call.surveyLink) {
    try {
      await db.surveyLink.create({ data: { id: hash, callId, expiresAt } });
    } catch (error) {
      // Another run created it first (the unique callId): that run sends.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { sent: false, reason: "already_sent" };
      throw error;
    }
  } else {
    if (call.surveyLink.usedAt) return { sent: false, reason: "link_used" };
    // A message that is queued, sent or delivered — or whose fate a crash left unknown — counts as sent.
    const earlier = await db.smsMessage.findFirst({ where: { callId, purpose: SURVEY_LINK_PURPOSE, status: { not: "failed" } } });
    if (earlier) return { sent: false, reason: "already_sent" };
    // Every earlier attempt failed before reaching the phone, and the old token is unknown (only its
    // hash is stored): issue a new one. The conditional update lets one concurrent run win.
    const { count } = await db.surveyLink.updateMany({
      where: { callId, id: call.surveyLink.id, usedAt: null },
      data: { id: hash, expiresAt },
    });
    if (count === 0) return { sent: false, reason: "already_sent" };
  }

  const sms = await sendSms(
    db,
    provider,
    { to: phone.e164, body: surveySmsText(surveyUrl(deps.publicBaseUrl, token)), purpose: SURVEY_LINK_PURPOSE, callId },
    { publicBaseUrl: deps.publicBaseUrl, now },
  );
  return { sent: true, messageId: sms.id };
}

export function surveysProcessor(deps: SurveySmsDeps) {
  return async (job: Job<SurveySmsJobData>): Promise<SurveySmsOutcome> => {
    if (job.name !== SURVEY_SMS_JOB) throw new UnrecoverableError(`unknown surveys job ${job.name}`);
    try {
      return await sendSurveySms(deps, job.data.callId);
    } catch (error) {
      // Permanent refusals (unsubscribed, not a mobile) must not be retried; transient ones are.
      if (error instanceof SmsSendError && !error.transient) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
  };
}
