// The export's recordings from Twilio: the MP3 of a recording fetched with the account's credentials,
// the same way the console's playback does (server/hotline/call-log/recordings.ts).
import type { RecordingFetcher } from "./build.js";

export function twilioRecordingFetcher(options: {
  apiBaseUrl: string;
  accountSid: string;
  authToken: string;
  timeoutMs?: number;
}): RecordingFetcher {
  const credentials = Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64");
  return async (recordingSid) => {
    const response = await fetch(`${options.apiBaseUrl}/2010-04-01/Accounts/${options.accountSid}/Recordings/${recordingSid}.mp3`, {
      headers: { Authorization: `Basic ${credentials}` },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`Twilio answered ${response.status} for a recording`);
    return Buffer.from(await response.arrayBuffer());
  };
}
