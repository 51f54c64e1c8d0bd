import { Role } from "../../generated/prisma/enums.js";

export type { Role };
export const ROLES = Object.values(Role) as Role[];
