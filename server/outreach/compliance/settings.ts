// The sending policy lives in the settings table under `sms.policy`, so admins change it without a
// deployment. Anything missing or malformed falls back to the lawful default, field by field.

import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { DEFAULT_POLICY, policyProblem, type SmsPolicy } from "./policy.js";

export const POLICY_KEY = "sms.policy";

type SettingsClient = Pick<Db, "setting"> | Prisma.TransactionClient;

/** The stored policy completed with the defaults; a stored policy that breaks a rule is ignored whole. */
export async function loadPolicy(db: SettingsClient): Promise<SmsPolicy> {
  const row = await db.setting.findUnique({ where: { key: POLICY_KEY } });
  const stored = row?.value;
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return { ...DEFAULT_POLICY };
  const value = stored as Record<string, unknown>;
  const policy: SmsPolicy = { ...DEFAULT_POLICY };
  for (const key of Object.keys(DEFAULT_POLICY) as (keyof SmsPolicy)[]) {
    if (typeof value[key] === typeof DEFAULT_POLICY[key]) (policy as unknown as Record<string, unknown>)[key] = value[key];
  }
  // Fields are checked together (start < end): a half-valid policy is not one to send under.
  return policyProblem(policy) ? { ...DEFAULT_POLICY } : policy;
}

export async function savePolicy(db: SettingsClient, policy: SmsPolicy): Promise<void> {
  const value = { ...policy } as unknown as Prisma.InputJsonValue;
  await db.setting.upsert({ where: { key: POLICY_KEY }, create: { key: POLICY_KEY, value }, update: { value } });
}
