// Moves a waiting caller out of the wait loop to be connected: Twilio's REST API updates the live
// call's TwiML URL (POST /2010-04-01/Accounts/{sid}/Calls/{CallSid}.json with Url and Method), which
// Twilio fetches at once. Simulated calls have no Twilio call: their next turn of the wait loop finds
// the reservation anyway (as would a real call whose REST request was lost, one turn later).
import type { FastifyBaseLogger } from "fastify";

export interface CallControl {
  /** Asks Twilio to fetch `url` for the call now; false when it could not (the wait loop catches up). */
  redirect(callSid: string, url: string): Promise<boolean>;
}

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
  /** TWILIO_API_BASE_URL: api.twilio.com, or a local stand-in in tests. */
  apiBaseUrl: string;
}

/** A short timeout: a slow REST answer only delays the connection, the wait loop is the safety net. */
const TIMEOUT_MS = 5000;

export function twilioCallControl(account: TwilioAccount, log: FastifyBaseLogger): CallControl {
  const auth = `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64")}`;
  return {
    async redirect(callSid, url) {
      const endpoint = `${account.apiBaseUrl}/2010-04-01/Accounts/${account.accountSid}/Calls/${callSid}.json`;
      try {
        const response = await fetch(endpoint, {
          method: "POST",
          headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ Url: url, Method: "POST" }).toString(),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        // 404/21220: the caller hung up meanwhile; the status callback closes the wait.
        if (!response.ok) log.warn({ status: response.status }, "queue: Twilio did not move a waiting call");
        return response.ok;
      } catch (error) {
        log.warn({ err: error }, "queue: moving a waiting call failed");
        return false;
      }
    },
  };
}

/** Without a Twilio account (the simulator, development): every call follows its wait loop. */
export const noCallControl: CallControl = { redirect: async () => false };
