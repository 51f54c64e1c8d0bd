// Which rows each kind's cutoff reaches, as Prisma filters: the one definition the dry run counts and
// the run deletes, so the preview's numbers are the run's. A call's parts (recordings, voicemails,
// notes, survey answers, its survey SMS) are selected when they are past their own period or their
// call is past the call log's: the run removes them before the call and counts them under their kind.
import type { Prisma } from "../../generated/prisma/client.js";
import type { Cutoffs } from "./plan.js";

/** Campaigns that have launched and not finished: their audience must stay as it was snapshotted. */
const UNFINISHED_CAMPAIGNS = ["scheduled", "running", "paused"] as const;

const callExpired = (cutoffs: Cutoffs) => ({ call: { startedAt: { lt: cutoffs.calls } } });

export function liveRecordings(cutoffs: Cutoffs, kind: "recordings" | "voicemails"): Prisma.RecordingWhereInput {
  return {
    ...(kind === "voicemails" ? { kind: "voicemail" } : { kind: { not: "voicemail" } }),
    deletedAt: null,
    OR: [{ createdAt: { lt: cutoffs[kind] } }, callExpired(cutoffs)],
  };
}

export const notes = (cutoffs: Cutoffs): Prisma.CallNoteWhereInput => ({
  OR: [{ createdAt: { lt: cutoffs.notes } }, callExpired(cutoffs)],
});

export const surveyAnswers = (cutoffs: Cutoffs): Prisma.SurveyAnswerWhereInput => ({
  OR: [{ createdAt: { lt: cutoffs.surveyAnswers } }, callExpired(cutoffs)],
});

/** Worked requests only: an open one is still someone's job, however old. */
export const callbackRequests = (cutoffs: Cutoffs): Prisma.CallbackRequestWhereInput => ({
  createdAt: { lt: cutoffs.callbackRequests },
  status: { not: "open" },
});

/** Every message past its period, and the survey texts of calls going now (they hold the caller's number). */
export const smsMessages = (cutoffs: Cutoffs): Prisma.SmsMessageWhereInput => ({
  OR: [{ createdAt: { lt: cutoffs.smsMessages } }, callExpired(cutoffs)],
});

/** Recipients of campaigns completed or cancelled before the cutoff (a cancelled one may lack completedAt). */
export const campaignRecipients = (cutoffs: Cutoffs): Prisma.CampaignRecipientWhereInput => ({
  campaign: {
    status: { in: ["completed", "cancelled"] },
    OR: [{ completedAt: { lt: cutoffs.campaignRecipients } }, { completedAt: null, updatedAt: { lt: cutoffs.campaignRecipients } }],
  },
});

/** Contacts without granted consent, older than the period, in no unfinished campaign's audience. */
export const contactsWithoutConsent = (cutoffs: Cutoffs): Prisma.ContactWhereInput => ({
  consentStatus: { not: "granted" },
  createdAt: { lt: cutoffs.contactsWithoutConsent },
  recipients: { none: { campaign: { status: { in: [...UNFINISHED_CAMPAIGNS] } } } },
});

/**
 * Calls past the call log's period. The run adds "no live recording left": a call whose audio Twilio
 * would not delete stays, so the audio is never orphaned.
 */
export const calls = (cutoffs: Cutoffs): Prisma.CallWhereInput => ({ startedAt: { lt: cutoffs.calls } });

export const auditEntries = (cutoffs: Cutoffs): Prisma.AuditLogWhereInput => ({ createdAt: { lt: cutoffs.auditEntries } });

/** Export archives past the exports period, or past the expiry they were given (the download refuses them already). */
export const exports = (cutoffs: Cutoffs, now: Date): Prisma.PrivacyExportWhereInput => ({
  OR: [{ createdAt: { lt: cutoffs.exports } }, { expiresAt: { lt: now } }],
});

/** How long a closed request keeps its number (docs/privacy-requests.md): then only its hash proves it. */
export const REQUEST_NUMBER_DAYS = 30;

/** Completed or rejected requests closed more than REQUEST_NUMBER_DAYS ago that still hold their number. */
export const closedRequestNumbers = (now: Date): Prisma.DataSubjectRequestWhereInput => ({
  state: { in: ["completed", "rejected"] },
  completedAt: { lt: new Date(now.getTime() - REQUEST_NUMBER_DAYS * 24 * 3600 * 1000) },
  phone: { not: null },
});
