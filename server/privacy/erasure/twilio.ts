// Deleting a recording at Twilio for an erasure: through the SDK (recordings(sid).remove()), a 404
// meaning it is already gone, which is what we want.
import type { TwilioClient } from "../../messaging/vendors/twilio.js";

export function twilioRecordingDeleter(twilio: TwilioClient): (recordingSid: string) => Promise<void> {
  return async (recordingSid) => {
    try {
      await twilio.recordings(recordingSid).remove();
    } catch (error) {
      if ((error as { status?: number }).status === 404) return;
      throw error;
    }
  };
}
