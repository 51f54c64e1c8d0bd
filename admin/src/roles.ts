// The console roles, declared by the database (server/contract/enums.ts), in the order the forms list them.
import { ROLES, type Role } from "../../server/contract/enums";

export type { Role };

export const roleChoices = ROLES.map((id) => ({ id, name: `tthc.roles.${id}` }));
