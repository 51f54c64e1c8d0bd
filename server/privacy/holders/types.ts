// The registry's one shape: every Prisma model that holds a citizen's number or is about them is a
// holder (how to find it, how to erase it) or is excused with the reason. docs/privacy-requests.md.

import type { Db } from "../../platform/db/client.js";

/** One row found for a number, as plain JSON (ids as strings, dates as ISO strings). */
export interface FoundRecord {
  id: string;
  [field: string]: unknown;
}

export interface ErasureContext {
  db: Db;
  /** The request being carried out, for audit entries. */
  requestId: number;
  /** The keyed one-way hash of the number (see privacy/hash.ts), what keepers keep instead of it. */
  phoneHash: string;
  /** Deletes one recording at Twilio; a 404 counts as done. Absent without a Twilio account. */
  deleteRecordingAtTwilio?: (recordingSid: string) => Promise<void>;
}

export interface ErasureOutcome {
  erased: number;
  anonymised: number;
  kept: number;
  /** Why anything was kept (the law or the province's rule), in Vietnamese for the report. */
  keptReason?: string;
}

export interface Holder {
  /** The Prisma model's name exactly as in schema.prisma ("Call", "SmsMessage"). */
  model: string;
  /** The kind shown to people (i18n key privacy.kinds.<kind>): "calls", "recordings", "sms-messages"… */
  kind: string;
  /** Rows that hold the number or are about its owner. */
  find(db: Db, phone: string): Promise<FoundRecord[]>;
  /** Erases or anonymises what `find` returns; running it twice changes nothing the second time. */
  erase(ctx: ErasureContext, phone: string): Promise<ErasureOutcome>;
  /** The console page of a record, when there is one ("/calls/123/show"). */
  link?(record: FoundRecord): string | undefined;
}

/** A model with a person-like field that is not a citizen's data, and why. */
export interface Excused {
  model: string;
  reason: string;
}
