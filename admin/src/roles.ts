// The six console roles, declared by the database (server/contract/enums.ts), in the order the forms list them.
import { ROLES, type Role } from "../../server/contract/enums";

export type { Role };

export const roleChoices = ROLES.map((id) => ({ id, name: `tthc.roles.${id}` }));

export function isAdmin(permissions: unknown): boolean {
  return Array.isArray(permissions) && permissions.includes("admin");
}

/** Resources only administrators may see at all. */
export const ADMIN_ONLY_RESOURCES: readonly string[] = ["users", "audit-logs"];

/** Actions everyone signed in may perform on the resources they can see. */
export const READ_ACTIONS: readonly string[] = ["list", "show", "export"];
