// The softphone's Twilio Voice access token: signed with an API key, for the signed-in staff member's
// own Client identity (staff-<id>) only, allowed to receive calls and to place them through the TwiML
// App. One hour: long enough that a shift is not interrupted every few minutes (the device renews it
// before it expires, on Twilio's tokenWillExpire), short enough that a token copied out of a browser,
// or kept by someone whose account was just disabled, stops working soon.
import twilio from "twilio";
import type { Config } from "../../config.js";

export const TOKEN_TTL_SECONDS = 3600;

export type SoftphoneConfig = Pick<Config, "TWILIO_ACCOUNT_SID" | "TWILIO_API_KEY_SID" | "TWILIO_API_KEY_SECRET" | "TWILIO_TWIML_APP_SID">;

/** Whether the deployment can issue real tokens; otherwise the console uses the simulated device. */
export function softphoneConfigured(config: SoftphoneConfig): boolean {
  return Boolean(config.TWILIO_ACCOUNT_SID && config.TWILIO_API_KEY_SID && config.TWILIO_API_KEY_SECRET && config.TWILIO_TWIML_APP_SID);
}

export function voiceToken(config: SoftphoneConfig, identity: string, now: Date): { token: string; expiresAt: Date } {
  const { AccessToken } = twilio.jwt;
  const token = new AccessToken(
    config.TWILIO_ACCOUNT_SID as string,
    config.TWILIO_API_KEY_SID as string,
    config.TWILIO_API_KEY_SECRET as string,
    { identity, ttl: TOKEN_TTL_SECONDS, nbf: Math.floor(now.getTime() / 1000) - 5 },
  );
  token.addGrant(new AccessToken.VoiceGrant({ incomingAllow: true, outgoingApplicationSid: config.TWILIO_TWIML_APP_SID as string }));
  return { token: token.toJwt(), expiresAt: new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000) };
}
