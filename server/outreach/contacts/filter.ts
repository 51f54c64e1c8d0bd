// The contacts grid's filter as a where-clause, shared by the list itself and by the bulk "add every
// contact the filter matches to a list", so the list receives exactly the contacts the grid shows.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { currentUser } from "../../access/auth/authentication.js";
import { CONSENT_STATUSES } from "../../contract/enums.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { PhoneAccess } from "../../phone/access.js";
import { checkedPhoneSearch } from "../../platform/audit/phone-lookups.js";
import { codeFilter, idsFilter, integerFilter, searchWhere, stringFilter } from "../../platform/http/list-query.js";

export async function contactsWhere(
  fastify: FastifyInstance,
  request: FastifyRequest,
  access: PhoneAccess,
  filter: Record<string, unknown>,
): Promise<Prisma.ContactWhereInput> {
  const q = stringFilter(filter, "q")?.trim();
  const consent = codeFilter(filter, "consentStatus", CONSENT_STATUSES);
  const tag = stringFilter(filter, "tag");
  const listId = integerFilter(filter, "listId");
  const ids = idsFilter(filter.id);
  let search: Prisma.ContactWhereInput = {};
  if (q) {
    // A whole number matches exactly (any written form); digits match anywhere in the number, for
    // those who see numbers in full; text matches names.
    const user = currentUser(request);
    const ctx = {
      db: fastify.db,
      redis: fastify.redis,
      redisPrefix: fastify.config.REDIS_PREFIX,
      actorId: user.id,
      ip: request.ip,
      resource: "contacts" as const,
    };
    const phone = await checkedPhoneSearch(ctx, access, "q", q, { alsoText: true });
    search =
      phone.kind === "exact"
        ? { phone: phone.e164 }
        : phone.kind === "digits"
          ? { phone: { contains: phone.digits } }
          : searchWhere(filter);
  }
  return {
    AND: [
      search,
      ids ? { id: { in: ids } } : {},
      { agencyId: integerFilter(filter, "agencyId") },
      consent ? { consentStatus: consent as (typeof CONSENT_STATUSES)[number] } : {},
      tag ? { tags: { has: tag } } : {},
      listId ? { lists: { some: { listId } } } : {},
    ],
  };
}
