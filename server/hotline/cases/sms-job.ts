// The service SMS about a case: on creation (code and date), on answering (a single-use link to the
// answer), after closing an answered case (a single-use survey link). Queued as jobs carrying the
// case id and the purpose only (phone numbers never go to Redis); each sent at most once per case.
//
// Service messages, not advertising: purpose case_* is never counted by the campaigns' per-recipient
// cap (which counts purpose "campaign" only) and the opt-out list is not consulted — an opt-out
// stops advertising (outreach/consent), not the answer to a citizen's own question. A carrier-level
// unsubscribe still fails the send (SmsSendError "unsubscribed"), permanently.
import { type Job, type Queue, UnrecoverableError } from "bullmq";
import { sendSms } from "../../messaging/messages.js";
import { type SmsProvider, SmsSendError } from "../../messaging/provider.js";
import { canReceiveSms, normalizeVietnamesePhone } from "../../phone/normalize.js";
import type { Db } from "../../platform/db/client.js";
import { newSurveyToken } from "../surveys/links.js";
import {
  answeredText,
  CASE_SMS_PURPOSES,
  type CaseSmsPurpose,
  caseLinkUrl,
  createdText,
  LINK_PURPOSE,
  LINK_TTL_MS,
  surveyText,
} from "./messages.js";

export const CASE_SMS_JOB = "case-sms";

export interface CaseSmsJobData {
  caseId: number;
  purpose: CaseSmsPurpose;
}

/** One job per case and purpose (the job id), so a repeated call leaves one job. */
export async function scheduleCaseSms(queue: Queue, caseId: number, purpose: CaseSmsPurpose): Promise<void> {
  const data: CaseSmsJobData = { caseId, purpose };
  await queue.add(CASE_SMS_JOB, data, { jobId: `case-sms-${purpose}-${caseId}` });
}

export type CaseSmsOutcome =
  | { sent: true; messageId: number }
  | { sent: false; reason: "no_case" | "not_due" | "already_sent" | "link_used" | "no_mobile" | "simulated" };

export interface CaseSmsDeps {
  db: Db;
  provider: SmsProvider;
  publicBaseUrl: string;
  /** The hotline's number (E.164) for the creation SMS. */
  hotlineNumber?: string;
  now?: () => Date;
}

/** Advisory-lock spaces of these sends, one per purpose (an arbitrary constant: "CASE"). */
const LOCK_SPACE = 0x43415345;

/**
 * Sends the message of `purpose` for the case at most once, however often it runs (retries,
 * duplicates, crashes). The check and the send run under a transaction-scoped advisory lock on
 * (case, purpose), so two runs at once cannot both pass the check; a message queued, sent or
 * delivered — or whose fate a crash left unknown — counts as sent.
 */
export async function sendCaseSms(deps: CaseSmsDeps, caseId: number, purpose: CaseSmsPurpose): Promise<CaseSmsOutcome> {
  const { db, provider } = deps;
  const now = deps.now ?? (() => new Date());
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_SPACE + CASE_SMS_PURPOSES.indexOf(purpose)}::int, ${caseId}::int)`;
      const row = await db.case.findUnique({
        where: { id: caseId },
        select: { id: true, code: true, phone: true, state: true, dueDate: true, answeredAt: true, call: { select: { simulated: true } } },
      });
      if (!row) return { sent: false, reason: "no_case" } as const;
      // Answered or closed since, or reopened: the moment for this message passed.
      if (purpose === "case_answered" && row.state !== "answered" && row.state !== "closed")
        return { sent: false, reason: "not_due" } as const;
      if (purpose === "case_survey" && (row.state !== "closed" || !row.answeredAt)) return { sent: false, reason: "not_due" } as const;
      const earlier = await db.smsMessage.findFirst({ where: { caseId, purpose, status: { not: "failed" } }, select: { id: true } });
      if (earlier) return { sent: false, reason: "already_sent" } as const;
      const phone = normalizeVietnamesePhone(row.phone);
      if (!phone.ok || !canReceiveSms(phone)) return { sent: false, reason: "no_mobile" } as const;
      // The simulator's callers are made up: only the sink may "text" them.
      if (row.call?.simulated && provider.name !== "sink") return { sent: false, reason: "simulated" } as const;

      let body: string;
      if (purpose === "case_created") {
        body = createdText(row.code, row.dueDate.toISOString().slice(0, 10), deps.hotlineNumber);
      } else {
        const linkPurpose = LINK_PURPOSE[purpose];
        const link = await db.caseLink.findUnique({ where: { caseId_purpose: { caseId, purpose: linkPurpose } } });
        if (link?.usedAt) return { sent: false, reason: "link_used" } as const;
        // Only the hash is stored: a link whose every send failed gets a new token.
        const { token, hash } = newSurveyToken();
        const expiresAt = new Date(now().getTime() + LINK_TTL_MS[linkPurpose]);
        await db.caseLink.upsert({
          where: { caseId_purpose: { caseId, purpose: linkPurpose } },
          create: { id: hash, caseId, purpose: linkPurpose, expiresAt },
          update: { id: hash, expiresAt },
        });
        const url = caseLinkUrl(deps.publicBaseUrl, token);
        body = purpose === "case_answered" ? answeredText(row.code, url) : surveyText(row.code, url);
      }
      const sms = await sendSms(db, provider, { to: phone.e164, body, purpose, caseId }, { publicBaseUrl: deps.publicBaseUrl, now });
      await db.caseEvent.create({ data: { caseId, type: "sms", data: { purpose, messageId: sms.id }, createdAt: now() } });
      return { sent: true, messageId: sms.id } as const;
    },
    // The provider's answer arrives inside the lock: leave it time.
    { timeout: 60_000, maxWait: 10_000 },
  );
}

export function caseSmsProcessor(deps: CaseSmsDeps) {
  return async (job: Job<CaseSmsJobData>): Promise<CaseSmsOutcome> => {
    if (job.name !== CASE_SMS_JOB || !CASE_SMS_PURPOSES.includes(job.data.purpose))
      throw new UnrecoverableError(`unknown cases job ${job.name}`);
    try {
      return await sendCaseSms(deps, job.data.caseId, job.data.purpose);
    } catch (error) {
      // Permanent refusals (unsubscribed at the carrier, not a mobile) must not be retried; transient ones are.
      if (error instanceof SmsSendError && !error.transient) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
  };
}
