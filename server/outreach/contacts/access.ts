// Who sees what of contacts: phone numbers are personal data (Law 91/2025), shown in full only to the
// people who prepare campaigns (contacts:phone-numbers); approvers see the same records with masked
// numbers and may look up only a complete number (server/phone/access.ts decides both, so they cannot drift).
import type { FastifyRequest } from "fastify";
import { currentUser } from "../../access/auth/authentication.js";
import { rolesHold } from "../../contract/permissions.js";
import { type PhoneAccess, phoneAccess } from "../../phone/access.js";

export function contactPhoneAccess(request: FastifyRequest): PhoneAccess {
  return phoneAccess(rolesHold(currentUser(request).roles, "contacts:phone-numbers") ? "full" : "lookup");
}
