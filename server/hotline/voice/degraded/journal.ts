// What happened to calls answered while the database was down, kept until the call log can take it:
// in Redis when it answers (shared by every server process), otherwise appended to a local file, so
// the record survives Redis being down too. Entries hold the caller's number, as the call row would;
// they are deleted once replayed (server/hotline/voice/degraded/replay-loop.ts).
import { appendFile, mkdir, readdir, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Redis } from "ioredis";

export interface JournalEntry {
  /** The caller's call (for the staff leg's whisper, its parent). */
  callSid: string;
  /** Which webhook: incoming, gather, dial, record, whisper, whisper-accept, status, recording-status, fallback, operators-dial, voicemail, voicemail-recording. */
  kind: string;
  /** Unique within the call for one webhook and step: Twilio's retries share it, so replay stores them once. */
  key: string;
  at: string;
  /** Why the database was not used: timeout, error, overload (turned away by admission control), fallback (Twilio's fallback URL), pending (earlier steps still journaled), outage (a route that never uses it). */
  reason: string;
  /** What the caller (or staff member) was answered: operators, voicemail, goodbye, whisper, accepted, declined, none. */
  answer: string;
  /** Personal data, needed to create the call row and its callback request. */
  caller?: string;
  hotline?: string;
  /** The Twilio parameters the replay needs, never From or To. */
  params: Record<string, string>;
}

/** One stored entry and where it came from, so it can be removed once applied. */
export interface JournalItem {
  entry: JournalEntry;
  source: "redis" | "file";
  raw: string;
  /** For file entries: the claimed file it sits in. */
  file?: string;
}

const REDIS_TIMEOUT_MS = 250;
/** A call with entries still to replay keeps a marker this long at most (a day: far beyond any outage replay). */
const MARKER_SECONDS = 86_400;
/** How old the last look at the journal's length may be when a webhook asks whether its call is in it. */
const LOOK_EVERY_MS = 1000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function parseEntry(raw: string): JournalEntry | null {
  try {
    const entry = JSON.parse(raw) as JournalEntry;
    return typeof entry.callSid === "string" && typeof entry.key === "string" && typeof entry.at === "string" ? entry : null;
  } catch {
    return null;
  }
}

export class VoiceJournal {
  private readonly listKey: string;
  /** Calls journaled by this process whose entries are not replayed yet (file entries have no Redis marker). */
  private readonly localCalls = new Set<string>();
  /** Whether the Redis journal held entries at the last look, and when that was (performance.now()). */
  private holdsEntries: Promise<boolean> = Promise.resolve(true);
  private lookedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly file: string,
  ) {
    this.listKey = `${prefix}:voice-journal`;
  }

  private marker(callSid: string): string {
    return `${this.prefix}:voice-journal:call:${callSid}`;
  }

  /** Redis first; the local file when Redis does not answer at once. Resolves where it was kept. */
  async append(entry: JournalEntry): Promise<"redis" | "file"> {
    const raw = JSON.stringify(entry);
    this.localCalls.add(entry.callSid);
    try {
      await within(
        this.redis.multi().rpush(this.listKey, raw).set(this.marker(entry.callSid), "1", "EX", MARKER_SECONDS).exec(),
        REDIS_TIMEOUT_MS,
      );
      return "redis";
    } catch {
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, `${raw}\n`);
      return "file";
    }
  }

  /**
   * Whether a call still has entries waiting: its later webhooks are then journaled as well, so the
   * log is written in the order things happened (a final status never lands before the call exists).
   * Asking Redis about every webhook cost a round trip each, while the journal is nearly always empty:
   * unless `exact`, Redis is asked only while the journal held something at the last look (at most a
   * second old). A step of a call journaled by another process within that second is no risk: the
   * degraded answer's URLs never lead back to the steps. Its status callback does, so that asks exactly.
   */
  async hasPending(callSid: string, exact = false): Promise<boolean> {
    if (this.localCalls.has(callSid)) return true;
    if (!exact && !(await this.mayHoldEntries())) return false;
    try {
      return (await within(this.redis.exists(this.marker(callSid)), REDIS_TIMEOUT_MS)) === 1;
    } catch {
      return false;
    }
  }

  private mayHoldEntries(): Promise<boolean> {
    if (performance.now() - this.lookedAt > LOOK_EVERY_MS) {
      this.lookedAt = performance.now();
      // When Redis does not answer, every webhook asks it (and gives up after REDIS_TIMEOUT_MS) as before.
      this.holdsEntries = within(this.redis.llen(this.listKey), REDIS_TIMEOUT_MS).then(
        (length) => length > 0,
        () => true,
      );
    }
    return this.holdsEntries;
  }

  /** Everything waiting, oldest first, across Redis and this machine's file. */
  async pending(limit = 500): Promise<JournalItem[]> {
    const items: JournalItem[] = [];
    try {
      const raws = await within(this.redis.lrange(this.listKey, 0, limit - 1), REDIS_TIMEOUT_MS * 4);
      for (const raw of raws) {
        const entry = parseEntry(raw);
        if (entry) items.push({ entry, source: "redis", raw });
      }
    } catch {
      // Redis down: its entries wait for it; the file's are replayed meanwhile.
    }
    for (const file of await this.claimFiles()) {
      const lines = (await readFile(file, "utf8")).split("\n").filter(Boolean);
      for (const raw of lines) {
        // A line cut short by a crash mid-append cannot be read back; the rest of the file still is.
        const entry = parseEntry(raw);
        if (entry) items.push({ entry, source: "file", raw, file });
      }
    }
    return items.sort((a, b) => a.entry.at.localeCompare(b.entry.at));
  }

  /**
   * The live file is renamed before it is read (an atomic claim: appends go on into a fresh file and
   * two processes never read the same one); a claimed file stays until all its entries are applied.
   */
  private async claimFiles(): Promise<string[]> {
    const dir = dirname(this.file);
    const claimedPrefix = `${basename(this.file)}.replaying-`;
    await rename(this.file, join(dir, `${claimedPrefix}${Date.now()}-${process.pid}`)).catch(() => {});
    const names = await readdir(dir).catch(() => [] as string[]);
    return names
      .filter((name) => name.startsWith(claimedPrefix))
      .sort()
      .map((name) => join(dir, name));
  }

  /** Removes applied entries; a claimed file goes once every entry in it has been applied. */
  async remove(applied: JournalItem[], allOf: JournalItem[]): Promise<void> {
    const done = new Set(applied);
    for (const item of applied) {
      if (item.source === "redis") await this.redis.lrem(this.listKey, 1, item.raw).catch(() => {});
      this.localCalls.delete(item.entry.callSid);
      await this.redis.del(this.marker(item.entry.callSid)).catch(() => {});
    }
    const files = new Set(allOf.filter((item) => item.file).map((item) => item.file as string));
    for (const file of files) {
      if (allOf.every((item) => item.file !== file || done.has(item))) await unlink(file).catch(() => {});
    }
  }
}
