// The calls this process wrote last, as they stand after its own write. A call's next webhook usually
// comes back to the same process, which then skips reading the call: it computes the step from the
// remembered row and writes it guarded by the row's version. A remembered row that is out of date (a
// webhook of the call went to another process, or another writer changed it) fails that guard and the
// step reads the call as usual, so this can only save a round trip, never change an answer.
import type { Call } from "../../generated/prisma/client.js";

export interface RecentCalls {
  /** The remembered row, forgotten as it is handed out: whoever writes the call next remembers it again. */
  take(callSid: string): Call | undefined;
  /** The remembered row, still remembered: for reading what does not decide a write (the whisper's topic). */
  peek(callSid: string): Call | undefined;
  keep(call: Call): void;
  forget(callSid: string): void;
}

export function recentCalls(capacity = 10_000): RecentCalls {
  // A Map iterates in insertion order: the first key is the one kept longest ago.
  const rows = new Map<string, Call>();
  return {
    take(callSid) {
      const row = rows.get(callSid);
      rows.delete(callSid);
      return row;
    },
    peek: (callSid) => rows.get(callSid),
    keep(call) {
      rows.delete(call.callSid);
      rows.set(call.callSid, call);
      if (rows.size > capacity) rows.delete(rows.keys().next().value as string);
    },
    forget(callSid) {
      rows.delete(callSid);
    },
  };
}
