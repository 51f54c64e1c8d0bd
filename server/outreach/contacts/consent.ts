// The consent a contact can be in: what the contacts list filters by and what segments select on.
import type { ConsentStatus } from "../../generated/prisma/enums.js";

export const CONSENT_STATUSES = ["unknown", "granted", "refused"] as const satisfies readonly ConsentStatus[];
