// Who sees what of contacts: phone numbers are personal data (Law 91/2025), shown in full only to the
// people who prepare campaigns; approvers see the same records with masked numbers and may look up
// only a complete number (server/phone/access.ts decides both, so they cannot drift).
import type { FastifyRequest } from "fastify";
import { type PhoneAccess, phoneAccess } from "../phone/access.js";
import { currentUser } from "../plugins/app/authentication.js";

export const CONTACT_READERS = ["campaign_manager", "campaign_approver"] as const;
export const CONTACT_WRITERS = ["campaign_manager"] as const;

export function contactPhoneAccess(request: FastifyRequest): PhoneAccess {
  const { roles } = currentUser(request);
  return phoneAccess(roles.includes("admin") || roles.includes("campaign_manager") ? "full" : "lookup");
}
