// Who sees what of contacts: phone numbers are personal data (Law 91/2025), shown in full only to the
// people who prepare campaigns; approvers see the same records with masked numbers.
import type { FastifyRequest } from "fastify";
import { maskPhone } from "../phone/mask.js";
import { currentUser } from "../plugins/app/authentication.js";

export const CONTACT_READERS = ["campaign_manager", "campaign_approver"] as const;
export const CONTACT_WRITERS = ["campaign_manager"] as const;

export function seesPhones(request: FastifyRequest): boolean {
  const { roles } = currentUser(request);
  return roles.includes("admin") || roles.includes("campaign_manager");
}

export function phoneFor(request: FastifyRequest): (phone: string) => string {
  return seesPhones(request) ? (phone) => phone : maskPhone;
}
